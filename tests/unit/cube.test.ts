import { cellToChildren } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { CubeBuilder, cubeCellCounts, dayNumber, type RollupRow } from '../../lib/aggregate/cube/cube';
import { childHex, fineCellCounts } from '../../lib/aggregate/cube/fine';
import { padForCells } from '../../lib/aggregate/hexagons';
import { appealFilterSchema } from '../../lib/domain/filters';

// Two res-7 cells in Moscow (one res-4 parent, two res-5 parents) and one in St Petersburg.
const MSK_A = '8711aa7aaffffff'; // parents: res 5 8511aa7bfffffff, res 4 8411aa7ffffffff
const MSK_B = '8711aa633ffffff'; // parents: res 5 8511aa63fffffff, res 4 8411aa7ffffffff
const SPB = '871106064ffffff'; // parents: res 5 85110607fffffff, res 4 8411061ffffffff

const row = (h3: string, day: string, n: number, o: Partial<RollupRow> = {}): RollupRow => ({
  h3,
  day: dayNumber(day),
  n,
  topic: 'roads',
  channel: 'social',
  status: 'new',
  municipalityId: 0,
  gratitude: false,
  ...o,
});

function cube() {
  const b = new CubeBuilder('42:1:42', [{ id: 7, code: 'M7', name: 'Москва' }]);
  b.cellPoint(MSK_A, 37.62, 55.75);
  b.cellPoint(MSK_B, 37.7, 55.8);
  b.cellPoint(SPB, 30.31, 59.94);
  // The appeals, one row each (given out of order: the builder sorts them by cell and day), with digits 8 and 9 of
  // their res-9 cell: MSK_A's in 8911aa7aa37ffff (digits 1, 5: child 13) and 8911aa7aa03ffff (0, 0) …
  const appeals: [string, string, number, Partial<RollupRow>][] = [
    [SPB, '2026-03-31', 4, { topic: 'housing' }],
    [MSK_A, '2026-01-05', 1, { municipalityId: 7, child: 13 }],
    [MSK_A, '2026-01-05', 1, { municipalityId: 7, child: 0 }],
    [MSK_A, '2026-01-31', 1, { gratitude: true, municipalityId: 7, child: 0 }],
    [MSK_B, '2026-02-10', 5, { channel: 'pos', status: 'closed' }],
    [MSK_A, '2026-03-01', 3, { topic: 'waste', municipalityId: 7, child: 13 }],
  ];
  for (const [h3, day, times, o] of appeals) for (let i = 0; i < times; i++) b.add('appeals', row(h3, day, 1, o));
  b.add('appeals', row(SPB, '2026-01-20', 0)); // a zero row counts nothing
  // … and the same appeals by month.
  for (const r of [
    row(SPB, '2026-03-01', 4, { topic: 'housing' }),
    row(MSK_A, '2026-01-01', 2, { municipalityId: 7 }),
    row(MSK_A, '2026-01-01', 1, { gratitude: true, municipalityId: 7 }),
    row(MSK_B, '2026-02-01', 5, { channel: 'pos', status: 'closed' }),
    row(MSK_A, '2026-03-01', 3, { topic: 'waste', municipalityId: 7 }),
  ])
    b.add('appeal_rollup_month', r);
  return b.build();
}

// These cases count thanks too unless they say otherwise; the default (GRATITUDE_DEFAULT) leaves them out.
const f = (o: Record<string, string>) => appealFilterSchema.parse({ gratitude: 'include', ...o });

describe('the in-memory rollup cube', () => {
  const c = cube();

  it('keeps rows, version and cells', () => {
    expect(c.version).toBe('42:1:42');
    expect(c.rows).toBe(20);
    expect(c.cells.hex).toEqual([MSK_A, MSK_B, SPB]);
    // Sorted by cell, then by day (MSK_A's six appeals, MSK_B's five, SPB's four; the zero row is dropped).
    expect(Array.from(c.tables.appeals.period)).toEqual(
      [
        '2026-01-05',
        '2026-01-05',
        '2026-01-31',
        '2026-03-01',
        '2026-03-01',
        '2026-03-01',
        ...Array(5).fill('2026-02-10'),
        ...Array(4).fill('2026-03-31'),
      ].map(dayNumber),
    );
    expect(Array.from(c.tables.appeals.cellStart)).toEqual([0, 6, 11, 15]);
    expect(Array.from(c.tables.appeal_rollup_month.cellStart)).toEqual([0, 3, 4, 5]);
    // Whole-history totals: one row per (cell, combo, municipality), all months summed.
    expect(c.tables.total.length).toBe(5);
    expect(c.tables.total.n.reduce((a, b) => a + b, 0)).toBe(15);
    expect(dayNumber('1970-01-02')).toBe(1);
  });

  it('sums per parent cell at each resolution, sorted by cell id', () => {
    expect(cubeCellCounts(c, f({}), 4, null)).toEqual([
      { h3: '8411061ffffffff', count: 4 },
      { h3: '8411aa7ffffffff', count: 11 },
    ]);
    expect(cubeCellCounts(c, f({}), 5, null)).toEqual([
      { h3: '85110607fffffff', count: 4 },
      { h3: '8511aa63fffffff', count: 5 },
      { h3: '8511aa7bfffffff', count: 6 },
    ]);
    expect(cubeCellCounts(c, f({}), 7, null)).toEqual([
      { h3: SPB, count: 4 },
      { h3: MSK_B, count: 5 },
      { h3: MSK_A, count: 6 },
    ]);
  });

  it('filters on topic, channel, status, thanks and municipality (code or name)', () => {
    expect(cubeCellCounts(c, f({ topic: 'roads', gratitude: 'exclude' }), 4, null)).toEqual([
      { h3: '8411aa7ffffffff', count: 7 },
    ]);
    expect(cubeCellCounts(c, f({ gratitude: 'only' }), 7, null)).toEqual([{ h3: MSK_A, count: 1 }]);
    expect(cubeCellCounts(c, f({ channel: 'pos', status: 'closed,answered' }), 7, null)).toEqual([
      { h3: MSK_B, count: 5 },
    ]);
    expect(cubeCellCounts(c, f({ channel: 'pos', status: 'new' }), 7, null)).toEqual([]);
    expect(cubeCellCounts(c, f({ municipality: 'M7' }), 7, null)).toEqual([{ h3: MSK_A, count: 6 }]);
    expect(cubeCellCounts(c, f({ municipality: 'Москва', topic: 'waste' }), 7, null)).toEqual([
      { h3: MSK_A, count: 3 },
    ]);
    expect(cubeCellCounts(c, f({ municipality: 'Казань' }), 7, null)).toEqual([]);
  });

  it('takes whole months from the monthly rows and the days at either end from the appeal rows', () => {
    // 2026-01-31 … 2026-03-01: Jan 31 (appeals: 1), February (monthly: 5), Mar 1 (appeals: 3).
    expect(cubeCellCounts(c, f({ from: '2026-01-31', to: '2026-03-01' }), 7, null)).toEqual([
      { h3: MSK_B, count: 5 },
      { h3: MSK_A, count: 4 },
    ]);
    // Whole months only.
    expect(cubeCellCounts(c, f({ from: '2026-03-01', to: '2026-03-31' }), 4, null)).toEqual([
      { h3: '8411061ffffffff', count: 4 },
      { h3: '8411aa7ffffffff', count: 3 },
    ]);
    // Inside one month: appeal rows only.
    expect(cubeCellCounts(c, f({ from: '2026-01-02', to: '2026-01-30' }), 7, null)).toEqual([{ h3: MSK_A, count: 2 }]);
    expect(cubeCellCounts(c, f({ to: '2026-01-04' }), 7, null)).toEqual([]);
    expect(cubeCellCounts(c, f({ from: '2026-03-31' }), 7, null)).toEqual([{ h3: SPB, count: 4 }]);
  });

  it('restricts to cells whose point lies in the box', () => {
    expect(cubeCellCounts(c, f({}), 7, [37.6, 55.7, 37.65, 55.76])).toEqual([{ h3: MSK_A, count: 6 }]);
    expect(cubeCellCounts(c, f({}), 4, [37.0, 55.0, 38.0, 56.0])).toEqual([{ h3: '8411aa7ffffffff', count: 11 }]);
    expect(cubeCellCounts(c, f({}), 5, [0, 0, 1, 1])).toEqual([]);
  });

  it('names the res-8/9 descendants of a res-7 cell from its two digits (as h3-js does)', () => {
    expect(childHex(MSK_A, 9, 13)).toBe('8911aa7aa37ffff');
    expect(childHex(MSK_A, 8, 8)).toBe('8811aa7aa3fffff');
    expect(childHex(MSK_A, 9, 0)).toBe('8911aa7aa03ffff');
    const all = Array.from({ length: 49 }, (_, i) => childHex(MSK_A, 9, Math.floor(i / 7) * 8 + (i % 7)));
    expect(all).toEqual(cellToChildren(MSK_A, 9));
  });

  it('counts res 8–9 near a viewport from the appeal rows', () => {
    const box = [37.61, 55.74, 37.63, 55.76];
    const near = (res: number) => padForCells(padForCells(box, res), 7);
    // MSK_A: child 0 holds Jan 5 (roads) and Jan 31 (roads, thanks); child 13 holds Jan 5 (roads) and Mar 1 (3 waste).
    expect(fineCellCounts(c, f({}), 9, padForCells(box, 9), near(9))).toEqual([
      { h3: '8911aa7aa03ffff', count: 2 },
      { h3: '8911aa7aa37ffff', count: 4 },
    ]);
    expect(fineCellCounts(c, f({}), 8, padForCells(box, 8), near(8))).toEqual([
      { h3: '8811aa7aa1fffff', count: 2 },
      { h3: '8811aa7aa3fffff', count: 4 },
    ]);
    expect(fineCellCounts(c, f({ topic: 'roads', to: '2026-02-01' }), 9, padForCells(box, 9), near(9))).toEqual([
      { h3: '8911aa7aa03ffff', count: 2 },
      { h3: '8911aa7aa37ffff', count: 1 },
    ]);
    expect(fineCellCounts(c, f({ gratitude: 'exclude', municipality: 'M7' }), 9, padForCells(box, 9), near(9))).toEqual(
      [
        { h3: '8911aa7aa03ffff', count: 1 },
        { h3: '8911aa7aa37ffff', count: 4 },
      ],
    );
    expect(fineCellCounts(c, f({ municipality: 'Казань' }), 9, padForCells(box, 9), near(9))).toEqual([]);
    // Far from the box: nothing.
    expect(fineCellCounts(c, f({}), 9, [30, 59, 30.1, 59.1], [30, 59, 30.1, 59.1])).toEqual([]);
  });

  it('answers res 4–7 only', () => {
    expect(() => cubeCellCounts(c, f({}), 8, null)).toThrow('res 4..7');
  });
});
