import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db';
import { basemapTile } from '../../lib/aggregate/basemap/tiles';
import { clearAggregateCache } from '../../lib/aggregate/cache';
import { resetEnvCache } from '../../lib/config/env';
import { freshPostgres } from '../helpers/db';
import { decodeLayer, layerNames } from '../helpers/mvt';
import { writePmtiles } from '../helpers/pmtiles';

vi.mock('server-only', () => ({}));

let db: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-basemap-'));
const asEmbedded = (d: Database): Database => ({ ...d, kind: 'embedded', query: d.query, transaction: d.transaction });

const tileAt = (lat: number, lon: number, z: number) => {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return { z, x, y };
};

// A crossing in a made-up town: Lenin street runs east–west, Gagarin street north–south, houses along Lenin.
const LAT = 51.77;
const LON = 55.1;
const SECRET = 'Иванов Пётр, тел. +79991234567: яма у дома';

beforeAll(async () => {
  ({ db } = await freshPostgres('basemap'));
  await db.query(
    `INSERT INTO sources (code, name, kind) VALUES ('t_roads', 'roads', 'roads'), ('t_addr', 'addr', 'addresses'), ('t_app', 'app', 'appeals')`,
  );
  await db.query(`INSERT INTO boundaries (level, code, name, geom) VALUES
    ('region', '56', 'Тестовая область', ST_Multi(ST_MakeEnvelope(54, 51, 56, 52.5, 4326))),
    ('municipality', '56-1', 'Тестовый район', ST_Multi(ST_MakeEnvelope(54.5, 51.5, 55.5, 52, 4326)))`);
  await db.query(
    `INSERT INTO settlements (name, kind, population, geom) VALUES ('Тестоград', 'city', 500000, ST_SetSRID(ST_MakePoint($1, $2), 4326))`,
    [LON, LAT],
  );
  await db.query(
    `INSERT INTO road_segments (source_id, external_id, name, road_class, length_m, geom, content_hash)
    SELECT s.id, v.ext, v.name, v.cls, 500, ST_Multi(ST_GeomFromText(v.wkt, 4326)), v.ext FROM sources s,
    (VALUES ('R1', 'улица Ленина', 'secondary', $1::text), ('R2', 'улица Гагарина', 'residential', $2::text)) v(ext, name, cls, wkt)
    WHERE s.code = 't_roads'`,
    [
      `LINESTRING(${LON - 0.003} ${LAT}, ${LON + 0.003} ${LAT})`,
      `LINESTRING(${LON} ${LAT - 0.002}, ${LON} ${LAT + 0.002})`,
    ],
  );
  await db.query(
    `INSERT INTO addresses (source_id, text, norm, locality, street, house, geom)
    SELECT s.id, 'ул. Ленина, ' || h, 'ленина ' || h, 'Тестоград', 'улица Ленина', h, ST_SetSRID(ST_MakePoint($1 + k * 0.0004, $2 + 0.0002), 4326)
    FROM sources s, unnest(ARRAY['1', '3', '5А']) WITH ORDINALITY AS t(h, k) WHERE s.code = 't_addr'`,
    [LON - 0.001, LAT],
  );
  await db.query(
    `INSERT INTO appeals (source_id, external_id, channel, created_at, status, topic, raw, content_hash, text, geom)
    SELECT id, 'A1', 'portal', now(), 'new', 'roads', '{}', 'h', $1, ST_SetSRID(ST_MakePoint($2, $3), 4326) FROM sources WHERE code = 't_app'`,
    [SECRET, LON + 0.0001, LAT + 0.0001],
  );
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  delete process.env.PMAP_BASEMAP_PMTILES;
  resetEnvCache();
});

const names = (bytes: Uint8Array, layer: string, t: { z: number; x: number; y: number }, field: string) =>
  decodeLayer(bytes, layer, t.z, t.x, t.y)
    .map((f) => f.properties[field])
    .sort();

describe('basemap tiles from our tables', () => {
  for (const [label, which] of [
    ['ST_AsMVT (server)', () => db],
    ['geojson-vt (embedded path)', () => asEmbedded(db)],
  ] as const) {
    it(`${label}: a street-zoom tile has road names, house numbers, the settlement and no appeal`, async () => {
      const t = tileAt(LAT, LON, 16);
      const bytes = await basemapTile(which(), t);
      // No boundary crosses this tile: its lines are drawn only where they run.
      expect(layerNames(bytes).sort()).toEqual(['housenumber', 'place', 'transportation', 'transportation_name']);
      expect(names(bytes, 'transportation_name', t, 'name')).toEqual(['улица Гагарина', 'улица Ленина']);
      expect(names(bytes, 'transportation', t, 'class')).toEqual(['minor', 'secondary']);
      expect(names(bytes, 'housenumber', t, 'housenumber')).toEqual(['1', '3', '5А']);
      expect(names(bytes, 'place', t, 'name')).toEqual(['Тестоград']);
      // Nothing of the appeal: no text, no id, no appeal fields in any layer.
      const text = Buffer.from(bytes).toString('utf8');
      expect(text).not.toContain('Иванов');
      expect(text).not.toContain('79991234567');
      for (const layer of layerNames(bytes)) {
        for (const f of decodeLayer(bytes, layer, t.z, t.x, t.y)) {
          for (const k of Object.keys(f.properties))
            expect(['name', 'class', 'admin_level', 'housenumber']).toContain(k);
        }
      }
    });
  }

  it('a town-zoom tile carries roads and places, not house numbers or street names', async () => {
    const t = tileAt(LAT, LON, 12);
    const bytes = await basemapTile(db, t);
    expect(layerNames(bytes).sort()).toEqual(['place', 'transportation']);
    expect(names(bytes, 'transportation', t, 'class')).toEqual(['minor', 'secondary']);
  });

  it('below z12 only main roads, and no roads at all below z9', async () => {
    const t10 = tileAt(LAT, LON, 10);
    expect(names(await basemapTile(db, t10), 'transportation', t10, 'class')).toEqual(['secondary']);
    const t8 = tileAt(LAT, LON, 8);
    expect(layerNames(await basemapTile(db, t8))).not.toContain('transportation');
  });

  it('a district-zoom tile names the municipality (no settlement of that name) and draws both boundary levels', async () => {
    const t = tileAt(51.75, 55, 8);
    const bytes = await basemapTile(db, t);
    expect(names(bytes, 'place', t, 'name')).toEqual(['Тестовый район', 'Тестоград']);
    expect(names(bytes, 'place', t, 'class')).toEqual(['city', 'county']);
    expect(names(bytes, 'boundary', t, 'admin_level')).toEqual([4, 6]);
  });
});

describe('basemap routes', () => {
  it('style.json points at our tiles and /glyphs, with the demo attribution only for demo data', async () => {
    const { basemapStyleResponse } = await import('../../lib/serve/basemap');
    const res = await basemapStyleResponse(new Request('http://127.0.0.1:4000/api/basemap/style.json?variant=clear'), {
      db,
      viewer: null,
      bot: null,
    } as never);
    const style = (await res.json()) as {
      glyphs: string;
      name: string;
      sources: Record<string, { tiles: string[]; attribution?: string }>;
    };
    expect(style.name).toBe('pmap-basemap-clear');
    expect(style.glyphs).toBe('http://127.0.0.1:4000/glyphs/{fontstack}/{range}.pbf');
    expect(style.sources.basemap!.tiles[0]).toMatch(
      /^http:\/\/127\.0\.0\.1:4000\/api\/basemap\/tiles\/\{z\}\/\{x\}\/\{y\}\.pbf\?v=/,
    );
    expect(style.sources.basemap!.attribution).toBeUndefined();
    const bad = await basemapStyleResponse(new Request('http://127.0.0.1:4000/api/basemap/style.json?variant=loud'), {
      db,
      viewer: null,
      bot: null,
    } as never).catch((e: Error) => e);
    expect(bad).toBeInstanceOf(Error);
  });

  it('PMAP_BASEMAP_PMTILES: tiles come from the local extract by range reads, gunzipped, with its attribution', async () => {
    // The extract's one tile is a real basemap tile of ours, so its decoded contents are known.
    const t = tileAt(LAT, LON, 14);
    const mvt = await basemapTile(db, t);
    expect(mvt.byteLength).toBeGreaterThan(0);
    const file = path.join(tmp, 'region.pmtiles');
    fs.writeFileSync(
      file,
      writePmtiles({
        tiles: [t].map((c) => ({ ...c, data: mvt })),
        gzip: true,
        metadata: { attribution: '© участники OpenStreetMap' },
        bounds: [54, 51, 56, 52.5],
      }),
    );
    process.env.PMAP_BASEMAP_PMTILES = file;
    resetEnvCache();
    clearAggregateCache();
    const { basemapStyleResponse, basemapTileResponse } = await import('../../lib/serve/basemap');
    const ctx = { db, viewer: null, bot: null } as never;
    const style = (await (
      await basemapStyleResponse(new Request('http://h:1/api/basemap/style.json'), ctx)
    ).json()) as {
      sources: Record<
        string,
        { tiles: string[]; attribution?: string; minzoom: number; maxzoom: number; bounds: number[] }
      >;
    };
    const src = style.sources.basemap!;
    expect(src.attribution).toBe('© участники OpenStreetMap');
    expect([src.minzoom, src.maxzoom]).toEqual([14, 14]);
    expect(src.bounds).toEqual([54, 51, 56, 52.5]);
    expect(src.tiles[0]).toBe('http://h:1/api/basemap/tiles/{z}/{x}/{y}.pbf?src=pmtiles');

    const res = await basemapTileResponse(new Request(`http://h:1/api/basemap/tiles/${t.z}/${t.x}/${t.y}.pbf`), ctx);
    expect(res.status).toBe(200);
    const got = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.compare(Buffer.from(got), Buffer.from(mvt))).toBe(0);
    expect(names(got, 'transportation_name', t, 'name')).toEqual(['улица Гагарина', 'улица Ленина']);
    // A tile the extract does not hold is empty, not an error.
    const empty = await basemapTileResponse(
      new Request(`http://h:1/api/basemap/tiles/${t.z}/${t.x + 1}/${t.y}.pbf`),
      ctx,
    );
    expect((await empty.arrayBuffer()).byteLength).toBe(0);
  });
});
