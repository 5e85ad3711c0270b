import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { assignBoundaries } from '../../lib/enrich/spatial';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { importBoundaries } from '../../lib/ingest/boundaries/importBoundaries';
import { freshPostgres } from '../helpers/db';

let db: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-pip-'));

const square = (w: number, s: number, e: number, n: number): number[][] => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
const feature = (code: string, geometry: Polygon | MultiPolygon): Feature => ({
  type: 'Feature',
  properties: { code, name: code },
  geometry,
});

// Listed in reverse code order, so "smallest code wins" is not an accident of insertion order.
const FEATURES: Feature[] = [
  feature('M-EAST', { type: 'Polygon', coordinates: [square(55.1, 51.7, 55.2, 51.8)] }),
  feature('M-DONUT', {
    type: 'Polygon',
    coordinates: [square(56, 51, 57, 52), square(56.4, 51.4, 56.6, 51.6).reverse()],
  }),
  feature('M-ARCHIPELAGO', {
    type: 'MultiPolygon',
    coordinates: [[square(58, 51, 58.1, 51.1)], [square(58.5, 51.5, 58.6, 51.6)]],
  }),
  feature('M-CHUKOTKA', {
    type: 'Polygon',
    coordinates: [
      [
        [178, 64],
        [-178, 64],
        [-178, 66],
        [178, 66],
        [178, 64],
      ],
    ],
  }),
  feature('M-A-WEST', { type: 'Polygon', coordinates: [square(55.0, 51.7, 55.1, 51.8)] }),
  feature('M-ENCLAVE', { type: 'Polygon', coordinates: [square(56.4, 51.4, 56.6, 51.6)] }),
];

const POINTS: [id: string, lon: number, lat: number, want: string | null][] = [
  ['inside-west', 55.05, 51.75, 'M-A-WEST'],
  ['inside-east', 55.15, 51.75, 'M-EAST'],
  ['on-shared-edge', 55.1, 51.75, 'M-A-WEST'],
  ['on-shared-corner', 55.1, 51.8, 'M-A-WEST'],
  ['donut-ring', 56.2, 51.2, 'M-DONUT'],
  ['in-the-hole', 56.5, 51.5, 'M-ENCLAVE'],
  ['on-the-hole-edge', 56.4, 51.5, 'M-DONUT'],
  ['archipelago-1', 58.05, 51.05, 'M-ARCHIPELAGO'],
  ['archipelago-2', 58.55, 51.55, 'M-ARCHIPELAGO'],
  ['between-islands', 58.3, 51.3, null],
  ['chukotka-east-of-180', 179.5, 65, 'M-CHUKOTKA'],
  ['chukotka-west-of-180', -179.5, 65, 'M-CHUKOTKA'],
  ['chukotka-on-180', 180, 65, 'M-CHUKOTKA'],
  ['greenwich-same-latitude', 0, 65, null],
  ['moscow', 37.6, 55.75, null],
];

beforeAll(async () => {
  ({ db } = await freshPostgres('boundaries_pip'));
  const file = path.join(tmp, 'm.geojson');
  fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: FEATURES }));
  const r = await importBoundaries(db, file, {
    level: 'municipality',
    codeProperty: 'code',
    rejectsPath: path.join(tmp, 'b.rej'),
  });
  expect(r).toMatchObject({ read: FEATURES.length, inserted: FEATURES.length, rejected: 0 });
  const csv = path.join(tmp, 'a.csv');
  fs.writeFileSync(
    csv,
    stringify([
      ['external_id', 'created_at', 'text', 'lat', 'lon'],
      ...POINTS.map(([id, lon, lat]) => [id, '2026-01-01T00:00:00Z', 'x', lat, lon]),
    ]),
  );
  await importAppeals(db, csv, { rejectsPath: path.join(tmp, 'a.rej') });
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const assigned = async () =>
  Object.fromEntries(
    (
      await db.query<{ external_id: string; code: string | null }>(
        `SELECT a.external_id, b.code FROM appeals a LEFT JOIN boundaries b ON b.id = a.municipality_id`,
      )
    ).map((r) => [r.external_id, r.code]),
  );
const want = Object.fromEntries(POINTS.map(([id, , , w]) => [id, w]));

describe('point in polygon', () => {
  it('covers a shared border (smallest code), a hole, a MultiPolygon and a polygon across the antimeridian', async () => {
    expect(await assigned()).toEqual(want);
  });

  it('assignBoundaries gives the same answers from scratch, and a second pass changes nothing', async () => {
    await db.query(`UPDATE appeals SET municipality_id = NULL`);
    const n = await db.transaction((s) => assignBoundaries(s, 'SELECT id FROM appeals'));
    expect(n).toBe(Object.values(want).filter(Boolean).length);
    expect(await assigned()).toEqual(want);
    expect(await db.transaction((s) => assignBoundaries(s, 'SELECT id FROM appeals'))).toBe(0);
  });

  it('stores a polygon drawn across ±180 as parts inside -180..180, also when inserted directly with longitudes past 180', async () => {
    const [chukotka] = await db.query<{ w: number; e: number; parts: number; valid: boolean }>(
      `SELECT ST_XMin(geom) w, ST_XMax(geom) e, ST_NumGeometries(geom) parts, ST_IsValid(geom) valid FROM boundaries WHERE code = 'M-CHUKOTKA'`,
    );
    expect(chukotka).toEqual({ w: -180, e: 180, parts: 2, valid: true });
    await db.query(`INSERT INTO boundaries (level, code, name, geom)
      VALUES ('region', 'R-87', 'Чукотка', ST_Multi(ST_GeomFromText('POLYGON((170 60, 190 60, 190 70, 170 70, 170 60))', 4326)))`);
    const [r] = await db.query<{ w: number; e: number; area: number; covers: boolean }>(
      `SELECT ST_XMin(geom) w, ST_XMax(geom) e, ST_Area(geom) area, ST_Covers(geom, ST_SetSRID(ST_MakePoint(-175, 65), 4326)) covers
       FROM boundaries WHERE code = 'R-87'`,
    );
    expect(r).toEqual({ w: -180, e: 180, area: 200, covers: true });
    // An ordinary polygon is stored as given.
    const [east] = await db.query<{ t: string }>(`SELECT ST_AsText(geom) t FROM boundaries WHERE code = 'M-EAST'`);
    expect(east.t).toBe('MULTIPOLYGON(((55.1 51.7,55.2 51.7,55.2 51.8,55.1 51.8,55.1 51.7)))');
  });
});
