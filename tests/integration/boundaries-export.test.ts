import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { parse } from 'csv-parse/sync';
import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { importBoundaries } from '../../lib/ingest/boundaries/importBoundaries';
import { exportAppeals, EXPORT_COLUMNS } from '../../lib/store/exportAppeals';
import { FIXTURES, SHARED_DATA } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

let db: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-be-'));
const kaliningrad = path.join(SHARED_DATA, 'kaliningrad_settlements_osm.geojson');
const fc = JSON.parse(fs.readFileSync(kaliningrad, 'utf8')) as FeatureCollection<
  Polygon | MultiPolygon,
  Record<string, string>
>;

beforeAll(async () => {
  ({ db } = await freshPostgres('boundaries_export'));
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('Kaliningrad settlements (real file)', () => {
  it('imports all 396 features, and a second import changes nothing', async () => {
    const o = {
      level: 'municipality' as const,
      nameProperty: 'населенный_пункт',
      rejectsPath: path.join(tmp, 'b.rej'),
    };
    const first = await importBoundaries(db, kaliningrad, o);
    expect(first).toMatchObject({ read: 396, inserted: 396, rejected: 0 });
    const again = await importBoundaries(db, kaliningrad, o);
    expect(again).toMatchObject({ read: 396, inserted: 0, updated: 0, unchanged: 396 });
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) n FROM boundaries WHERE NOT ST_IsValid(geom)`);
    expect(Number(n)).toBe(0);
  });

  it('export fills municipality_name by point-in-polygon', async () => {
    // One appeal inside each of three named settlements, at a point guaranteed to be on the polygon.
    const picks = [0, 100, 250].map((i) => fc.features[i] as Feature<Polygon | MultiPolygon, Record<string, string>>);
    const rows = picks.map((f, i) => {
      const [lon, lat] = pointOnFeature(f).geometry.coordinates;
      return `K-${i},2025-06-0${i + 1}T12:00:00Z,roads,Яма,${lat},${lon}`;
    });
    const csv = path.join(tmp, 'kaliningrad_appeals.csv');
    fs.writeFileSync(csv, ['external_id,created_at,topic,text,lat,lon', ...rows].join('\n'));
    await importAppeals(db, csv, { rejectsPath: path.join(tmp, 'k.rej') });
    const out = path.join(tmp, 'export.csv');
    const n = await exportAppeals(db, { gratitude: 'include' }, out, 'csv');
    expect(n).toBe(3);
    const records = parse(fs.readFileSync(out), { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0])).toEqual([...EXPORT_COLUMNS]);
    const byId = Object.fromEntries(records.map((r) => [r.external_id, r]));
    picks.forEach((f, i) => expect(byId[`K-${i}`].municipality_name).toBe(f.properties['населенный_пункт']));
    const k0 = byId['K-0'];
    expect(k0.h3).toBe(latLngToCell(Number(k0.lat), Number(k0.lon), 9));
  });

  it('the export filters by municipality name and topic', async () => {
    const name = fc.features[100].properties['населенный_пункт'];
    const out = path.join(tmp, 'one.geojson');
    expect(
      await exportAppeals(db, { gratitude: 'include', municipality: name, topic: ['roads'] }, out, 'geojson'),
    ).toBe(1);
    const gj = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(gj.features[0].properties.municipality_name).toBe(name);
    expect(gj.features[0].geometry.type).toBe('Point');
    expect(await exportAppeals(db, { gratitude: 'include', municipality: name, topic: ['health'] }, out, 'csv')).toBe(
      0,
    );
  });
});

describe('bad boundary geometries', () => {
  it('rejects non-polygons and unclosed rings, repairs a self-intersecting polygon', async () => {
    const rejects = path.join(tmp, 'bad.rej');
    const r = await importBoundaries(db, path.join(FIXTURES, 'boundaries_bad.geojson'), {
      level: 'region',
      rejectsPath: rejects,
    });
    expect(r).toMatchObject({ read: 4, inserted: 2, rejected: 2 });
    expect(r.notes).toContain('1 invalid polygons were repaired (ST_MakeValid)');
    const text = fs.readFileSync(rejects, 'utf8');
    expect(text).toContain('invalid geometry: expected Polygon or MultiPolygon, got Point');
    expect(text).toContain('a ring is not closed');
    const [bow] = await db.query<{ valid: boolean }>(
      `SELECT ST_IsValid(geom) valid FROM boundaries WHERE code = 'BOW'`,
    );
    expect(bow.valid).toBe(true);
  });
});

describe('h3_parent() in SQL', () => {
  it('matches h3-js for every coarser resolution', async () => {
    const cell = latLngToCell(51.7682, 55.097, 9);
    const rows = await db.query<{ res: number; parent: string }>(
      `SELECT r AS res, to_hex(h3_parent(('x' || lpad($1, 16, '0'))::bit(64)::bigint, r)) AS parent
       FROM generate_series(0, 9) r`,
      [cell],
    );
    for (const { res, parent } of rows) expect(parent).toBe(cellToParent(cell, res));
  });
});
