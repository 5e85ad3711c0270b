import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import {
  nearestInTime,
  PairGrid,
  sphereDistanceM,
  surelyWithin,
  type GridAppeal,
  type NearPair,
} from '../../lib/enrich/problems/candidates';

const RULE = { distanceM: 150, windowDays: 14 };

/** The grid's pairs when every other appeal comes in one page, as group.ts feeds it page by page. */
function nearPairs(batch: GridAppeal[], others: GridAppeal[], rule = RULE): NearPair[] {
  const grid = new PairGrid(batch, rule);
  for (const o of others) grid.add(o);
  return grid.pairs();
}
const DAY = 86_400e6;

/** Every pair the grid must find, by checking all of them. */
function bruteForce(batch: GridAppeal[], others: GridAppeal[], reach: number): NearPair[] {
  const out: NearPair[] = [];
  for (const a of batch) {
    for (const b of others) {
      if (a.id === b.id || a.topic !== b.topic || Math.abs(a.t - b.t) > RULE.windowDays * DAY) continue;
      if (b.problem === null && !(b.t < a.t || (b.t === a.t && b.id < a.id))) continue;
      const d = sphereDistanceM(a.x, a.y, b.x, b.y);
      if (d > reach) continue;
      out.push({ a: a.id, b: b.id, p: b.problem, days: (a.t - b.t) / DAY, sphereM: d });
    }
  }
  return out;
}

const key = (p: NearPair) => `${p.a}-${p.b}-${p.sphereM}`;

describe('nearPairs (the grid of problem grouping)', () => {
  it('finds exactly the pairs a check of every pair finds, in a dense city and near the pole', () => {
    for (const [lat, span] of [
      [51.77, 0.01],
      [78.2, 0.02],
      [-33.9, 0.005],
    ] as const) {
      const rng = seedrandom(`grid-${lat}`);
      const t0 = Date.UTC(2025, 0, 1) * 1000;
      const make = (id: number, problem: number | null): GridAppeal => ({
        id,
        topic: ['roads', 'waste'][Math.floor(rng() * 2)]!,
        problem,
        x: 55.1 + rng() * span * 3,
        y: lat + rng() * span,
        t: t0 + Math.floor(rng() * 60 * DAY),
      });
      const batch = Array.from({ length: 600 }, (_, i) => make(i + 1, null));
      // Stored appeals, some in problems; the batch itself is among the others, as the database returns it.
      const others = [...batch, ...Array.from({ length: 900 }, (_, i) => make(10_000 + i, i % 3 ? 500 + i : null))];
      const got = nearPairs(batch, others, RULE);
      const want = bruteForce(batch, others, RULE.distanceM * 1.01);
      expect(want.length).toBeGreaterThan(100); // the comparison is not between empty lists
      expect(new Set(got.map(key))).toEqual(new Set(want.map(key)));
      expect(got.length).toBe(want.length);
    }
  });

  it('keeps only the others next to a batch appeal, so memory follows the batch, not the table', () => {
    const rng = seedrandom('sparse');
    const t0 = Date.UTC(2025, 5, 1) * 1000;
    const at = (id: number, x: number, y: number, day: number, problem: number | null): GridAppeal => ({
      id,
      topic: 'roads',
      x,
      y,
      t: t0 + day * DAY,
      problem,
    });
    // Three new appeals in a town; 50 k stored ones over a whole region and two months, a few near the three.
    const batch = [at(1, 55.1, 51.77, 10, null), at(2, 55.3, 51.9, 20, null), at(3, 55.3005, 51.9, 21, null)];
    const others = Array.from({ length: 50_000 }, (_, i) => at(100 + i, 54 + rng() * 3, 51 + rng() * 2, rng() * 60, 7));
    others.push(at(90, 55.1008, 51.7702, 12, 8), at(91, 55.3002, 51.9001, 19, 9));
    const grid = new PairGrid(batch, RULE);
    // The batch comes back among the others, as from the database.
    const kept = [...batch, ...others].filter((o) => grid.add(o)).length;
    expect(kept).toBeGreaterThanOrEqual(5);
    expect(kept).toBeLessThan(50);
    const key = (p: NearPair) => `${p.a}-${p.b}`;
    expect(grid.pairs().map(key).sort()).toEqual(
      bruteForce(batch, [...batch, ...others], RULE.distanceM * 1.01)
        .map(key)
        .sort(),
    );
    expect(grid.pairs().map(key)).toEqual(expect.arrayContaining(['1-90', '2-91', '3-91', '3-2']));
  });

  it('pairs an appeal with an earlier ungrouped one only, and with a grouped one either way', () => {
    const at = (id: number, day: number, problem: number | null, dx = 0): GridAppeal => ({
      id,
      topic: 'roads',
      x: 55.1 + dx,
      y: 51.77,
      t: Date.UTC(2025, 0, 1) * 1000 + day * DAY,
      problem,
    });
    const a = at(2, 5, null);
    const earlier = at(1, 4, null, 0.0005); // ~35 m east
    const later = at(3, 6, null);
    const grouped = at(4, 9, 77);
    const far = at(5, 5, 78, 0.01); // ~690 m
    const old = at(6, 5 - 15, 79); // outside the 14-day window
    const pairs = nearPairs([a], [a, earlier, later, grouped, far, old], RULE);
    expect(pairs.map((p) => [p.b, p.p, p.days])).toEqual([
      [1, null, 1],
      [4, 77, -4],
    ]);
  });

  it('keeps the pairs nearest in time per appeal', () => {
    const pairs: NearPair[] = [
      { a: 1, b: 10, p: null, days: -3 },
      { a: 1, b: 11, p: 5, days: 1 },
      { a: 1, b: 12, p: 5, days: 1 },
      { a: 1, b: 13, p: null, days: 0.5 },
      { a: 2, b: 10, p: null, days: 9 },
    ].map((p) => ({ ...p, sphereM: 10 }));
    expect(nearestInTime(pairs, 2).map((p) => [p.a, p.b])).toEqual([
      [1, 11],
      [1, 13],
      [2, 10],
    ]);
  });

  it('measures on the sphere within the slack of the spheroid', () => {
    // PostGIS 3 ST_Distance(geography) on WGS 84, read off the test server: 1° of latitude at 51.5°N; 0.01° of
    // longitude at 78°N (where the sphere is shortest against the spheroid, along a parallel).
    for (const [x1, y1, x2, y2, spheroid] of [
      [55, 51, 55, 52, 111_257.827],
      [55, 78, 55.01, 78, 232.191],
    ] as const) {
      const sphere = sphereDistanceM(x1, y1, x2, y2);
      expect(Math.abs(sphere / spheroid - 1)).toBeLessThan(0.005);
      expect(sphere).not.toBe(spheroid);
      // At the limit the sphere does not decide (PostGIS measures); well inside it does.
      expect(surelyWithin(sphere, spheroid)).toBe(false);
      expect(surelyWithin(sphere, spheroid * 1.02)).toBe(true);
    }
  });
});
