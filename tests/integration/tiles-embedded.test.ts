import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client';
import { migrateToLatest } from '../../db/migrate';
import { clearAggregateCache } from '../../lib/aggregate/cache';
import { getTile } from '../../lib/aggregate/tiles';
import { appealFilterSchema } from '../../lib/domain/filters';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { appealMappingSchema, readMappingFile } from '../../lib/ingest/mapping';
import { ROOT, SHARED_DATA } from '../helpers/cli';
import { decodeLayer } from '../helpers/mvt';

/* The embedded path for real: PGlite + PostGIS (no ST_AsMVT there), the migration's triggers, the JS encoder. */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-tiles-pglite-'));
let db: Database;
const all = appealFilterSchema.parse({});

beforeAll(async () => {
  db = await openDatabase({ dataDir: path.join(tmp, 'pglite') });
  await migrateToLatest(db);
  const mapping = readMappingFile(appealMappingSchema, path.join(ROOT, 'examples/nyc311.json'));
  const r = await importAppeals(db, path.join(SHARED_DATA, 'nyc311_sample_2011.csv'), {
    mapping,
    rejectsPath: path.join(tmp, 'r.csv'),
  });
  expect(r.inserted).toBe(2000);
  clearAggregateCache();
}, 300_000);
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('tiles on PGlite', () => {
  it('hexagons at z10 carry the res-7 counts of the raw points; points at z16 only public fields', async () => {
    const pts = await db.query<{ lat: number; lon: number }>(
      `SELECT ST_Y(geom) lat, ST_X(geom) lon FROM appeals WHERE geom IS NOT NULL`,
    );
    const expected = new Map<string, number>();
    for (const p of pts) {
      const c = cellToParent(latLngToCell(p.lat, p.lon, 9), 7);
      expected.set(c, (expected.get(c) ?? 0) + 1);
    }
    const t = { z: 10, x: 301, y: 384 }; // Manhattan
    const { tile } = await getTile(db, 'appeals', all, null, t);
    const feats = decodeLayer(tile, 'appeals', t.z, t.x, t.y);
    expect(feats.length).toBeGreaterThan(20);
    for (const f of feats) {
      expect(f.type).toBe(3);
      expect(f.properties.count, String(f.properties.h3)).toBe(expected.get(String(f.properties.h3)));
    }

    const [a] = await db.query<{ id: number; lat: number; lon: number; text: string }>(
      `SELECT id, ST_Y(geom) lat, ST_X(geom) lon, text FROM appeals WHERE geom IS NOT NULL ORDER BY id LIMIT 1`,
    );
    const n = 2 ** 16;
    const r = (a.lat * Math.PI) / 180;
    const p = {
      z: 16,
      x: Math.floor(((a.lon + 180) / 360) * n),
      y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
    };
    const pt = await getTile(db, 'appeals', all, null, p);
    const f = decodeLayer(pt.tile, 'appeals', p.z, p.x, p.y).find((x) => x.properties.id === a.id)!;
    expect(f.type).toBe(1);
    expect(Object.keys(f.properties)).not.toContain('text');
    expect(f.lonlat[0][0][0]).toBeCloseTo(a.lon, 4);
    expect(f.lonlat[0][0][1]).toBeCloseTo(a.lat, 4);
    expect(Buffer.from(pt.tile).toString('latin1')).not.toContain(a.text.slice(0, 12));
  });

  it('the rollup triggers run on PGlite too: rollup = raw GROUP BY', async () => {
    const q = `SELECT h3_parent(h3, 7) h, topic, status, sum(1)::int n FROM appeals WHERE h3 IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
    const raw = await db.query(q);
    const roll = await db.query(
      `SELECT h3_r7 h, topic, status, sum(n)::int n FROM appeal_rollup_month GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    expect(roll).toEqual(raw);
    expect(raw.length).toBeGreaterThan(100);
  });
});
