import type { Part } from '../domain/roadScore';

/** What the priority list knows about one segment: its attributes and the statistics of the appeals snapped to it. */
export interface SegmentStats {
  id: number;
  externalId: string;
  name: string | null;
  owner: string | null;
  roadClass: string | null;
  /** 1 = worst … 5 = best; null when not surveyed. */
  rating: number | null;
  lengthM: number;
  /** Road complaints (not thanks) snapped to the segment in the period. */
  complaints: number;
  /** Distinct authors (pseudonyms) of those complaints. */
  citizens: number;
  /** Complaints in the 90 days up to the as-of day, and in the 90 days before those. */
  last90: number;
  prev90: number;
  /** Schools, hospitals, stops … within the facility radius (0 when no such layer is imported). */
  facilities: number;
  /** The latest planned or in-progress entry, if any. */
  activePlan: { status: 'planned' | 'in_progress'; year: number | null; workType: string | null } | null;
  /** The latest completed repair, if any. */
  lastRepair: { completedAt: string; warrantyUntil: string | null; workType: string | null } | null;
  /** Complaints since the last repair's completion. */
  complaintsSinceRepair: number;
  /** Thanks (is_gratitude appeals) since the last repair's completion. */
  thanksAfterRepair: number;
}

export { PARTS, type Part } from '../domain/roadScore';
export type Weights = Record<Part, number>;

export type PlanState = 'planned' | 'in_progress' | 'done' | 'warranty' | '';

export interface ScoredSegment extends SegmentStats {
  perKm: number;
  /** Each part's value, 0 … 1. */
  parts: Record<Part, number>;
  /** Each part's points: 100 × weight × value / sum of weights; they add up to the score. */
  contributions: Record<Part, number>;
  score: number;
  /** 1 = repair first. */
  rank: number;
  planState: PlanState;
  underWarranty: boolean;
}
