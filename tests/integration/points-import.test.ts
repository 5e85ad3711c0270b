import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { readMappingFile } from '../../lib/ingest/mapping';
import { importPoints, type Geocoder } from '../../lib/ingest/points/importPoints';
import { pointMappingSchema } from '../../lib/ingest/points/mapping';
import { FIXTURES, pmap, ROOT, SHARED_DATA } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

let db: Database;
let dbUrl: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-points-'));
const ontario = path.join(SHARED_DATA, 'ontario_test_sites_2021.csv');
const ontarioMapping = readMappingFile(pointMappingSchema, path.join(ROOT, 'examples/ontario-points.json'));
const badMapping = readMappingFile(pointMappingSchema, path.join(FIXTURES, 'points_bad.mapping.json'));

beforeAll(async () => {
  ({ db, url: dbUrl } = await freshPostgres('points_import'));
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const count = async (sql: string, params: unknown[] = []) => Number((await db.query<{ n: number }>(sql, params))[0].n);
const csvRows = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').slice(1);

describe('Ontario test sites (real file, 2,830 rows)', () => {
  it('accounts for every row: 2,827 in, the 3 without usable coordinates rejected with a reason', async () => {
    const rejects = path.join(tmp, 'on1.csv');
    const r = await importPoints(db, ontario, { mapping: ontarioMapping, rejectsPath: rejects });
    expect(r).toMatchObject({ read: 2830, inserted: 2827, updated: 0, unchanged: 0, rejected: 3 });
    expect(r.read).toBe(r.inserted + r.updated + r.unchanged + r.rejected);
    const lines = csvRows(rejects);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^97,244,coordinates are 0\/0 \(a placeholder\) and no address to geocode,Yes,97,Kashechewan/,
    );
    expect(lines[1]).toMatch(/^98,245,coordinates are 0\/0 \(a placeholder\) and no address to geocode,/);
    expect(lines[2]).toContain(
      'no coordinates, and no address gazetteer is loaded to geocode ""22 Vaughan Road, Toronto"" (load one with: pmap import addresses)',
    );
    const stored = await db.query<{ row_number: number; reason: string }>(
      'SELECT row_number, reason FROM import_rejects WHERE job_id = $1 ORDER BY row_number',
      [r.job_id],
    );
    expect(stored.map((x) => x.row_number)).toEqual([97, 98, 339]);
    expect(await count(`SELECT count(*) n FROM service_points`)).toBe(2827);
  });

  it('stores canonical hours, the Toronto zone, flags and https websites', async () => {
    const [p] = await db.query<{
      hours: Record<string, string>;
      timezone: string;
      walk_in: boolean;
      url: string | null;
      address: string;
      lon: number;
      lat: number;
    }>(
      `SELECT hours, timezone, walk_in, url, address, ST_X(geom) lon, ST_Y(geom) lat FROM service_points WHERE external_id = '1'`,
    );
    expect(p).toMatchObject({
      timezone: 'America/Toronto',
      walk_in: false,
      address: '145 Government Road East, Kirkland Lake',
      lat: 48.153552,
      lon: -80.014725,
    });
    expect(p.hours).toEqual({
      monday: '09:00-13:00',
      tuesday: '09:00-13:00',
      wednesday: '09:00-13:00',
      thursday: '09:00-13:00',
      friday: '09:00-13:00',
      saturday: '',
      sunday: '',
    });
    // "&"-separated split shifts become the canonical comma form.
    expect(await count(`SELECT count(*) n FROM service_points WHERE hours::text LIKE '%&%'`)).toBe(0);
    expect(
      await count(`SELECT count(*) n FROM service_points WHERE hours->>'monday' = '08:30-08:45,16:30-21:00'`),
    ).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) n FROM service_points WHERE url IS NOT NULL AND url !~ '^https?://'`)).toBe(0);
  });

  it('re-importing inserts nothing: every good row unchanged, the same 3 rejected', async () => {
    const r = await importPoints(db, ontario, { mapping: ontarioMapping, rejectsPath: path.join(tmp, 'on2.csv') });
    expect(r).toMatchObject({ read: 2830, inserted: 0, updated: 0, unchanged: 2827, rejected: 3 });
    expect(await count(`SELECT count(*) n FROM service_points`)).toBe(2827);
  });

  it('an edited row is updated, the rest unchanged', async () => {
    const lines = fs.readFileSync(ontario, 'utf8').split('\n');
    lines[1] = lines[1].replace('09:00-13:00,09:00-13:00', '09:00-14:00,09:00-13:00');
    const edited = path.join(tmp, 'ontario_edited.csv');
    fs.writeFileSync(edited, lines.join('\n'));
    const r = await importPoints(db, edited, { mapping: ontarioMapping, rejectsPath: path.join(tmp, 'on3.csv') });
    expect(r).toMatchObject({ read: 2830, inserted: 0, updated: 1, unchanged: 2826, rejected: 3 });
    const [p] = await db.query<{ hours: Record<string, string> }>(
      `SELECT hours FROM service_points WHERE external_id = '1'`,
    );
    expect(p.hours.monday).toBe('09:00-14:00');
  });

  it('with a gazetteer, the row without coordinates is geocoded from its address', async () => {
    await db.query(
      `INSERT INTO sources (code, name, kind) VALUES ('gaz_test', 'test gazetteer', 'addresses') ON CONFLICT DO NOTHING`,
    );
    await db.query(`INSERT INTO addresses (source_id, text, norm, geom)
      SELECT id, '22 Vaughan Road, Toronto', '22 vaughan road toronto', ST_SetSRID(ST_MakePoint(-79.4213, 43.6826), 4326)
      FROM sources WHERE code = 'gaz_test'`);
    const asked: string[] = [];
    const geocode: Geocoder = async (_db, q) => {
      asked.push(q);
      return q === '22 Vaughan Road, Toronto'
        ? { lat: 43.6826, lon: -79.4213, confidence: 0.92, matched: '22 Vaughan Road, Toronto' }
        : null;
    };
    const rejects = path.join(tmp, 'on4.csv');
    const r = await importPoints(db, ontario, { mapping: ontarioMapping, rejectsPath: rejects, geocode });
    expect(asked).toEqual(['22 Vaughan Road, Toronto']); // the 0/0 rows have no address to ask about
    expect(r).toMatchObject({ read: 2830, inserted: 1, rejected: 2, geocoded: 1 });
    expect(r.notes).toContain('1 points had no coordinates and were geocoded from their address');
    const [p] = await db.query<{ location_source: string; geocode_confidence: number; lat: number }>(
      `SELECT location_source, geocode_confidence, ST_Y(geom) lat FROM service_points WHERE external_id = '344'`,
    );
    expect(p).toMatchObject({ location_source: 'geocoded', lat: 43.6826 });
    expect(p.geocode_confidence).toBeCloseTo(0.92);
  });

  it('a gazetteer match below the confidence threshold is not used: rejected, saying why', async () => {
    await db.query(`DELETE FROM service_points WHERE external_id = '344'`);
    const geocode: Geocoder = async () => ({
      lat: 43.7,
      lon: -79.4,
      confidence: 0.3,
      matched: 'Vaughan Road, Toronto',
    });
    const rejects = path.join(tmp, 'on5.csv');
    const r = await importPoints(db, ontario, { mapping: ontarioMapping, rejectsPath: rejects, geocode });
    expect(r).toMatchObject({ rejected: 3, geocoded: 0 });
    expect(fs.readFileSync(rejects, 'utf8')).toContain(
      `no coordinates, and the gazetteer's best match for ""22 Vaughan Road, Toronto"" (""Vaughan Road, Toronto"", confidence 0.30) is below 0.6`,
    );
    await db.query(`DELETE FROM addresses`);
  });
});

describe('a file with bad rows', () => {
  it('rejects exactly the bad rows, each with a readable reason, and keeps the last of a duplicated id', async () => {
    const rejects = path.join(tmp, 'bad.csv');
    const r = await importPoints(db, path.join(FIXTURES, 'points_bad.csv'), {
      mapping: badMapping,
      rejectsPath: rejects,
    });
    expect(r).toMatchObject({ read: 9, inserted: 3, rejected: 6 });
    const reasons = Object.fromEntries(
      (
        await db.query<{ row_number: number; reason: string }>(
          'SELECT row_number, reason FROM import_rejects WHERE job_id = $1',
          [r.job_id],
        )
      ).map((x) => [x.row_number, x.reason]),
    );
    expect(reasons).toEqual({
      1: 'duplicate external id "P1" in the file: row 9 is kept',
      4: 'column "walk_in": "может быть" is neither yes nor no (set "true_values" / "false_values" in the mapping)',
      5: 'column "name": the name is empty',
      6: 'coordinates out of range (lat 151.79, lon 255.13)',
      7: 'column "verified": cannot parse date "20.11.2026" as ISO 8601 (set "date_format" in the mapping)',
      8: 'no coordinates, and no address gazetteer is loaded to geocode "г. Оренбург, ул. Пушкинская, д. 1" (load one with: pmap import addresses)',
    });
    const [p1] = await db.query<{ name: string; vaccines: string[]; verified: string; hours: Record<string, string> }>(
      `SELECT name, vaccines, to_char(verified_at AT TIME ZONE timezone, 'YYYY-MM-DD') verified, hours FROM service_points WHERE external_id = 'P1'`,
    );
    expect(p1).toMatchObject({
      name: 'Поликлиника № 1 (исправлено)',
      vaccines: ['flu', 'covid'],
      verified: '2026-11-21',
    });
    const [p2] = await db.query<{ hours: Record<string, string> }>(
      `SELECT hours FROM service_points WHERE external_id = 'P2'`,
    );
    expect(p2.hours.monday).toBe('08:00-13:00,14:00-19:00');
    // "по записи" is not a reason to reject a site: Monday's hours are unknown and the point takes appointments.
    const [p3] = await db.query<{ hours: Record<string, string>; appointments: boolean | null }>(
      `SELECT hours, appointments FROM service_points WHERE external_id = 'P3'`,
    );
    expect(p3).toMatchObject({ hours: { monday: '' }, appointments: true });
  });

  it('GeoJSON: a Point feature is imported, anything else rejected', async () => {
    const r = await importPoints(db, path.join(FIXTURES, 'points.geojson'), { rejectsPath: path.join(tmp, 'geo.csv') });
    expect(r).toMatchObject({ read: 2, inserted: 1, rejected: 1 });
    expect(fs.readFileSync(path.join(tmp, 'geo.csv'), 'utf8')).toContain(
      'invalid geometry: expected a Point with two coordinates, got LineString',
    );
    expect(r.notes.some((n) => n.includes('no time zone in the mapping'))).toBe(true);
  });
});

describe('pmap import points (the command line)', () => {
  it('prints the contract keys on the last stdout line', () => {
    const run = pmap(
      [
        'import',
        'points',
        ontario,
        '--mapping',
        path.join(ROOT, 'examples/ontario-points.json'),
        '--rejects',
        path.join(tmp, 'cli.csv'),
        '--json',
      ],
      { DATABASE_URL: dbUrl },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ read: 2830, rejected: 3, rejects: path.join(tmp, 'cli.csv') });
    const j = run.json as Record<string, number>;
    expect(j.read).toBe(j.inserted + j.updated + j.unchanged + j.rejected);
  });

  it('a typo in the mapping is exit 1 with a one-line message', () => {
    const bad = path.join(tmp, 'typo.json');
    fs.writeFileSync(
      bad,
      JSON.stringify({
        source: 's',
        fields: { external_id: 'location_id', name: 'location_name' },
        hours: { mondey: 'monday' },
      }),
    );
    const run = pmap(['import', 'points', ontario, '--mapping', bad, '--json'], { DATABASE_URL: dbUrl });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^pmap: .*typo\.json: .*"mondey"/);
  });

  it('a mapping naming a missing column is exit 1 naming it', () => {
    const bad = path.join(tmp, 'missing.json');
    fs.writeFileSync(bad, JSON.stringify({ source: 's', fields: { external_id: 'location_id', name: 'nom' } }));
    const run = pmap(['import', 'points', ontario, '--mapping', bad, '--json'], { DATABASE_URL: dbUrl });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('"nom" that the file does not have');
  });
});
