import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { geocodeBatch } from '../../lib/enrich/geocode';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { FIXTURES, pmap } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

let db: Database;
let env: Record<string, string>;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-geo-cli-'));
const gazetteer = path.join(FIXTURES, 'addresses_chelyabinsk.csv');
const mapping = path.join(FIXTURES, 'addresses_chelyabinsk.mapping.json');

beforeAll(async () => {
  const fresh = await freshPostgres('geocode_cli');
  db = fresh.db;
  env = { DATABASE_URL: fresh.url, PMAP_REJECTS_DIR: tmp };
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const count = async (sql: string) => Number((await db.query<{ n: number }>(sql))[0]!.n);

describe('pmap import addresses', () => {
  it("accounts for every row and names each rejected row's reason", () => {
    const r = pmap(['import', 'addresses', gazetteer, '--mapping', mapping, '--json'], env);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ read: 13, inserted: 10, updated: 0, unchanged: 0, rejected: 3 });
    const rejects = fs.readFileSync(String(r.json!.rejects), 'utf8');
    expect(rejects).toContain('11,12,no coordinates: a gazetteer entry needs lat/lon (or a Point geometry)');
    expect(rejects).toContain('"column ""Адрес"": the address is empty"');
    expect(rejects).toContain('13,14,"coordinates out of range (lat 55.1, lon 261.4)"');
  });

  it('stores normalised parts: the constant locality, street keys, house numbers', async () => {
    const rows = await db.query<{ locality: string; core: string; type: string; house_key: string }>(
      `SELECT s.locality, s.core, s.type, a.house_key FROM addresses a JOIN address_streets s ON s.id = a.street_id ORDER BY a.id`,
    );
    expect(rows[0]).toEqual({ locality: 'челябинск', core: 'ленина', type: 'ул', house_key: '1' });
    expect(rows.find((x) => x.core === 'свердловский')).toMatchObject({ type: 'пр-кт', house_key: '7' });
    expect(rows.filter((x) => x.core === 'кирова').map((x) => x.house_key)).toEqual(['12а', '12к2']);
  });

  it('a re-import changes nothing; an edited row is updated', async () => {
    const again = pmap(['import', 'addresses', gazetteer, '--mapping', mapping, '--json'], env);
    expect(again.json).toMatchObject({ read: 13, inserted: 0, updated: 0, unchanged: 10, rejected: 3 });
    const edited = path.join(tmp, 'edited.csv');
    fs.writeFileSync(edited, fs.readFileSync(gazetteer, 'utf8').replace('55,160400;61,400800', '55,160500;61,400900'));
    const r = pmap(['import', 'addresses', edited, '--mapping', mapping, '--json'], env);
    expect(r.json).toMatchObject({ read: 13, inserted: 0, updated: 1, unchanged: 9, rejected: 3 });
    expect(await count(`SELECT count(*) n FROM addresses`)).toBe(10);
  });

  it('the same address twice in one file (other spelling): the later row wins, the earlier is rejected naming it', async () => {
    const lines = fs.readFileSync(gazetteer, 'utf8').trim().split('\n');
    const file = path.join(tmp, 'dup.csv');
    fs.writeFileSync(file, [lines[0], lines[1], 'улица Ленина, дом 1;55,160100;61,400100;'].join('\n') + '\n');
    const r = pmap(['import', 'addresses', file, '--mapping', mapping, '--json'], env);
    expect(r.json).toMatchObject({ read: 2, inserted: 0, updated: 1, unchanged: 0, rejected: 1 });
    const rejects = parse(fs.readFileSync(String(r.json!.rejects), 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rejects.map((x) => `${x.row}: ${x.reason}`)).toEqual([
      expect.stringMatching(/^1: duplicate address ".+" in the file: row 2 is kept$/),
    ]);
    expect(await count(`SELECT count(*) n FROM addresses`)).toBe(10);
    // The entry back as it was, for the tests below.
    fs.writeFileSync(file, `${lines[0]}\n${lines[1]}\n`);
    expect(pmap(['import', 'addresses', file, '--mapping', mapping, '--json'], env).json).toMatchObject({
      read: 1,
      updated: 1,
    });
  });

  it('reads GeoJSON points with our field names and rejects a non-point', () => {
    const r = pmap(['import', 'addresses', path.join(FIXTURES, 'addresses_points.geojson'), '--json'], env);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ read: 3, inserted: 2, rejected: 1 });
    expect(fs.readFileSync(String(r.json!.rejects), 'utf8')).toContain(
      'invalid geometry: expected a Point, got LineString',
    );
  });

  it('a mapping naming a missing column exits 1 with one line', () => {
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ fields: { text: 'Address', lat: 'Широта', lon: 'Долгота' } }));
    const r = pmap(['import', 'addresses', gazetteer, '--mapping', bad], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('the mapping names column "Address" that the file does not have');
  });
});

describe('pmap geocode', () => {
  it('one address → the gazetteer entry, as JSON', () => {
    const r = pmap(['geocode', 'Челябинск, улица Ленина, дом 3', '--json'], env);
    expect(r.code).toBe(0);
    expect(r.json).toEqual({
      query: 'Челябинск, улица Ленина, дом 3',
      lat: 55.1602,
      lon: 61.4004,
      confidence: 1,
      matched: 'ул. Ленина, д. 3',
    });
  });

  it('word order, abbreviations, case and house forms find the same entries (in-process, one batch)', async () => {
    const hits = await geocodeBatch(db, [
      'г. Челябинск, проспект Свердловский 7',
      'ЧЕЛЯБИНСК, ПОБЕДЫ ПР-Т, Д. 12',
      'Челябинск, ул. Кирова, 12к2',
      'Челябинск, Ленна, 1',
      'Челябинск, ул. Ленина, 7',
      'Челябинск, ул. Ленина',
    ]);
    expect(hits[0]).toMatchObject({ lat: 55.165, lon: 61.38, confidence: 1 });
    expect(hits[1]).toMatchObject({ lat: 55.1702, confidence: 1 });
    expect(hits[2]).toMatchObject({ lat: 55.1551, confidence: 1 });
    expect(hits[3]).toMatchObject({ lat: 55.16, matched: 'ул. Ленина, д. 1' }); // a typo: found, less sure
    expect(hits[3]!.confidence).toBeLessThan(1);
    expect(hits[4]!.confidence).toBeLessThan(0.8); // no house 7: beside house 5
    expect(hits[5]!.confidence).toBeLessThan(0.8); // no house at all: the street's middle
  });

  it('an address in a town the gazetteer lacks is no match: lat null', () => {
    const r = pmap(['geocode', 'г. Тверь, ул. Ленина, 3', '--json'], env);
    expect(r.code).toBe(0);
    expect(r.json).toEqual({ query: 'г. Тверь, ул. Ленина, 3', lat: null, lon: null, confidence: null, matched: null });
  });

  it('a CSV column → OUT with the input columns plus lat, lon, confidence, matched', () => {
    const input = path.join(tmp, 'in.csv');
    fs.writeFileSync(
      input,
      'id;Адрес обращения\n1;Челябинск, ул. Ленина, 5\n2;"Челябинск, пр-т Победы, д. 10"\n3;Тверь, ул. Ленина, 1\n',
    );
    const out = path.join(tmp, 'out.csv');
    const r = pmap(['geocode', '--file', input, '--column', 'Адрес обращения', '--out', out, '--json'], env);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ read: 3, matched: 2, unmatched: 1 });
    expect(typeof r.json!.seconds).toBe('number');
    const rows = parse(fs.readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['id', 'Адрес обращения', 'lat', 'lon', 'confidence', 'matched']);
    expect(rows[0]).toMatchObject({ id: '1', lat: '55.1605', lon: '61.4009', confidence: '1' });
    expect(rows[2]).toMatchObject({ id: '3', lat: '', matched: '' });
  });

  it('a column the file lacks exits 1 naming it', () => {
    const input = path.join(tmp, 'in2.csv');
    fs.writeFileSync(input, 'id,address\n1,x\n');
    const r = pmap(['geocode', '--file', input, '--column', 'Адрес', '--out', path.join(tmp, 'o.csv')], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no column "Адрес" in the file (its columns: "id", "address")');
  });
});

describe('bulk geocoding at appeal import', () => {
  it('appeals with an address and no coordinates are geocoded; the accounting is unchanged', async () => {
    const r = await importAppeals(db, path.join(FIXTURES, 'appeals_geocode.csv'), {
      rejectsPath: path.join(tmp, 'ap.csv'),
    });
    expect(r).toMatchObject({ read: 5, inserted: 5, updated: 0, unchanged: 0, rejected: 0 });
    expect(r.notes.join('\n')).toMatch(
      /rows have no coordinates: 2 placed by geocoding their address, the rest kept without a location/,
    );
    const rows = await db.query<{
      external_id: string;
      location_source: string | null;
      geocode_confidence: number | null;
      lat: number | null;
      h3: number | null;
    }>(
      `SELECT external_id, location_source, geocode_confidence, ST_Y(geom) AS lat, h3 FROM appeals ORDER BY external_id`,
    );
    const by = Object.fromEntries(rows.map((x) => [x.external_id, x]));
    expect(by['G-1']).toMatchObject({ location_source: 'geocoded', geocode_confidence: 1, lat: 55.1602 });
    expect(by['G-1']!.h3).not.toBeNull();
    expect(by['G-2']).toMatchObject({ location_source: 'geocoded', lat: 55.165 });
    expect(by['G-3']).toMatchObject({ location_source: null, geocode_confidence: null, lat: null }); // another town
    expect(by['G-4']).toMatchObject({ location_source: 'source', geocode_confidence: null, lat: 55.1 }); // own coordinates win
    expect(by['G-5']).toMatchObject({ location_source: null, lat: null });
  });

  it('re-importing the same file changes nothing and keeps the geocoded points', async () => {
    const r = await importAppeals(db, path.join(FIXTURES, 'appeals_geocode.csv'), {
      rejectsPath: path.join(tmp, 'ap2.csv'),
    });
    expect(r).toMatchObject({ read: 5, inserted: 0, unchanged: 5 });
    expect(await count(`SELECT count(*) n FROM appeals WHERE location_source = 'geocoded'`)).toBe(2);
  });

  it('pmap geocode --appeals places stored appeals once a gazetteer for their town arrives', async () => {
    const tver = path.join(tmp, 'tver.csv');
    fs.writeFileSync(tver, 'text,lat,lon\n"г. Тверь, ул. Ленина, 3",56.8587,35.9176\n');
    expect(pmap(['import', 'addresses', tver, '--json'], env).json).toMatchObject({ read: 1, inserted: 1 });
    const r = pmap(['geocode', '--appeals', '--json'], env);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ read: 1, matched: 1, unmatched: 0 }); // G-3; G-5 has no address
    const [g3] = await db.query<{ location_source: string; lat: number }>(
      `SELECT location_source, ST_Y(geom) AS lat FROM appeals WHERE external_id = 'G-3'`,
    );
    expect(g3).toEqual({ location_source: 'geocoded', lat: 56.8587 });
  });
});
