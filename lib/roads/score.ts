import { CAPS, MIN_LENGTH_M, UNKNOWN_CONDITION } from '../domain/roadScore';
import { PARTS, type Part, type PlanState, type ScoredSegment, type SegmentStats, type Weights } from './types';

export { CAPS, MIN_LENGTH_M, UNKNOWN_CONDITION };

/** The weights a fresh installation starts with; admins and road agencies edit them on /roads. */
export const DEFAULT_WEIGHTS: Weights = {
  per_km: 3,
  citizens: 2,
  trend: 1,
  condition: 2,
  road_class: 1,
  facilities: 1,
};

/** How much a road's class matters: main roads carry more people. Unknown classes count as residential. */
export const CLASS_VALUE: Record<string, number> = {
  motorway: 1,
  trunk: 1,
  primary: 1,
  secondary: 0.75,
  tertiary: 0.5,
  residential: 0.25,
  service: 0.25,
  other: 0.25,
};

export const perKmOf = (s: Pick<SegmentStats, 'complaints' | 'lengthM'>): number =>
  s.complaints / (Math.max(s.lengthM, MIN_LENGTH_M) / 1000);

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/** Each part of the score as a value from 0 to 1 (pure; see docs/roads-priority.md). */
export function partsOf(s: SegmentStats): Record<Part, number> {
  const both = s.last90 + s.prev90;
  return {
    per_km: clamp01(perKmOf(s) / CAPS.perKm),
    citizens: clamp01(s.citizens / CAPS.citizens),
    trend: both === 0 ? 0 : clamp01((s.last90 - s.prev90) / both),
    condition: s.rating === null ? UNKNOWN_CONDITION : clamp01((5 - s.rating) / 4),
    road_class: CLASS_VALUE[s.roadClass ?? ''] ?? CLASS_VALUE.residential,
    facilities: clamp01(s.facilities / CAPS.facilities),
  };
}

/** Weights actually used: a part whose layer is missing (no facilities imported) drops out instead of scoring 0. */
export function effectiveWeights(w: Weights, opts: { facilities: boolean }): Weights {
  return { ...w, facilities: opts.facilities ? w.facilities : 0 };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function planStateOf(s: SegmentStats, asOf: string): { planState: PlanState; underWarranty: boolean } {
  const underWarranty = !!s.lastRepair?.warrantyUntil && s.lastRepair.warrantyUntil >= asOf;
  const planState: PlanState = s.activePlan
    ? s.activePlan.status
    : underWarranty
      ? 'warranty'
      : s.lastRepair
        ? 'done'
        : '';
  return { planState, underWarranty };
}

/**
 * Scores and ranks segments: score = 100 × Σ wᵢ·partᵢ / Σ wᵢ (0 … 100), each part's points shown apart.
 * Ties rank by complaints per km, then by external id, so the order is stable.
 */
export function rankSegments(
  stats: readonly SegmentStats[],
  weights: Weights,
  opts: { facilities: boolean; asOf: string },
): ScoredSegment[] {
  const w = effectiveWeights(weights, opts);
  const total = PARTS.reduce((a, p) => a + Math.max(0, w[p]), 0);
  const scored = stats.map((s) => {
    const parts = partsOf(s);
    const contributions = Object.fromEntries(
      PARTS.map((p) => [p, total > 0 ? round1((100 * Math.max(0, w[p]) * parts[p]) / total) : 0]),
    ) as Record<Part, number>;
    const raw = total > 0 ? PARTS.reduce((a, p) => a + Math.max(0, w[p]) * parts[p], 0) / total : 0;
    return {
      ...s,
      ...planStateOf(s, opts.asOf),
      perKm: round1(perKmOf(s)),
      parts,
      contributions,
      score: round1(100 * raw),
      rank: 0,
    };
  });
  scored.sort((a, b) => b.score - a.score || b.perKm - a.perKm || a.externalId.localeCompare(b.externalId));
  scored.forEach((s, i) => (s.rank = i + 1));
  return scored;
}

/** How ranks move when the weights change: segment id → (old rank − new rank), positive = moves up. */
export function rankShift(before: readonly ScoredSegment[], after: readonly ScoredSegment[]): Map<number, number> {
  const old = new Map(before.map((s) => [s.id, s.rank]));
  return new Map(after.map((s) => [s.id, (old.get(s.id) ?? s.rank) - s.rank]));
}
