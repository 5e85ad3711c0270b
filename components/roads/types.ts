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

/** A segment as the table shows it: scored with the weights being edited, and how far its rank moved. */
export type Row = ScoredSegment & { shift: number };

export type SortKey = 'rank' | 'score' | 'perKm' | 'complaints' | 'citizens' | 'trend' | 'rating' | 'lengthM' | 'name' | 'sinceRepair';
export type Tab = 'all' | 'a' | 'b' | 'c';
