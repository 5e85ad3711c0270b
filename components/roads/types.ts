import type { ScoreBand } from '@/lib/roads/bands';
import type { SortKey as PageSortKey } from '@/lib/roads/page';
import type { ScoredSegment, Weights } from '@/lib/roads/types';

/** GET /api/roads/priorities: one page of the list, filtered and sorted on the server. */
export interface PrioritiesResponse {
  asOf: string;
  from: string;
  owner: string | null;
  facilities: boolean;
  /** The stored weights the list is scored with. */
  weights: Weights;
  /** The page's segments (scored with the previewed weights when asked for), with their rank shift. */
  segments: Row[];
  /** Complaints per km a segment needs to count as hot (list a). */
  hotPerKm: number;
  /** Sizes of the whole list and the three exception lists. */
  counts: { all: number; a: number; b: number; c: number };
  classes: string[];
  /** Segments whose rank the previewed weights move. */
  moved: number;
  /** Segments that pass the filters; the page holds up to pageSize of them. */
  total: number;
  page: number;
  pageSize: number;
  /** With scores=1: every listed segment's score, and the colour bands over them. */
  scores?: Record<string, number>;
  bands?: ScoreBand[];
}

/** GET /api/roads/segments/{id} */
export interface SegmentDetailResponse {
  segment: ScoredSegment;
  asOf: string;
  from: string;
  total: number;
  /** Of `total`, the appeals that are not thanks: the same number as segment.complaints. */
  complaints: number;
  appeals: {
    id: number;
    createdAt: string;
    channel: string;
    status: string;
    isGratitude: boolean;
    text: string | null;
    address: string | null;
    distanceM: number | null;
  }[];
  plans: {
    id: number;
    source: string;
    externalId: string;
    year: number | null;
    status: string | null;
    workType: string | null;
    completedAt: string | null;
    warrantyUntil: string | null;
  }[];
}

/** A segment as the table shows it: scored with the weights being edited, and how far its rank moved. */
export type Row = ScoredSegment & { shift: number };

export type SortKey = PageSortKey;
export type Tab = 'all' | 'a' | 'b' | 'c';
