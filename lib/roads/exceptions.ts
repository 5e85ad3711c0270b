import { HOT } from '../domain/roadScore';
import type { ScoredSegment } from './types';

export { HOT };

/** The per-km value a hot segment needs among these segments (nearest rank of the top share). */
export function hotThreshold(ranked: readonly ScoredSegment[]): number {
  const perKm = ranked
    .filter((s) => s.complaints >= HOT.minComplaints)
    .map((s) => s.perKm)
    .sort((a, b) => b - a);
  if (!perKm.length) return HOT.minPerKm;
  const idx = Math.max(0, Math.ceil(perKm.length * HOT.topShare) - 1);
  return Math.max(HOT.minPerKm, perKm[idx]);
}

export const isHot = (s: ScoredSegment, threshold: number): boolean =>
  s.complaints >= HOT.minComplaints && s.perKm >= threshold;

export interface ExceptionLists {
  /** Complaints per km a segment needs to be hot here. */
  hotPerKm: number;
  /** (a) Hot segments in no plan (nothing planned or in progress, no repair under warranty). */
  hotUnplanned: ScoredSegment[];
  /** (b) Planned or in-progress segments without a single complaint in the period: re-check the need. */
  plannedQuiet: ScoredSegment[];
  /** (c) Repaired, still under warranty, and complained about since the repair: a claim to the contractor. */
  warrantyClaims: ScoredSegment[];
}

/** The three exception lists, each in the order of the ranked input (c: most complaints since repair first). */
export function exceptionLists(ranked: readonly ScoredSegment[]): ExceptionLists {
  const hotPerKm = hotThreshold(ranked);
  return {
    hotPerKm,
    hotUnplanned: ranked.filter((s) => isHot(s, hotPerKm) && !s.activePlan && !s.underWarranty),
    plannedQuiet: ranked.filter((s) => s.activePlan !== null && s.complaints === 0),
    warrantyClaims: ranked
      .filter((s) => s.underWarranty && s.complaintsSinceRepair > 0)
      .sort((a, b) => b.complaintsSinceRepair - a.complaintsSinceRepair || a.rank - b.rank),
  };
}
