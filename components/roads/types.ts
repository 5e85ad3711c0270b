import type { ScoredSegment, Weights } from '@/lib/roads/types';

/** GET /api/roads/priorities */
export interface PrioritiesResponse {
  asOf: string;
  from: string;
  owner: string | null;
  facilities: boolean;
  weights: Weights;
  segments: ScoredSegment[];
  /** Complaints per km a segment needs to count as hot (list a). */
  hotPerKm: number;
  lists: { a: number[]; b: number[]; c: number[] };
}

/** GET /api/roads/segments/{id} */
export interface SegmentDetailResponse {
  segment: ScoredSegment;
  asOf: string;
  from: string;
  total: number;
  /** Of `total`, the appeals that are not thanks: the same number as segment.complaints. */
  complaints: number;
  appeals: { id: number; createdAt: string; channel: string; status: string; isGratitude: boolean; text: string | null; address: string | null; distanceM: number | null }[];
  plans: { id: number; source: string; externalId: string; year: number | null; status: string | null; workType: string | null; completedAt: string | null; warrantyUntil: string | null }[];
}

/** A segment as the table shows it: scored with the weights being edited, and how far its rank moved. */
export type Row = ScoredSegment & { shift: number };

export type SortKey = 'rank' | 'score' | 'perKm' | 'complaints' | 'citizens' | 'trend' | 'rating' | 'lengthM' | 'name' | 'sinceRepair';
export type Tab = 'all' | 'a' | 'b' | 'c';
