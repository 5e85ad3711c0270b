import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { appealFilterSchema } from '../../lib/domain/filters';
import { clearAggregateCache } from '../../lib/aggregate/cache';
import { getTile, getTileJson } from '../../lib/aggregate/tiles';
import { appealsTile } from '../../lib/aggregate/tiles/appeals';
import { roadsTile } from '../../lib/aggregate/tiles/roads';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { submitAppeal } from '../../lib/ingest/appeals/submitAppeal';
import { appealMappingSchema, readMappingFile } from '../../lib/ingest/mapping';
import { ROOT, SHARED_DATA } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';
import { decodeLayer, layerNames } from '../helpers/mvt';

let db: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-tiles-'));
const nycMapping = readMappingFile(appealMappingSchema, path.join(ROOT, 'examples/nyc311.json'));
const nyc = path.join(SHARED_DATA, 'nyc311_sample_2011.csv');
// Every appeal, thanks too (the default, GRATITUDE_DEFAULT, leaves thanks out).
const all = appealFilterSchema.parse({ gratitude: 'include' });
// The JavaScript encoder (PGlite's path) over the same database: both encoders must give the same tile.
const asEmbedded = (d: Database): Database => ({ ...d, kind: 'embedded', query: d.query, transaction: d.transaction });

// Midtown Manhattan: z10 (res-7 hexagons), z13 (res 9) and z15 (single appeals) around Times Square.
const tileAt = (lat: number, lon: number, z: number) => {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return { z, x, y };
};
const T10 = tileAt(40.758, -73.9855, 10);
const T15 = tileAt(40.758, -73.9855, 15);

beforeAll(async () => {
  ({ db } = await freshPostgres('tiles'));
  const r = await importAppeals(db, nyc, { mapping: nycMapping, rejectsPath: path.join(tmp, 'r.csv') });
  expect(r.inserted).toBe(2000);
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function rawPoints(where = 'TRUE') {
  return db.query<{
    id: number;
    lat: number;
    lon: number;
    topic: string;
    status: string;
    channel: string;
    is_gratitude: boolean;
    created_at: string;
    problem_id: number | null;
  }>(
    `SELECT id, problem_id, ST_Y(geom) lat, ST_X(geom) lon, topic, status, channel, is_gratitude,
            to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') created_at
     FROM appeals WHERE geom IS NOT NULL AND ${where}`,
  );
}

/** Appeals per res-7 cell, counted with h3-js from the raw points (independent of the SQL). */
async function expectedRes7() {
  const expected = new Map<string, number>();
  for (const p of await rawPoints()) {
    const c = cellToParent(latLngToCell(p.lat, p.lon, 9), 7);
    expected.set(c, (expected.get(c) ?? 0) + 1);
  }
  return expected;
}

describe('appeals tiles', () => {
  it('hexagons below z15: res-7 cells at z10 with the counts h3-js gives for the raw points', async () => {
    const expected = await expectedRes7();
    const bytes = await appealsTile(db, all, T10);
    expect(layerNames(bytes)).toEqual(['appeals']);
    const feats = decodeLayer(bytes, 'appeals', T10.z, T10.x, T10.y);
    expect(feats.length).toBeGreaterThan(20);
    for (const f of feats) {
      expect(Object.keys(f.properties).sort()).toEqual(['count', 'h3']);
      expect(f.type).toBe(3);
      expect(f.properties.count, String(f.properties.h3)).toBe(expected.get(String(f.properties.h3)));
    }
    // The busiest cell of the sample sits in this tile.
    const top = [...expected.entries()].sort((a, b) => b[1] - a[1])[0];
    expect(feats.find((f) => f.properties.h3 === top[0])?.properties.count).toBe(top[1]);
  });

  it('filters apply: closed non-thanks only, counts match the raw rows', async () => {
    const noise = appealFilterSchema.parse({ status: 'closed', gratitude: 'exclude' });
    const pts = await rawPoints(`status = 'closed' AND NOT is_gratitude`);
    const feats = decodeLayer(await appealsTile(db, noise, T10), 'appeals', T10.z, T10.x, T10.y);
    const sum = feats.reduce((s, f) => s + Number(f.properties.count), 0);
    const inTile = feats.map((f) => String(f.properties.h3));
    const expected = pts.filter((p) => inTile.includes(cellToParent(latLngToCell(p.lat, p.lon, 9), 7))).length;
    expect(sum).toBe(expected);
    expect(sum).toBeGreaterThan(0);
  });

  it('points from z15 carry only the public fields, at the appeal location', async () => {
    const bytes = await appealsTile(db, all, T15);
    const feats = decodeLayer(bytes, 'appeals', T15.z, T15.x, T15.y);
    expect(feats.length).toBeGreaterThan(0);
    const byId = new Map((await rawPoints()).map((p) => [p.id, p]));
    for (const f of feats) {
      expect(f.type).toBe(1);
      const p = byId.get(Number(f.properties.id))!;
      // problem_id is absent when the appeal is in no problem group (MVT has no null).
      const keys = [
        'channel',
        'created_at',
        'id',
        'is_gratitude',
        ...(p.problem_id === null ? [] : ['problem_id']),
        'status',
        'topic',
      ];
      expect(Object.keys(f.properties).sort()).toEqual(keys);
      expect(f.properties).toMatchObject({
        topic: p.topic,
        status: p.status,
        channel: p.channel,
        created_at: p.created_at,
        is_gratitude: p.is_gratitude,
      });
      if (p.problem_id !== null) expect(f.properties.problem_id).toBe(p.problem_id);
      expect(f.lonlat[0][0][0]).toBeCloseTo(p.lon, 4);
      expect(f.lonlat[0][0][1]).toBeCloseTo(p.lat, 4);
    }
    // No text, address, author or contact anywhere in the bytes.
    const text = Buffer.from(bytes).toString('latin1');
    const [one] = await db.query<{ text: string; address: string }>(`SELECT text, address FROM appeals WHERE id = $1`, [
      feats[0].properties.id,
    ]);
    expect(text).not.toContain(one.address);
    expect(text).not.toContain(one.text.slice(0, 12));
  });

  it('the JavaScript encoder (PGlite path) gives the same features as ST_AsMVT', async () => {
    for (const t of [T10, tileAt(40.758, -73.9855, 13), T15]) {
      const norm = (b: Uint8Array) =>
        decodeLayer(b, 'appeals', t.z, t.x, t.y)
          .map((f) => JSON.stringify(Object.entries(f.properties).sort()))
          .sort();
      const sql = norm(await appealsTile(db, all, t));
      expect(sql.length).toBeGreaterThan(0);
      expect(norm(await appealsTile(asEmbedded(db), all, t))).toEqual(sql);
    }
  });
});

describe('roads tiles', () => {
  beforeAll(async () => {
    const [src] = await db.query<{ id: number }>(
      `INSERT INTO sources (code, name, kind) VALUES ('t_roads', 'test roads', 'roads') RETURNING id`,
    );
    await db.query(
      `INSERT INTO road_segments (source_id, external_id, name, road_class, owner, length_m, geom, content_hash) VALUES
         ($1, 'r1', '7th Avenue', 'primary', 'municipal', 2000, ST_Multi(ST_GeomFromText('LINESTRING(-73.99 40.75, -73.98 40.765)', 4326)), 'h1'),
         ($1, 'r2', 'Broadway', 'primary', 'state', 1500, ST_Multi(ST_GeomFromText('LINESTRING(-73.99 40.752, -73.985 40.76)', 4326)), 'h2')`,
      [src.id],
    );
    // Snap the three oldest appeals to r1 and one to r2 (an UPDATE, as road snapping does).
    await db.query(`UPDATE appeals SET road_segment_id = (SELECT id FROM road_segments WHERE external_id = 'r1')
                    WHERE id IN (SELECT id FROM appeals ORDER BY id LIMIT 3)`);
    await db.query(`UPDATE appeals SET road_segment_id = (SELECT id FROM road_segments WHERE external_id = 'r2')
                    WHERE id = (SELECT id FROM appeals ORDER BY id OFFSET 3 LIMIT 1)`);
    await db.query(
      `INSERT INTO repair_plans (source_id, external_id, segment_id, year, status, completed_at, warranty_until, content_hash)
       SELECT $1, 'p1', id, 2024, 'done', '2024-09-01', current_date + 365, 'ph' FROM road_segments WHERE external_id = 'r1'`,
      [src.id],
    );
  });

  it('segments with complaints, per km and plan status; a road agency sees only its own', async () => {
    const t = tileAt(40.757, -73.985, 14);
    for (const d of [db, asEmbedded(db)]) {
      const feats = decodeLayer(await roadsTile(d, all, null, t), 'roads', t.z, t.x, t.y);
      const byName = Object.fromEntries(feats.map((f) => [f.properties.name, f.properties]));
      expect(byName['7th Avenue']).toMatchObject({
        external_id: 'r1',
        owner: 'municipal',
        road_class: 'primary',
        length_m: 2000,
        complaints: 3,
        per_km: 1.5,
        plan_status: 'warranty',
      });
      expect(byName.Broadway).toMatchObject({
        external_id: 'r2',
        owner: 'state',
        complaints: 1,
        per_km: 0.67,
        plan_status: '',
      });
      const own = decodeLayer(await roadsTile(d, all, 'state', t), 'roads', t.z, t.x, t.y);
      expect(own.map((f) => f.properties.name)).toEqual(['Broadway']);
      expect(own[0].type).toBe(2);
    }
  });

  it('TileJSON: template with the filters, bounds of the data, fields', async () => {
    const f = appealFilterSchema.parse({ topic: 'roads,housing', from: '2011-01-01', gratitude: 'exclude' });
    const tj = await getTileJson(db, 'roads', f, 'state');
    expect(tj).toMatchObject({
      tilejson: '3.0.0',
      minzoom: 8,
      maxzoom: 16,
      tiles: ['/api/tiles/roads/{z}/{x}/{y}.pbf?topic=housing%2Croads&from=2011-01-01&gratitude=exclude'],
    });
    expect(tj.bounds.map((v) => Math.round(v * 1000) / 1000)).toEqual([-73.99, 40.752, -73.985, 40.76]);
    expect(Object.keys(tj.vector_layers[0].fields)).toContain('per_km');
    const ap = await getTileJson(db, 'appeals', all, null);
    expect(ap.tiles[0]).toBe('/api/tiles/appeals/{z}/{x}/{y}.pbf?gratitude=include');
    const [w, s, e, n] = ap.bounds;
    expect(w).toBeGreaterThan(-74.3);
    expect(e).toBeLessThan(-73.6);
    expect(s).toBeGreaterThan(40.4);
    expect(n).toBeLessThan(41);
  });
});

describe('tile cache', () => {
  const wait = () => new Promise((r) => setTimeout(r, 1100)); // the data version is memoised for 1 s

  it('a cached tile is served until a bot appeal or an import changes the data', async () => {
    clearAggregateCache();
    const count = async () => await getTile(db, 'appeals', all, null, T10);
    const a = await count();
    expect(a.hit).toBe(false);
    expect((await count()).hit).toBe(true);
    const sum = (b: Uint8Array) =>
      decodeLayer(b, 'appeals', T10.z, T10.x, T10.y).reduce((s, f) => s + Number(f.properties.count), 0);
    const before = sum(a.tile);

    await submitAppeal(db, 'tilebot', 'tiles-key-0001', {
      text: 'Яма у Таймс-сквер',
      channel: 'bot',
      lat: 40.758,
      lon: -73.9855,
    });
    await wait();
    const b = await count();
    expect(b.hit).toBe(false);
    expect(sum(b.tile)).toBe(before + 1);

    const csv = path.join(tmp, 'more.csv');
    const rows = parse(fs.readFileSync(nyc), { columns: true }) as Record<string, string>[];
    // Ten rows again under new ids: an import that adds ten appeals.
    fs.writeFileSync(
      csv,
      stringify(
        rows.slice(0, 10).map((r) => ({ ...r, 'Unique Key': `9${r['Unique Key']}` })),
        { header: true },
      ),
    );
    await wait();
    expect((await count()).hit).toBe(true);
    const r = await importAppeals(db, csv, { mapping: nycMapping, rejectsPath: path.join(tmp, 'm.csv') });
    expect(r.inserted).toBe(10);
    await wait();
    const c = await count();
    expect(c.hit).toBe(false);
    const expected = await expectedRes7();
    const feats = decodeLayer(c.tile, 'appeals', T10.z, T10.x, T10.y);
    for (const f of feats) expect(f.properties.count).toBe(expected.get(String(f.properties.h3)));
    expect(sum(c.tile)).toBeGreaterThan(before + 1);
  });
});
