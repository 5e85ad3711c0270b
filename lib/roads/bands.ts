import { quantileSorted } from 'simple-statistics';

export interface ScoreBand {
  /** Lower bound, inclusive (the first band starts at 0). */
  from: number;
  color: string;
  label: string;
}

/** Grey for segments with a score of 0, then light to dark for the quartiles of the others. */
export const BAND_COLORS = ['#9ca3af', '#fde047', '#fb923c', '#dc2626', '#7f1d1d'] as const;

const fmt = (x: number) => x.toLocaleString('ru-RU', { maximumFractionDigits: 1 });
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Colour bands by quantiles of the scores on the map, so that segments separate even when most scores sit close
 * together: 0 is its own grey band, the positive scores split at their quartiles (equal breaks merge, so a list with
 * few distinct scores gets fewer bands). Each band's `from` is inclusive; the last band is open.
 */
export function scoreBands(scores: readonly number[]): ScoreBand[] {
  const zero: ScoreBand = { from: 0, color: BAND_COLORS[0], label: '0 (нет жалоб)' };
  const pos = scores.filter((s) => Number.isFinite(s) && s > 0).sort((a, b) => a - b);
  if (pos.length === 0) return [zero];
  // Breaks above the smallest positive score: the bands' lower bounds after the first positive one.
  const breaks = [...new Set([0.25, 0.5, 0.75].map((p) => round1(quantileSorted(pos, p))))].filter(
    (b) => b > round1(pos[0]) && b > 0,
  );
  const lows = [1e-9, ...breaks];
  return [
    zero,
    ...lows.map((from, i) => {
      const next = lows[i + 1];
      const label =
        i === 0
          ? next === undefined
            ? `больше 0`
            : `до ${fmt(next)}`
          : next === undefined
            ? `${fmt(from)} и выше`
            : `${fmt(from)}–${fmt(next)}`;
      return { from, color: BAND_COLORS[Math.min(i + 1 + (4 - lows.length), 4)], label };
    }),
  ];
}
