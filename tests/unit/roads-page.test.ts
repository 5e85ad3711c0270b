import { describe, expect, it } from 'vitest';
import { pageOf } from '../../lib/roads/page';
import type { ScoredSegment } from '../../lib/roads/types';

/** A fixture segment: only what the filters and sorters read matters. */
const seg = (id: number, rank: number, score: number, o: Partial<ScoredSegment> = {}): ScoredSegment => ({
  id,
  externalId: `S-${id}`,
  name: `улица ${id}`,
  owner: 'municipal',
  roadClass: 'local',
  rating: null,
  lengthM: 100 * id,
  complaints: id,
  citizens: 0,
  last90: 0,
  prev90: 0,
  facilities: 0,
  activePlan: null,
  lastRepair: null,
  complaintsSinceRepair: 0,
  thanksAfterRepair: 0,
  perKm: 0,
  parts: {} as ScoredSegment['parts'],
  contributions: {} as ScoredSegment['contributions'],
  score,
  rank,
  planState: '',
  underWarranty: false,
  ...o,
});

// 120 segments: rank 1 has the highest score.
const all = Array.from({ length: 120 }, (_, i) => seg(i + 1, i + 1, 120 - i));
const base = { only: null, sort: 'rank' as const, dir: 'asc' as const, page: 1, pageSize: 50 };

describe('pageOf: one page of the priority list', () => {
  it('gives the asked page and the total of the whole list', () => {
    const p1 = pageOf(all, base);
    expect(p1.total).toBe(120);
    expect(p1.rows.map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const p3 = pageOf(all, { ...base, page: 3 });
    expect(p3.rows.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => 101 + i));
    expect(pageOf(all, { ...base, page: 4 }).rows).toEqual([]);
  });

  it('sorts the whole list before cutting it, by the column asked, ties by rank', () => {
    const byLength = pageOf(all, { ...base, sort: 'lengthM', dir: 'desc', pageSize: 3 });
    expect(byLength.rows.map((r) => r.id)).toEqual([120, 119, 118]);
    const tied = [seg(1, 1, 5, { complaints: 7 }), seg(2, 2, 4, { complaints: 9 }), seg(3, 3, 3, { complaints: 7 })];
    expect(pageOf(tied, { ...base, sort: 'complaints', dir: 'desc' }).rows.map((r) => r.id)).toEqual([2, 1, 3]);
    const names = [
      seg(1, 1, 1, { name: 'Ёлочная' }),
      seg(2, 2, 1, { name: 'Абрикосовая' }),
      seg(3, 3, 1, { name: 'Южная' }),
    ];
    expect(pageOf(names, { ...base, sort: 'name' }).rows.map((r) => r.name)).toEqual([
      'Абрикосовая',
      'Ёлочная',
      'Южная',
    ]);
  });

  it('filters by list, street name or code, plan and class, and counts what passes', () => {
    expect(pageOf(all, { ...base, only: new Set([5, 77, 999]) })).toMatchObject({ total: 2 });
    expect(pageOf(all, { ...base, q: ' УЛИЦА 11' }).rows.map((r) => r.id)).toEqual([
      11, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119,
    ]);
    expect(pageOf(all, { ...base, q: 's-7' }).rows.map((r) => r.id)).toEqual([
      7, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79,
    ]);
    const mixed = [seg(1, 1, 3, { planState: 'planned' }), seg(2, 2, 2), seg(3, 3, 1, { roadClass: 'primary' })];
    expect(pageOf(mixed, { ...base, plan: 'planned' }).rows.map((r) => r.id)).toEqual([1]);
    expect(pageOf(mixed, { ...base, plan: 'none' }).rows.map((r) => r.id)).toEqual([2, 3]);
    expect(pageOf(mixed, { ...base, roadClass: 'primary' }).rows.map((r) => r.id)).toEqual([3]);
  });
});
