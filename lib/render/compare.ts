import { cellRing, type HexCell } from './hexGeojson';
import { countBreaks, rampColors } from './colorScale';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { dayIndex, dayOfIndex } from '../domain/days';

/** One cell of a period-vs-period map: its counts in period A and B, and the change B − A. */
export interface DiffCell {
  h3: string;
  a: number;
  b: number;
  diff: number;
}

/** Per-cell change from period A to period B over the union of their cells, sorted by cell index. */
export function cellDifference(a: readonly HexCell[], b: readonly HexCell[]): DiffCell[] {
  const cells = new Map<string, DiffCell>();
  for (const c of a) cells.set(c.h3, { h3: c.h3, a: c.count, b: 0, diff: -c.count });
  for (const c of b) {
    const prev = cells.get(c.h3);
    const before = prev?.a ?? 0;
    cells.set(c.h3, { h3: c.h3, a: before, b: c.count, diff: c.count - before });
  }
  return [...cells.values()].sort((x, y) => (x.h3 < y.h3 ? -1 : x.h3 > y.h3 ? 1 : 0));
}

export interface DiffSummary {
  totalA: number;
  totalB: number;
  /** Cells that gained, lost, or kept their count. */
  increased: number;
  decreased: number;
  unchanged: number;
  /** The largest |B − A| over the cells (0 when there are none). */
  maxAbs: number;
}

export function diffSummary(cells: readonly DiffCell[]): DiffSummary {
  const s: DiffSummary = { totalA: 0, totalB: 0, increased: 0, decreased: 0, unchanged: 0, maxAbs: 0 };
  for (const c of cells) {
    s.totalA += c.a;
    s.totalB += c.b;
    if (c.diff > 0) s.increased++;
    else if (c.diff < 0) s.decreased++;
    else s.unchanged++;
    s.maxAbs = Math.max(s.maxAbs, Math.abs(c.diff));
  }
  return s;
}

/** Diverging blue (fewer) → grey → red (more), ColorBrewer RdBu with 7 classes, reversed. */
export const DIVERGING_RAMP = ['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b'] as const;

/** A class of changes, both ends inclusive; `null` ends are open ("−20 and less", "20 and more"). */
export interface DiffClass {
  from: number | null;
  to: number | null;
  color: string;
}

/**
 * Symmetric classes around "no change" for changes up to `maxAbs` in size: the increases use the same
 * geometric breaks as the count legend (1, …), the decreases mirror them, and 0 has its own neutral class.
 */
export function divergingClasses(maxAbs: number, perSide = 3): DiffClass[] {
  const neutral = DIVERGING_RAMP[3];
  if (!Number.isFinite(maxAbs) || maxAbs < 1) return [{ from: 0, to: 0, color: neutral }];
  const breaks = countBreaks(maxAbs, perSide);
  const up = rampColors(breaks.length, DIVERGING_RAMP.slice(4));
  const down = rampColors(breaks.length, [...DIVERGING_RAMP.slice(0, 3)].reverse());
  const positive: DiffClass[] = breaks.map((from, i) => ({
    from,
    to: i + 1 < breaks.length ? breaks[i + 1] - 1 : null,
    color: up[i],
  }));
  const negative: DiffClass[] = positive
    .map((c, i) => ({ from: c.to === null ? null : -c.to, to: -(c.from as number), color: down[i] }))
    .reverse();
  return [...negative, { from: 0, to: 0, color: neutral }, ...positive];
}

export type DiffColor = string | ['step', ['get', string], string, ...(string | number)[]];

/** A MapLibre `step` expression over the feature property `diff` that matches {@link divergingClasses}. */
export function diffColorExpression(classes: readonly DiffClass[], property = 'diff'): DiffColor {
  if (classes.length === 1) return classes[0].color;
  const expr: DiffColor = ['step', ['get', property], classes[0].color];
  // Each class after the first starts at its lowest integer: `from`, or for open-low classes never (they come first).
  for (const c of classes.slice(1)) expr.push(c.from as number, c.color);
  return expr;
}

export type DiffFeatureCollection = FeatureCollection<Polygon, DiffCell>;

/** Hexagon polygons carrying a, b and diff, for the compare layer. */
export function diffFeatureCollection(cells: readonly DiffCell[]): DiffFeatureCollection {
  const features: Feature<Polygon, DiffCell>[] = cells.map((c) => ({
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [cellRing(c.h3)] },
    properties: { ...c },
  }));
  return { type: 'FeatureCollection', features };
}

/**
 * Periods to start a comparison with: B is the current period, A the period of the same length just
 * before it. When nothing lies before B (it starts at the data's first day), the range is halved instead:
 * A the first half, B the second.
 */
export function defaultComparison(
  b: { from: string; to: string },
  dataMin: string,
): { a: { from: string; to: string }; b: { from: string; to: string } } {
  const from = dayIndex(b.from);
  const to = dayIndex(b.to);
  const days = to - from + 1;
  if (from - days >= dayIndex(dataMin)) return { a: { from: dayOfIndex(from - days), to: dayOfIndex(from - 1) }, b };
  const mid = from + Math.floor(days / 2);
  return { a: { from: b.from, to: dayOfIndex(mid - 1) }, b: { from: dayOfIndex(mid), to: b.to } };
}
