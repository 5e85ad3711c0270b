import type { ScoredSegment } from './types';

/*
 * One page of the priority list, cut on the server: the list of 18 000 segments is filtered (exception list, street
 * name or code, plan state, road class), sorted by the column the user picked and sliced. Pure: the route
 * app/api/roads/priorities and its unit test use it.
 */

export const SORT_KEYS = [
  'rank',
  'score',
  'perKm',
  'complaints',
  'citizens',
  'trend',
  'rating',
  'lengthM',
  'name',
  'sinceRepair',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const PLAN_FILTERS = ['none', 'planned', 'in_progress', 'warranty', 'done'] as const;
export const LIST_TABS = ['all', 'a', 'b', 'c'] as const;
export type ListTab = (typeof LIST_TABS)[number];

const SORTERS: Record<SortKey, (r: ScoredSegment) => number | string> = {
  rank: (r) => r.rank,
  score: (r) => r.score,
  perKm: (r) => r.perKm,
  complaints: (r) => r.complaints,
  citizens: (r) => r.citizens,
  trend: (r) => r.last90 - r.prev90,
  rating: (r) => r.rating ?? 3,
  lengthM: (r) => r.lengthM,
  name: (r) => r.name ?? '',
  sinceRepair: (r) => r.complaintsSinceRepair,
};

export interface PageQuery {
  /** Ids of the exception list to keep (null: every segment). */
  only: ReadonlySet<number> | null;
  q?: string;
  plan?: (typeof PLAN_FILTERS)[number];
  roadClass?: string;
  sort: SortKey;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const collator = new Intl.Collator('ru');

/** The segments that pass the filters, sorted (ties by rank), and the page of them asked for; `total` counts all that pass. */
export function pageOf<T extends ScoredSegment>(all: readonly T[], o: PageQuery): { total: number; rows: T[] } {
  const needle = o.q?.trim().toLowerCase() ?? '';
  const kept = all.filter(
    (r) =>
      (!o.only || o.only.has(r.id)) &&
      (!needle || `${r.name ?? ''} ${r.externalId}`.toLowerCase().includes(needle)) &&
      (!o.plan || (o.plan === 'none' ? r.planState === '' : r.planState === o.plan)) &&
      (!o.roadClass || r.roadClass === o.roadClass),
  );
  const key = SORTERS[o.sort];
  const dir = o.dir === 'asc' ? 1 : -1;
  kept.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = typeof x === 'string' ? collator.compare(x, String(y)) : x - (y as number);
    return c * dir || a.rank - b.rank;
  });
  const start = (o.page - 1) * o.pageSize;
  return { total: kept.length, rows: kept.slice(start, start + o.pageSize) };
}
