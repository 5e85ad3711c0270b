import { describe, expect, it } from 'vitest';
import { exceptionLists, hotThreshold } from '../../lib/roads/exceptions';
import { DEFAULT_WEIGHTS, partsOf, rankSegments, rankShift } from '../../lib/roads/score';
import type { SegmentStats, Weights } from '../../lib/roads/types';

const seg = (over: Partial<SegmentStats> & Pick<SegmentStats, 'id' | 'externalId'>): SegmentStats => ({
  name: null,
  owner: 'municipal',
  roadClass: 'residential',
  rating: null,
  lengthM: 1000,
  complaints: 0,
  citizens: 0,
  last90: 0,
  prev90: 0,
  facilities: 0,
  activePlan: null,
  lastRepair: null,
  complaintsSinceRepair: 0,
  thanksAfterRepair: 0,
  ...over,
});

// A constructed network of three segments.
const A = seg({
  id: 1,
  externalId: 'A',
  roadClass: 'primary',
  lengthM: 500,
  complaints: 10,
  citizens: 8,
  last90: 6,
  prev90: 2,
  rating: 2,
  facilities: 3,
});
const B = seg({
  id: 2,
  externalId: 'B',
  roadClass: 'residential',
  lengthM: 50,
  complaints: 1,
  citizens: 1,
  last90: 0,
  prev90: 1,
  rating: null,
});
const C = seg({ id: 3, externalId: 'C', roadClass: 'tertiary', lengthM: 2000, rating: 1 });
const AS_OF = '2026-06-30';

describe('priority score', () => {
  it('computes each part from the statistics', () => {
    // 10 complaints on 0.5 km = 20/km (the cap) → 1; 8 of 10 citizens; (6 − 2) / 8; (5 − 2) / 4; primary; 3 facilities.
    expect(partsOf(A)).toEqual({ per_km: 1, citizens: 0.8, trend: 0.5, condition: 0.75, road_class: 1, facilities: 1 });
    // 50 m counts as 100 m: 10/km → 0.5; a decline is 0; no rating is 0.5; residential 0.25.
    expect(partsOf(B)).toEqual({
      per_km: 0.5,
      citizens: 0.1,
      trend: 0,
      condition: 0.5,
      road_class: 0.25,
      facilities: 0,
    });
    expect(partsOf(C)).toEqual({ per_km: 0, citizens: 0, trend: 0, condition: 1, road_class: 0.5, facilities: 0 });
  });

  it('scores 100 × Σ w·part / Σ w with the default weights, facilities left out when no layer is loaded', () => {
    const ranked = rankSegments([C, B, A], DEFAULT_WEIGHTS, { facilities: false, asOf: AS_OF });
    expect(ranked.map((s) => [s.externalId, s.rank, s.score])).toEqual([
      ['A', 1, 84.4],
      ['B', 2, 32.8],
      ['C', 3, 27.8],
    ]);
    // A: (3·1 + 2·0.8 + 1·0.5 + 2·0.75 + 1·1) / 9 = 7.6 / 9; the points add up to the score.
    expect(ranked[0].contributions).toEqual({
      per_km: 33.3,
      citizens: 17.8,
      trend: 5.6,
      condition: 16.7,
      road_class: 11.1,
      facilities: 0,
    });
    expect(ranked[0].perKm).toBe(20);
    expect(ranked[1].perKm).toBe(10);
  });

  it('counts the facilities part when the layer is loaded', () => {
    const [a] = rankSegments([A], DEFAULT_WEIGHTS, { facilities: true, asOf: AS_OF });
    // (7.6 + 1·1) / 10
    expect(a.score).toBe(86);
    expect(a.contributions.facilities).toBe(10);
  });

  it('shows what the weights do: condition alone reverses the order', () => {
    const before = rankSegments([A, B, C], DEFAULT_WEIGHTS, { facilities: false, asOf: AS_OF });
    const onlyCondition: Weights = { per_km: 0, citizens: 0, trend: 0, condition: 1, road_class: 0, facilities: 0 };
    const after = rankSegments([A, B, C], onlyCondition, { facilities: false, asOf: AS_OF });
    expect(after.map((s) => [s.externalId, s.score])).toEqual([
      ['C', 100],
      ['A', 75],
      ['B', 50],
    ]);
    expect(Object.fromEntries([...rankShift(before, after)].map(([id, d]) => [id, d]))).toEqual({ 3: 2, 1: -1, 2: -1 });
  });

  it('all weights zero scores everything 0 and keeps a stable order', () => {
    const zero: Weights = { per_km: 0, citizens: 0, trend: 0, condition: 0, road_class: 0, facilities: 0 };
    expect(
      rankSegments([C, B, A], zero, { facilities: true, asOf: AS_OF }).map((s) => [s.externalId, s.score]),
    ).toEqual([
      ['A', 0],
      ['B', 0],
      ['C', 0],
    ]);
  });
});

describe('exception lists', () => {
  const hot = { complaints: 4, lengthM: 500, citizens: 3 };
  const net = [
    seg({ id: 10, externalId: 'D-planned-hot', ...hot, activePlan: { status: 'planned', year: 2026, workType: null } }),
    seg({
      id: 11,
      externalId: 'E-hot-old-repair',
      ...hot,
      lastRepair: { completedAt: '2019-06-01', warrantyUntil: '2023-06-01', workType: null },
    }),
    seg({
      id: 12,
      externalId: 'F-warranty-claim',
      ...hot,
      complaintsSinceRepair: 2,
      lastRepair: { completedAt: '2025-06-01', warrantyUntil: '2029-06-01', workType: null },
    }),
    seg({ id: 13, externalId: 'G-planned-quiet', activePlan: { status: 'in_progress', year: 2026, workType: null } }),
    seg({
      id: 14,
      externalId: 'H-warranty-quiet',
      lastRepair: { completedAt: '2025-06-01', warrantyUntil: '2029-06-01', workType: null },
    }),
    seg({ id: 15, externalId: 'I-warm', complaints: 2, lengthM: 100 }),
    seg({
      id: 16,
      externalId: 'J-warranty-ends-today',
      complaints: 1,
      complaintsSinceRepair: 1,
      lastRepair: { completedAt: '2022-06-30', warrantyUntil: AS_OF, workType: null },
    }),
  ];
  const ranked = rankSegments(net, DEFAULT_WEIGHTS, { facilities: false, asOf: AS_OF });
  const lists = exceptionLists(ranked);
  const ids = (xs: { externalId: string }[]) => xs.map((s) => s.externalId).sort();

  it('(a) hot segments with nothing planned and no warranty running', () => {
    expect(ids(lists.hotUnplanned)).toEqual(['E-hot-old-repair']);
  });
  it('(b) planned or in-progress segments without complaints', () => {
    expect(ids(lists.plannedQuiet)).toEqual(['G-planned-quiet']);
  });
  it('(c) repaired segments under warranty with complaints since the repair, the warranty day included', () => {
    expect(ids(lists.warrantyClaims)).toEqual(['F-warranty-claim', 'J-warranty-ends-today']);
    expect(lists.warrantyClaims[0].externalId).toBe('F-warranty-claim');
    expect(ranked.find((s) => s.externalId === 'F-warranty-claim')?.planState).toBe('warranty');
    expect(ranked.find((s) => s.externalId === 'E-hot-old-repair')?.planState).toBe('done');
  });
});

describe('what counts as hot', () => {
  it('the top fifth by complaints per km among segments with 3+ complaints, never below 5 per km', () => {
    const mk = (n: number, perKmTimesTen: number) =>
      seg({ id: n, externalId: `S${n}`, complaints: perKmTimesTen, lengthM: 10_000 });
    // 50, 40, 30, 20, 10 complaints on 10 km: 5, 4, 3, 2, 1 per km; and one segment with 2 complaints (not counted).
    const many = rankSegments(
      [
        mk(1, 50),
        mk(2, 40),
        mk(3, 30),
        mk(4, 20),
        mk(5, 10),
        seg({ id: 6, externalId: 'S6', complaints: 2, lengthM: 100 }),
      ],
      DEFAULT_WEIGHTS,
      { facilities: false, asOf: AS_OF },
    );
    expect(hotThreshold(many)).toBe(5);
    expect(exceptionLists(many).hotUnplanned.map((s) => s.externalId)).toEqual(['S1']);
    const dense = rankSegments(
      [
        mk(1, 500),
        mk(2, 400),
        mk(3, 300),
        mk(4, 200),
        mk(5, 100),
        mk(7, 450),
        mk(8, 350),
        mk(9, 250),
        mk(10, 150),
        mk(11, 120),
      ],
      DEFAULT_WEIGHTS,
      { facilities: false, asOf: AS_OF },
    );
    // Ten segments: the top fifth is the 2nd highest value, 45 per km.
    expect(hotThreshold(dense)).toBe(45);
    expect(
      exceptionLists(dense)
        .hotUnplanned.map((s) => s.externalId)
        .sort(),
    ).toEqual(['S1', 'S7']);
  });
});
