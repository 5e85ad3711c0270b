import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { readMappingFile } from '../../lib/ingest/mapping';
import { importPlans } from '../../lib/ingest/plans/importPlans';
import { planMappingSchema } from '../../lib/ingest/plans/mapping';
import { importRoads } from '../../lib/ingest/roads/importRoads';
import { roadMappingSchema } from '../../lib/ingest/roads/mapping';
import { FIXTURES, pmap } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

const F = (name: string) => path.join(FIXTURES, 'roads', name);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-roads-import-'));
const rejectsOf = (file: string) =>
  parse(fs.readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];

/** Great-circle distance in metres (haversine, mean Earth radius): independent of PostGIS and proj4. */
function metres(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

let db: Database;
let url: string;
beforeAll(async () => {
  ({ db, url } = await freshPostgres('roads_import'));
});
afterAll(async () => {
  await db?.close();
});

describe('pmap import roads: zipped Shapefile in a projected CRS', () => {
  it('reprojects NAD27 / Texas South Central (US survey feet) to within 1 m of EPSG Guidance Note 7-2', async () => {
    const mapping = readMappingFile(roadMappingSchema, F('texas.mapping.json'));
    const r = await importRoads(db, F('texas_sc_nad27.zip'), { mapping, rejectsPath: path.join(tmp, 'tx.csv') });
    expect(r).toMatchObject({ read: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    const [tx1] = await db.query<{ g: string; length_m: number; owner: string; rating: number | null; name: string }>(
      `SELECT ST_AsGeoJSON(geom, 9) AS g, length_m, owner, rating, name FROM road_segments WHERE external_id = 'TX-1'`,
    );
    const first = (JSON.parse(tx1.g) as { coordinates: [number, number][][] }).coordinates[0][0];
    // GN7-2 (LCC 2SP worked example): E 2963503.91 ftUS, N 254759.80 ftUS ↔ lat 28°30'00"N, lon 96°00'00"W (NAD27).
    expect(metres(first, [-96, 28.5])).toBeLessThan(1);
    // 1500 ftUS east then 1000 ftUS north: 2500 ftUS = 762.0 m, give or take the projection's scale factor (< 0.1 %).
    expect(tx1.length_m).toBeGreaterThan(761.3);
    expect(tx1.length_m).toBeLessThan(762.8);
    expect(tx1).toMatchObject({ owner: 'regional', rating: 3.5, name: 'ул. Первая' });
    const [tx2] = await db.query<{ parts: number; rating: number | null; owner: string }>(
      `SELECT ST_NumGeometries(geom) AS parts, rating, owner FROM road_segments WHERE external_id = 'TX-2'`,
    );
    expect(tx2).toEqual({ parts: 2, rating: null, owner: 'municipal' });
  });

  it('re-importing the same file changes nothing', async () => {
    const mapping = readMappingFile(roadMappingSchema, F('texas.mapping.json'));
    const r = await importRoads(db, F('texas_sc_nad27.zip'), { mapping, rejectsPath: path.join(tmp, 'tx2.csv') });
    expect(r).toMatchObject({ read: 3, inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
    const [c] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM road_segments WHERE external_id LIKE 'TX-%'`);
    expect(c.n).toBe(3);
  });

  it('a projected Shapefile without its .prj is rejected row by row, never imported as nonsense', async () => {
    const mapping = { ...readMappingFile(roadMappingSchema, F('texas.mapping.json')), source: 'no_prj' };
    const r = await importRoads(db, F('no_prj.zip'), { mapping, rejectsPath: path.join(tmp, 'noprj.csv') });
    expect(r).toMatchObject({ read: 1, inserted: 0, rejected: 1 });
    expect(r.notes).toContain('the Shapefile has no .prj: coordinates are taken as WGS84 longitude/latitude');
    expect(rejectsOf(r.rejects)[0].reason).toBe(
      'coordinates out of range (lon 2963503.91, lat 254759.8): a projected file needs its .prj',
    );
  });
});

describe('pmap import roads: GeoJSON through a mapping', () => {
  it('imports lines and multilines, rejects bad rows with their reasons, accounts for every row', async () => {
    const mapping = readMappingFile(roadMappingSchema, F('network.mapping.json'));
    const r = await importRoads(db, F('network.geojson'), { mapping, rejectsPath: path.join(tmp, 'net.csv') });
    expect(r).toMatchObject({ read: 11, inserted: 4, updated: 0, unchanged: 0, rejected: 7 });
    expect(r.read).toBe(r.inserted + r.updated + r.unchanged + r.rejected);
    const reasons = rejectsOf(r.rejects)
      .map((x) => `${x.row}: ${x.reason}`)
      .sort();
    expect(reasons).toEqual([
      '10: no geometry: a road segment needs a LineString or MultiLineString',
      '11: column "оценка": the rating 9 is outside the scale 1 (worst) … 5 (best)',
      '1: duplicate external id "R-2" in the file: row 3 is kept',
      '6: invalid geometry: expected a LineString or MultiLineString, got Point',
      '7: column "балансодержатель": unknown owner "частная компания" (expected federal, regional, municipal, other; add it to "owners" in the mapping)',
      '8: column "оценка": the rating "плохо" is not a number',
      '9: column "id": the external id is empty',
    ]);
    const rows = await db.query<{
      external_id: string;
      name: string;
      road_class: string;
      owner: string;
      rating: number | null;
      length_m: number;
    }>(
      `SELECT r.external_id, r.name, r.road_class, r.owner, r.rating, round(r.length_m) AS length_m FROM road_segments r
       JOIN sources s ON s.id = r.source_id WHERE s.code = 'orb_network' ORDER BY r.external_id`,
    );
    expect(rows).toEqual([
      // Δλ·N(φ)·cos φ on the WGS84 ellipsoid at 51.77°N: 0.01° of longitude = 690.25 m; 0.004° of latitude = 444.96 m.
      { external_id: 'R-1', name: 'ул. Чкалова', road_class: 'primary', owner: 'municipal', rating: 2, length_m: 690 },
      {
        external_id: 'R-2',
        name: 'ул. Советская',
        road_class: 'residential',
        owner: 'municipal',
        rating: 4,
        length_m: 345,
      },
      {
        external_id: 'R-3',
        name: 'пр. Победы',
        road_class: 'secondary',
        owner: 'regional',
        rating: null,
        length_m: 790,
      },
      { external_id: 'R-4', name: 'ул. Новая', road_class: 'tertiary', owner: 'municipal', rating: 5, length_m: 276 },
    ]);
  });

  it('re-import: unchanged rows stay unchanged, an edited row is updated, nothing is duplicated', async () => {
    const mapping = readMappingFile(roadMappingSchema, F('network.mapping.json'));
    const again = await importRoads(db, F('network.geojson'), { mapping, rejectsPath: path.join(tmp, 'net2.csv') });
    expect(again).toMatchObject({ read: 11, inserted: 0, updated: 0, unchanged: 4, rejected: 7 });
    const edited = JSON.parse(fs.readFileSync(F('network.geojson'), 'utf8'));
    edited.features[1].properties['оценка'] = 1;
    const file = path.join(tmp, 'network_edited.geojson');
    fs.writeFileSync(file, JSON.stringify(edited));
    const r = await importRoads(db, file, { mapping, rejectsPath: path.join(tmp, 'net3.csv') });
    expect(r).toMatchObject({ inserted: 0, updated: 1, unchanged: 3, rejected: 7 });
    const [c] = await db.query<{ n: number; rating: number }>(
      `SELECT count(*) AS n, max(r.rating) FILTER (WHERE r.external_id = 'R-1') AS rating FROM road_segments r
       JOIN sources s ON s.id = r.source_id WHERE s.code = 'orb_network'`,
    );
    expect(c).toEqual({ n: 4, rating: 1 });
  });
});

describe('pmap import plans', () => {
  it('joins CSV plans by segment id; unknown segments, statuses and dates are rejected with reasons', async () => {
    const mapping = readMappingFile(planMappingSchema, F('plans.mapping.json'));
    const r = await importPlans(db, F('plans.csv'), { mapping, rejectsPath: path.join(tmp, 'plans.csv') });
    expect(r).toMatchObject({ read: 5, inserted: 2, updated: 0, unchanged: 0, rejected: 3, by_id: 2, by_geometry: 0 });
    expect(
      rejectsOf(r.rejects)
        .map((x) => `${x.row}: ${x.reason}`)
        .sort(),
    ).toEqual([
      '3: no road segment has the id "R-99" in the network "orb_network"',
      '4: column "Статус": unknown status "непонятно" (expected planned, in_progress, done, cancelled; add it to "statuses" in the mapping)',
      '5: column "Дата завершения": cannot parse date "31.02.2024" as the format "dd.MM.yyyy"',
    ]);
    const plans = await db.query<Record<string, unknown>>(
      `SELECT p.external_id, r.external_id AS segment, p.year, p.status, p.work_type,
              to_char(p.completed_at, 'YYYY-MM-DD') AS completed_at, to_char(p.warranty_until, 'YYYY-MM-DD') AS warranty_until
       FROM repair_plans p JOIN road_segments r ON r.id = p.segment_id ORDER BY p.external_id`,
    );
    expect(plans).toEqual([
      {
        external_id: 'P-1',
        segment: 'R-1',
        year: 2026,
        status: 'planned',
        work_type: 'ремонт покрытия',
        completed_at: null,
        warranty_until: null,
      },
      {
        external_id: 'P-2',
        segment: 'R-2',
        year: 2025,
        status: 'done',
        work_type: 'капитальный ремонт',
        completed_at: '2025-07-15',
        warranty_until: '2029-07-15',
      },
    ]);
    const again = await importPlans(db, F('plans.csv'), { mapping, rejectsPath: path.join(tmp, 'plans2.csv') });
    expect(again).toMatchObject({ read: 5, inserted: 0, updated: 0, unchanged: 2, rejected: 3 });
  });

  it('a plan id twice in one file: the later row wins, the earlier is rejected naming it', async () => {
    const file = path.join(tmp, 'plans_dup.csv');
    const lines = fs.readFileSync(F('plans.csv'), 'utf8').trim().split('\n');
    fs.writeFileSync(
      file,
      [...lines.slice(0, 3), lines[1]!.replace('ремонт покрытия', 'ямочный ремонт')].join('\n') + '\n',
    );
    const mapping = readMappingFile(planMappingSchema, F('plans.mapping.json'));
    const r = await importPlans(db, file, { mapping, rejectsPath: path.join(tmp, 'plans_dup_rejects.csv') });
    expect(r).toMatchObject({ read: 3, inserted: 0, updated: 1, unchanged: 1, rejected: 1 });
    expect(rejectsOf(r.rejects).map((x) => `${x.row}: ${x.reason}`)).toEqual([
      '1: duplicate plan "P-1" in the file: row 3 is kept',
    ]);
    const [p1] = await db.query<{ work_type: string }>(`SELECT work_type FROM repair_plans WHERE external_id = 'P-1'`);
    expect(p1!.work_type).toBe('ямочный ремонт');
    // Back to the plans the tests below expect.
    expect(
      await importPlans(db, F('plans.csv'), { mapping, rejectsPath: path.join(tmp, 'plans_dup_rejects2.csv') }),
    ).toMatchObject({ updated: 1 });
  });

  it('joins GeoJSON plans by geometry (a line along a segment, a point beside one); far or polygon plans are rejected', async () => {
    const mapping = readMappingFile(planMappingSchema, F('plans_geom.mapping.json'));
    const r = await importPlans(db, F('plans_geom.geojson'), { mapping, rejectsPath: path.join(tmp, 'pg.csv') });
    expect(r).toMatchObject({ read: 4, inserted: 2, rejected: 2, by_geometry: 2 });
    expect(
      rejectsOf(r.rejects)
        .map((x) => `${x.row}: ${x.reason}`)
        .sort(),
    ).toEqual([
      "3: no road segment lies along the plan's geometry (within 20 m)",
      '4: invalid geometry: expected a LineString, MultiLineString or Point, got Polygon',
    ]);
    const plans = await db.query<Record<string, unknown>>(
      `SELECT p.external_id, r.external_id AS segment, p.status FROM repair_plans p JOIN road_segments r ON r.id = p.segment_id
       JOIN sources s ON s.id = p.source_id WHERE s.code = 'orb_plans_geo' ORDER BY p.external_id`,
    );
    expect(plans).toEqual([
      { external_id: 'G-1', segment: 'R-4', status: 'in_progress' },
      { external_id: 'G-2', segment: 'R-3', status: 'done' },
    ]);
  });

  it('the CLI prints the contract keys and exits 1 with one line for a missing file', () => {
    const ok = pmap(['import', 'roads', F('texas_sc_nad27.zip'), '--mapping', F('texas.mapping.json'), '--json'], {
      DATABASE_URL: url,
    });
    expect(ok.code).toBe(0);
    expect(ok.json).toMatchObject({ read: 3, inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(typeof ok.json?.rejects).toBe('string');
    const missing = pmap(['import', 'roads', F('nope.zip'), '--json'], { DATABASE_URL: url });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`pmap: ${F('nope.zip')}: file not found`);
  });
});
