import { benjaminiHochberg } from './fdr';
import { giStar, neighbourIndex, studyArea } from './getisOrd';
import { hotspotLabel, type HotspotLabel } from './label';
import { mannKendall } from './mannKendall';

export interface HotspotCell {
  h3: string;
  label: HotspotLabel;
  /** Gi* z over the whole window. */
  z: number;
  /** Its two-sided p. */
  p: number;
  /** Benjamini–Hochberg adjusted p over the study area, for readers who want the false discovery rate instead. */
  q: number;
  /** Mann–Kendall z of the weekly counts of the cell's neighbourhood (the cell and its ring). */
  trend: number;
  /** Appeals in the cell over the whole window. */
  count: number;
}

export interface HotspotOptions {
  /** Significance level of each cell's Gi* and trend test, uncorrected (default 0.05; docs/hotspots.md says why). */
  alpha?: number;
  /** Number of consecutive periods the weeks are split into for new / persistent (default 4). */
  periods?: number;
  /** The study area; default: the occupied cells plus their k=1 ring (studyArea). */
  area?: readonly string[];
}

export interface HotspotAnalysis {
  alpha: number;
  weeks: number;
  periods: number;
  /** Cells with appeals or a label, labelled first, then by z descending. */
  cells: HotspotCell[];
}

/** Splits weeks 0..weeks-1 into `periods` consecutive blocks of (nearly) equal length: [start, end) each. */
export function periodBounds(weeks: number, periods: number): [number, number][] {
  const p = Math.max(1, Math.min(periods, weeks));
  return Array.from({ length: p }, (_, k) => [Math.floor((k * weeks) / p), Math.floor(((k + 1) * weeks) / p)]);
}

const sumRange = (s: readonly number[], [a, b]: [number, number]) => {
  let t = 0;
  for (let i = a; i < b; i++) t += s[i];
  return t;
};

/** Hot: z > 0 and a two-sided p ≤ alpha. */
function hotMask(x: number[], nb: number[][], alpha: number) {
  const g = giStar(x, nb);
  return { g, hot: g.map((r) => r.z > 0 && r.p <= alpha) };
}

/**
 * Emerging-hotspot analysis of weekly appeal counts per H3 cell (all cells of one resolution). `weekly` maps a
 * cell to its counts for weeks 0..weeks-1; cells not in it count zero. See docs/hotspots.md for the method.
 */
export function analyzeHotspots(
  weekly: ReadonlyMap<string, readonly number[]>,
  weeks: number,
  opts: HotspotOptions = {},
): HotspotAnalysis {
  const alpha = opts.alpha ?? 0.05;
  const bounds = periodBounds(weeks, opts.periods ?? 4);
  const occupied = [...weekly.entries()].filter(([, s]) => s.some((v) => v > 0)).map(([c]) => c);
  const area = opts.area ? [...opts.area] : studyArea(occupied);
  const nb = neighbourIndex(area);
  const zeros = new Array<number>(weeks).fill(0);
  const series = area.map((c) => weekly.get(c) ?? zeros);

  const count = series.map((s) => sumRange(s, [0, weeks]));
  const total = hotMask(count, nb, alpha);
  const perPeriod = bounds.map(
    (b) =>
      hotMask(
        series.map((s) => sumRange(s, b)),
        nb,
        alpha,
      ).hot,
  );

  // The trend of a cell is that of its Gi* neighbourhood's weekly counts: the unit the hotspot is about.
  const keep = area.map((_, i) => count[i] > 0 || total.hot[i] || perPeriod.some((h) => h[i]));
  const trend = area.map((_, i) => {
    if (!keep[i]) return { z: 0, p: 1 };
    const local = new Array<number>(weeks).fill(0);
    for (const j of nb[i]) for (let w = 0; w < weeks; w++) local[w] += series[j][w];
    return mannKendall(local);
  });
  const q = benjaminiHochberg(total.g.map((r) => r.p));

  const cells: HotspotCell[] = [];
  area.forEach((h3, i) => {
    if (!keep[i]) return;
    const t = trend[i];
    const label = hotspotLabel({
      periods: perPeriod.map((h) => h[i]),
      overall: total.hot[i],
      trend: t.p <= alpha ? (t.z > 0 ? 'up' : 'down') : 'none',
    });
    cells.push({ h3, label, z: total.g[i].z, p: total.g[i].p, q: q[i], trend: t.z, count: count[i] });
  });
  cells.sort((a, b) => Number(b.label !== '') - Number(a.label !== '') || b.z - a.z || (a.h3 < b.h3 ? -1 : 1));
  return { alpha, weeks, periods: bounds.length, cells };
}
