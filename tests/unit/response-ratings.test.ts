import { describe, expect, it } from 'vitest';
import {
  type AppealRecord,
  periodFigures,
  previousPeriod,
  quantileHours,
  rateResponse,
} from '../../lib/aggregate/response/ratings';

// Every time below is hours after 2021-03-01T00:00Z; the period is the week [0 h, 168 h), the previous week
// [−168 h, 0 h), and the report is as of 216 h (2021-03-10T00:00Z) unless a test says otherwise.
const BASE = Date.UTC(2021, 2, 1);
const at = (hours: number) => new Date(BASE + hours * 3_600_000);
const WEEK = { from: at(0), to: at(168) };
const AS_OF = at(216);

function rec(
  key: string,
  created: number,
  answeredAfter: number | null,
  dueAfter: number | null,
  isOtpiska: boolean | null = null,
  dissatisfied: boolean | null = null,
): AppealRecord {
  return {
    key,
    createdAt: at(created),
    firstAnswerAt: answeredAfter === null ? null : at(created + answeredAfter),
    dueAt: dueAfter === null ? null : at(created + dueAfter),
    isOtpiska,
    dissatisfied,
  };
}

const A = 'ЖА Выборгского района';
const B = 'Администрация Приморского района';
const C = 'ГКУ «Центр комплексного благоустройства»';
const D = 'Водоканал';

const records: AppealRecord[] = [
  // A, this week: answered after 10, 20, 40, 100 h and one open; due after 48, 48, 24, none, 48.
  rec(A, 0, 10, 48, false, false), // on time
  rec(A, 1, 20, 48, true, true), // on time
  rec(A, 2, 40, 24, null, null), // late
  rec(A, 3, 100, null, true, null), // answered, no due time
  rec(A, 4, null, 48), // open, due at 52 h < 216 h: overdue
  // A, the week before: both on time, after 5 and 15 h.
  rec(A, -72, 5, 48, false, null),
  rec(A, -48, 15, 24, false, null),
  // B, this week: answered after 6, 12, 30 h, all due after 48 h; one open appeal due at 250 h (> 216 h): pending.
  rec(B, 10, 6, 48),
  rec(B, 20, 12, 48),
  rec(B, 30, 30, 48),
  rec(B, 150, null, 100),
  // C: one appeal this week — below the minimum of 2.
  rec(C, 5, 1, 48),
  // D: two appeals the week before, none this week.
  rec(D, -100, 2, 48),
  rec(D, -90, 3, 48),
  // Outside both weeks: ignored.
  rec(A, 168, 1, 48), // the period's end is excluded
  rec(B, -169, 1, 48), // before the previous week
];

describe('previousPeriod', () => {
  it('is the period of equal length that ends where the given one starts', () => {
    expect(previousPeriod(WEEK)).toEqual({
      from: new Date('2021-02-22T00:00:00Z'),
      to: new Date('2021-03-01T00:00:00Z'),
    });
  });
});

describe('quantileHours: linear interpolation (type 7, PostgreSQL percentile_cont)', () => {
  it.each([
    [[10, 20, 40, 100], 0.5, 30], // index 1.5: 20 + 0.5·20
    [[6, 12, 30], 0.5, 12], // index 1
    [[5, 15], 0.5, 10],
    [[5, 15], 0.9, 14], // index 0.9: 5 + 0.9·10
    [[7], 0.9, 7],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9, 10], // index 9
  ])('%j at %d is %d', (sorted, p, expected) => {
    expect(quantileHours(sorted, p)).toBeCloseTo(expected, 9);
  });

  it('p90 between ranks: [10, 20, 40, 100] → index 2.7 → 40 + 0.7·60 = 82', () => {
    expect(quantileHours([10, 20, 40, 100], 0.9)).toBeCloseTo(82, 9);
  });

  it('is null for no answers', () => {
    expect(quantileHours([], 0.5)).toBeNull();
  });
});

describe('rateResponse on a hand-made set', () => {
  const r = rateResponse(records, WEEK, { asOf: AS_OF });

  it('rates the keys with at least 2 appeals this week, B (all on time) before A (half on time)', () => {
    expect(r.minAppeals).toBe(2);
    expect(r.rated.map((k) => [k.key, k.rank])).toEqual([
      [B, 1],
      [A, 2],
    ]);
  });

  it('lists the keys below the minimum as not rated, by appeals this week, including one seen only last week', () => {
    expect(r.notRated.map((k) => [k.key, k.rank, k.current.appeals, k.previous.appeals])).toEqual([
      [C, null, 1, 0],
      [D, null, 0, 2],
    ]);
  });

  it("A's week: counts, on-time share, median and p90 hours, отписки and dissatisfaction", () => {
    const a = r.rated.find((k) => k.key === A)!.current;
    expect(a).toMatchObject({
      appeals: 5,
      answered: 4,
      onTime: 2,
      lateAnswered: 1,
      openOverdue: 1,
      pending: 0,
      onTimeShare: 0.5, // 2 / (2 + 1 + 1); the answered appeal without a due time is in neither
      medianHours: 30,
      otpiski: 2,
      otpiskaKnown: 3,
      dissatisfied: 1,
      verdictKnown: 2,
      dissatisfiedShare: 0.5,
    });
    expect(a.p90Hours).toBeCloseTo(82, 9);
    expect(a.otpiskaShare).toBeCloseTo(0.6667, 4); // 2 of the 3 answers with a known flag
  });

  it("A's previous week and the change", () => {
    const k = r.rated.find((x) => x.key === A)!;
    expect(k.previous).toMatchObject({
      appeals: 2,
      answered: 2,
      onTimeShare: 1,
      medianHours: 10,
      otpiskaShare: 0,
      dissatisfiedShare: null,
    });
    expect(k.previous.p90Hours).toBeCloseTo(14, 9);
    expect(k.change).toMatchObject({
      appeals: 3,
      answered: 2,
      onTimeShare: -0.5,
      medianHours: 20,
      dissatisfiedShare: null,
    });
    expect(k.change.p90Hours).toBeCloseTo(68, 9);
    expect(k.change.otpiskaShare).toBeCloseTo(0.6667, 4);
  });

  it("B's week: an open appeal not yet due at the report's moment is pending, not late", () => {
    const k = r.rated.find((x) => x.key === B)!;
    expect(k.current).toMatchObject({
      appeals: 4,
      answered: 3,
      onTime: 3,
      lateAnswered: 0,
      openOverdue: 0,
      pending: 1,
      onTimeShare: 1,
      medianHours: 12,
      otpiskaShare: null,
      dissatisfiedShare: null,
    });
    expect(k.current.p90Hours).toBeCloseTo(26.4, 9); // index 1.8: 12 + 0.8·18
    // B had no appeal the week before (the one at −169 h is outside it): no previous share, no change.
    expect(k.previous.appeals).toBe(0);
    expect(k.change).toMatchObject({ appeals: 4, answered: 3, onTimeShare: null, medianHours: null });
  });

  it('the same open appeal becomes overdue once the report is made after its due time (250 h)', () => {
    const later = rateResponse(records, WEEK, { asOf: at(300) });
    const b = later.rated.find((x) => x.key === B)!.current;
    expect([b.onTime, b.openOverdue, b.pending, b.onTimeShare]).toEqual([3, 1, 0, 0.75]);
  });

  it('the as-of moment defaults to the end of the period', () => {
    const atEnd = rateResponse(records, WEEK);
    expect(atEnd.asOf).toEqual(at(168));
    const b = atEnd.rated.find((x) => x.key === B)!.current;
    expect([b.answered, b.pending]).toEqual([3, 1]);
  });
});

describe('the minimum-volume rule', () => {
  it.each([
    [1, [C, B, A], [D]], // C: one appeal, on time, 1 h — first
    [2, [B, A], [C, D]],
    [4, [B, A], [C, D]],
    [5, [A], [B, C, D]],
    [6, [], [A, B, C, D]],
  ])('minAppeals %d rates %j', (minAppeals, rated, notRated) => {
    const r = rateResponse(records, WEEK, { asOf: AS_OF, minAppeals });
    expect(r.rated.map((k) => k.key)).toEqual(rated);
    expect(r.notRated.map((k) => k.key)).toEqual(notRated);
  });

  it('refuses a minimum below 1 and an empty period', () => {
    expect(() => rateResponse(records, WEEK, { minAppeals: 0 })).toThrow(/minAppeals/);
    expect(() => rateResponse(records, { from: at(5), to: at(5) })).toThrow(/period/);
  });
});

describe('ranking ties', () => {
  const set = [
    // X: on time, 10 and 20 h → median 15.
    rec('X', 0, 10, 48),
    rec('X', 1, 20, 48),
    // Y: on time, 5 and 25 h → median 15: ties with X.
    rec('Y', 0, 5, 48),
    rec('Y', 1, 25, 48),
    // Z: on time, 2 and 4 h → median 3: ahead of X and Y.
    rec('Z', 0, 2, 48),
    rec('Z', 1, 4, 48),
    // W: one on time, one late → 0.5.
    rec('W', 0, 1, 48),
    rec('W', 1, 60, 48),
    // V: no due times → no on-time share: after every key with one.
    rec('V', 0, 1, null),
    rec('V', 1, 1, null),
  ];

  it('orders by on-time share, then median hours; equal keys share a rank (1, 2, 2, 4, 5), listed by key', () => {
    const r = rateResponse(set, WEEK, { asOf: AS_OF });
    expect(r.rated.map((k) => [k.key, k.rank, k.current.onTimeShare, k.current.medianHours])).toEqual([
      ['Z', 1, 1, 3],
      ['X', 2, 1, 15],
      ['Y', 2, 1, 15],
      ['W', 4, 0.5, 30.5],
      ['V', 5, null, 1],
    ]);
  });
});

describe('periodFigures: answers the data cannot vouch for', () => {
  it('an answer before registration or after the as-of moment is no answer', () => {
    const f = periodFigures(
      [
        { ...rec('K', 10, 5, 48), firstAnswerAt: at(9) }, // answered before it was created
        rec('K', 10, 300, 48), // answered at 310 h, after the report's 216 h; due at 58 h → open overdue
        rec('K', 10, 0, 48), // answered the moment it arrived: 0 h
      ],
      AS_OF,
    );
    expect(f).toMatchObject({
      appeals: 3,
      answered: 1,
      onTime: 1,
      openOverdue: 2,
      onTimeShare: 0.3333333333333333,
      medianHours: 0,
      p90Hours: 0,
    });
  });
});
