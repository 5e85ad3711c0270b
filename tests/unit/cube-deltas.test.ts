import { cellToChildren, cellToLatLng, cellToParent } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { CubeBuilder, cubeCellCounts, dayNumber, type Combo } from '../../lib/aggregate/cube/cube';
import { fineCellCounts } from '../../lib/aggregate/cube/fine';
import { withDeltas, withFineDeltas, type DeltaRow } from '../../lib/aggregate/cube/overlay';
import { padForCells } from '../../lib/aggregate/hexagons';
import { appealFilterSchema } from '../../lib/domain/filters';

// Two res-7 cells in Moscow, one in St Petersburg and one in Kazan (Kazan only ever in the deltas).
const MSK_A = '8711aa7aaffffff';
const MSK_B = '8711aa633ffffff';
const SPB = '871106064ffffff';
const KZN = cellToParent('8911808a14bffff', 7);
const CELLS = [MSK_A, MSK_B, SPB, KZN];
const point = (h7: string): [number, number] => {
  const [lat, lon] = cellToLatLng(h7);
  return [lon, lat];
};
const MUNIS = [
  { id: 7, code: 'M7', name: 'Москва' },
  { id: 9, code: 'K9', name: 'Казань' },
];

/** Appeals as the database holds them: a res-9 cell, a day, a combination, a municipality, a count. */
interface Group extends Combo {
  h9: string;
  day: string;
  muni: number;
  n: number;
}
const g = (h7: string, child: number, day: string, n: number, o: Partial<Group> = {}): Group => ({
  h9: cellToChildren(h7, 9)[child],
  day,
  n,
  topic: 'roads',
  channel: 'social',
  status: 'new',
  gratitude: false,
  muni: 0,
  ...o,
});
const keyOf = (x: Group) => [x.h9, x.day, x.topic, x.channel, x.status, x.gratitude, x.muni].join('|');

/** A cube built from scratch from the groups, as loadCube builds it from the monthly rollup and the appeals. */
function cubeOf(groups: Group[], cellsWithPoints: string[]) {
  const b = new CubeBuilder('v', MUNIS);
  for (const h of cellsWithPoints) b.cellPoint(h, ...point(h));
  const monthly = new Map<string, Group & { h7: string }>();
  const summed = new Map<string, Group>();
  for (const x of groups) summed.set(keyOf(x), { ...x, n: (summed.get(keyOf(x))?.n ?? 0) + x.n });
  for (const x of summed.values()) {
    if (x.n <= 0) continue;
    const h7 = cellToParent(x.h9, 7);
    for (const [m, day] of [[monthly, `${x.day.slice(0, 7)}-01`]] as const) {
      const k = keyOf({ ...x, h9: h7, day });
      const prev = m.get(k);
      m.set(k, { ...x, h7, day, n: (prev?.n ?? 0) + x.n });
    }
    const child = Number((BigInt(`0x${x.h9}`) >> 18n) & 63n);
    for (let i = 0; i < x.n; i++)
      b.add('appeals', { ...x, h3: h7, day: dayNumber(x.day), municipalityId: x.muni, n: 1, child });
  }
  for (const [table, m] of [['appeal_rollup_month', monthly]] as const) {
    for (const x of m.values()) b.add(table, { ...x, h3: x.h7, day: dayNumber(x.day), municipalityId: x.muni });
  }
  return b.build();
}

const base: Group[] = [
  g(MSK_A, 3, '2026-01-05', 2, { muni: 7 }),
  g(MSK_A, 10, '2026-01-31', 1, { gratitude: true, muni: 7 }),
  g(MSK_B, 0, '2026-02-10', 5, { channel: 'pos', status: 'closed' }),
  g(MSK_A, 3, '2026-03-01', 3, { topic: 'waste', muni: 7 }),
  g(SPB, 20, '2026-03-31', 4, { topic: 'housing' }),
];
// Writes after the cube's snapshot, as appeal_cube_delta lists them (grouped, signed).
const changes: Group[] = [
  g(KZN, 5, '2026-03-02', 2, { muni: 9 }), // a bot's appeals in a cell the cube has never seen
  g(MSK_B, 0, '2026-02-10', -1, { channel: 'pos', status: 'closed' }), // one appeal's status changed …
  g(MSK_B, 0, '2026-02-10', 1, { channel: 'pos', status: 'answered' }), // … to "answered"
  g(MSK_A, 10, '2026-01-31', -1, { gratitude: true, muni: 7 }), // the only thanks deleted
  g(MSK_A, 40, '2026-01-06', 1, { muni: 7 }), // a new res-9 cell in a known res-7 cell
];
const deltas: DeltaRow[] = changes.map((x) => {
  const [lon, lat] = point(cellToParent(x.h9, 7));
  return {
    h3: x.h9,
    day: dayNumber(x.day),
    topic: x.topic,
    channel: x.channel,
    status: x.status,
    municipalityId: x.muni,
    gratitude: x.gratitude,
    n: x.n,
    lon,
    lat,
  };
});

const before = cubeOf(base, CELLS.slice(0, 3));
const after = cubeOf([...base, ...changes], CELLS);
const f = (o: Record<string, string>) => appealFilterSchema.parse(o);
const filters: Record<string, string>[] = [
  {},
  { gratitude: 'include' },
  { gratitude: 'only' },
  { topic: 'roads' },
  { status: 'answered' },
  { channel: 'pos' },
  { municipality: 'Казань' },
  { municipality: 'M7', gratitude: 'include' },
  { from: '2026-02-01' },
  { from: '2026-01-06', to: '2026-03-01' },
  { to: '2026-01-31', gratitude: 'include' },
];

describe('a cube with the writes it has not seen', () => {
  it('counts res 4–7 as a cube rebuilt with them would', () => {
    let changed = 0;
    for (const o of filters) {
      for (const res of [4, 5, 6, 7]) {
        for (const box of [
          null,
          padForCells([37.5, 55.6, 37.8, 55.9], res),
          padForCells([48.9, 55.6, 49.3, 55.9], res),
        ]) {
          const want = cubeCellCounts(after, f(o), res, box);
          const was = cubeCellCounts(before, f(o), res, box);
          expect(withDeltas(before, deltas, was, f(o), res, box), JSON.stringify([o, res, box])).toEqual(want);
          if (JSON.stringify(want) !== JSON.stringify(was)) changed++;
        }
      }
    }
    // The deltas change most of these answers: the comparison is not between two empty lists.
    expect(changed).toBeGreaterThan(30);
  });

  it('counts res 8–9 near a viewport as a cube rebuilt with them would', () => {
    let changed = 0;
    for (const o of filters) {
      for (const res of [8, 9] as const) {
        for (const box of [
          [37.55, 55.7, 37.75, 55.8],
          [48.9, 55.6, 49.3, 55.9],
        ]) {
          const padded = padForCells(box, res);
          const near = padForCells(padded, 7);
          const want = fineCellCounts(after, f(o), res, padded, near);
          const was = fineCellCounts(before, f(o), res, padded, near);
          expect(withFineDeltas(before, deltas, was, f(o), res, padded, near), JSON.stringify([o, res, box])).toEqual(
            want,
          );
          if (JSON.stringify(want) !== JSON.stringify(was)) changed++;
        }
      }
    }
    expect(changed).toBeGreaterThan(15);
  });

  it('drops a cell whose count the deltas take to zero', () => {
    const gone = withDeltas(
      before,
      deltas,
      cubeCellCounts(before, f({ gratitude: 'only' }), 7, null),
      f({ gratitude: 'only' }),
      7,
      null,
    );
    expect(cubeCellCounts(before, f({ gratitude: 'only' }), 7, null)).toEqual([{ h3: MSK_A, count: 1 }]);
    expect(gone).toEqual([]);
  });
});
