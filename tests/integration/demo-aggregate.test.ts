import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { hexagonCounts, hexagonQuerySchema } from '../../lib/aggregate/hexagons';
import { mapMeta } from '../../lib/aggregate/meta';
import { seedDemo } from '../../lib/demo/seed';
import { freshPostgres } from '../helpers/db';

let db: Database;
let first: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  ({ db } = await freshPostgres('demo_aggregate'));
  first = await seedDemo(db, { appeals: 6000 });
});
afterAll(async () => {
  await db?.close();
});

describe('seed-demo', () => {
  it('loads every part and a second run inserts nothing', async () => {
    expect(first).toMatchObject({
      boundaries: 42,
      roads: 18074,
      plans: 110,
      points: 100,
      appeals: 6000,
      appeals_inserted: 6000,
      appeals_rejected: 0,
    });
    const again = await seedDemo(db, { appeals: 6000 });
    expect(again.appeals_inserted).toBe(0);
    const [c] = await db.query<{ n: number; m: number; s: number }>(
      `SELECT count(*) n, count(municipality_id) m, count(road_segment_id) s FROM appeals`,
    );
    expect(Number(c.n)).toBe(6000);
    expect(Number(c.m)).toBeGreaterThan(5000); // all located appeals fall in a municipality
    expect(Number(c.s)).toBeGreaterThan(0); // road complaints in Orenburg snap to segments
  });

  it('meta says the boundaries are approximate and gives the data extent', async () => {
    const m = await mapMeta(db);
    expect(m.approximateBoundaries).toBe(true);
    expect(m.topics).toHaveLength(11);
    const [w, s, e, n] = m.bounds!;
    expect(w).toBeGreaterThan(50);
    expect(e).toBeLessThan(62);
    expect(s).toBeGreaterThan(50);
    expect(n).toBeLessThan(55);
    expect(m.dateRange.max! > m.dateRange.min!).toBe(true);
  });
});

describe('H3 aggregation', () => {
  it('equals counting the raw points with h3-js, at every resolution', async () => {
    const pts = await db.query<{ lat: number; lon: number }>(
      `SELECT ST_Y(geom) lat, ST_X(geom) lon FROM appeals WHERE geom IS NOT NULL AND NOT is_gratitude AND topic = 'roads'`,
    );
    for (const res of [5, 7, 9]) {
      const expected = new Map<string, number>();
      for (const p of pts) {
        const c = cellToParent(latLngToCell(p.lat, p.lon, 9), res);
        expected.set(c, (expected.get(c) ?? 0) + 1);
      }
      const got = await hexagonCounts(db, hexagonQuerySchema.parse({ res: String(res), topic: 'roads' }));
      expect(new Map(got.cells.map((c) => [c.h3, c.count]))).toEqual(expected);
      expect(got.total).toBe(pts.length);
    }
  });

  it('filters by topic, dates and gratitude, and restricts to the bbox', async () => {
    const all = await hexagonCounts(db, hexagonQuerySchema.parse({ res: '6', gratitude: 'include' }));
    const noThanks = await hexagonCounts(db, hexagonQuerySchema.parse({ res: '6' }));
    const thanks = await hexagonCounts(db, hexagonQuerySchema.parse({ res: '6', gratitude: 'only' }));
    expect(noThanks.total + thanks.total).toBe(all.total);
    const roads = await hexagonCounts(db, hexagonQuerySchema.parse({ res: '6', topic: 'roads' }));
    expect(roads.total).toBeLessThan(noThanks.total);
    const [{ n }] = await db.query<{ n: number }>(
      `SELECT count(*) n FROM appeals WHERE geom IS NOT NULL AND NOT is_gratitude AND created_at >= '2026-01-01' AND created_at < '2026-04-01'`,
    );
    const q1 = await hexagonCounts(db, hexagonQuerySchema.parse({ res: '6', from: '2026-01-01', to: '2026-03-31' }));
    expect(q1.total).toBe(Number(n));
    // Orenburg city only: fewer than the whole oblast, more than zero.
    const city = await hexagonCounts(db, hexagonQuerySchema.parse({ res: '8', bbox: '55.0,51.72,55.25,51.85' }));
    expect(city.total).toBeGreaterThan(0);
    expect(city.total).toBeLessThan(noThanks.total);
  });

  it('refuses bad parameters', () => {
    expect(hexagonQuerySchema.safeParse({ res: '12' }).success).toBe(false);
    expect(hexagonQuerySchema.safeParse({ res: '6', bbox: '1,2,3' }).success).toBe(false);
    expect(hexagonQuerySchema.safeParse({ res: '6', topic: "roads'--" }).success).toBe(false);
  });
});
