import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { appealMappingSchema, parseMapping } from '../../lib/ingest/mapping';
import { importPoints } from '../../lib/ingest/points/importPoints';
import { pointMappingSchema } from '../../lib/ingest/points/mapping';
import { pmap } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

// Issue 26 items 3, 4, 5, 7, 8 through the importers and the CLI, on fixtures written here (realistic, small).

let db: Database;
let dbUrl: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-values-'));
const write = (name: string, text: string | Buffer) => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  return f;
};
const rejectsOf = (f: string) => fs.readFileSync(f, 'utf8');

beforeAll(async () => {
  ({ db, url: dbUrl } = await freshPostgres('import_values'));
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

// Appeals in Orenburg (lat ≈ 51.8, lon ≈ 55.1), the last two without coordinates.
const ORENBURG: [string, string, string][] = [
  ['51.7682', '55.0969', 'Яма на дороге у дома 12'],
  ['51.7727', '55.1012', 'Не горит фонарь во дворе'],
  ['51.7812', '55.1221', 'Мусор не вывезен третий день'],
  ['51.7555', '55.1188', 'Открытый люк на тротуаре'],
  ['51.8025', '55.1386', 'Сломана скамейка в сквере'],
  ['51.7901', '55.0877', 'Протекает крыша в подъезде'],
  ['51.7634', '55.1523', 'Нет горячей воды'],
  ['51.7769', '55.1094', 'Разбита остановка'],
  ['', '', 'Шум ночью от кафе'],
  ['', '', 'Благодарность за ремонт дороги'],
];
const appealsCsv = (swapped: boolean) =>
  [
    'id,дата,текст,широта,долгота',
    ...ORENBURG.map(
      ([lat, lon, text], i) =>
        `ORB-${i + 1},2025-04-0${(i % 9) + 1} 10:00,${text},${swapped ? lon : lat},${swapped ? lat : lon}`,
    ),
  ].join('\n');
const orbMapping = (source: string, extra: Record<string, unknown> = {}) =>
  parseMapping(
    appealMappingSchema,
    {
      source,
      fields: { external_id: 'id', created_at: 'дата', text: 'текст', lat: 'широта', lon: 'долгота', ...extra },
      date_format: 'yyyy-MM-dd HH:mm',
      timezone: 'Asia/Yekaterinburg',
    },
    'm.json',
  );

describe('swapped coordinates, decided per file (item 3)', () => {
  const right = write('orb.csv', appealsCsv(false));
  const swapped = write('orb_swapped.csv', appealsCsv(true));

  it('with nothing loaded, the summary reports where the rows lie', async () => {
    const r = await importAppeals(db, right, { mapping: orbMapping('orb_a'), rejectsPath: path.join(tmp, 'a.rej') });
    expect(r).toMatchObject({ read: 10, inserted: 10, rejected: 0 });
    expect(r.coordinates).toMatchObject({
      verdict: 'as_written',
      region: null,
      extent: [55.0877, 51.7555, 55.1523, 51.8025],
    });
    expect(r.notes.join('\n')).toContain('no region is known yet');
    expect(r.notes.join('\n')).toContain('lon 55.0877…55.1523, lat 51.7555…51.8025');
  });

  it('earlier rows of the same source are the region: a swapped file of that source is rejected row by row, saying why', async () => {
    const rej = path.join(tmp, 'b.rej');
    const r = await importAppeals(db, swapped, { mapping: orbMapping('orb_a'), rejectsPath: rej });
    // 8 located rows rejected; the 2 without coordinates are the same as before.
    expect(r).toMatchObject({ read: 10, inserted: 0, updated: 0, unchanged: 2, rejected: 8 });
    expect(r.coordinates).toMatchObject({ verdict: 'swapped', vote: { sample: 8, in: 0, swapped: 8, out: 0 } });
    expect(r.coordinates.region_from).toEqual(['earlier rows of the source "orb_a"']);
    expect(rejectsOf(rej)).toContain(
      "coordinates look swapped (lat 55.0969, lon 51.7682): the file's latitude and longitude columns are swapped (8 of the first 8 located rows",
    );
    expect(r.notes.join('\n')).toMatch(
      /the file's latitude and longitude look swapped: 8 of the first 8 located rows .* those rows are rejected/,
    );
  });

  it('with boundaries loaded and "swap": true beside lat/lon, the rows are swapped back to where they belong (CLI)', async () => {
    await db.query(`INSERT INTO boundaries (level, code, name, geom) VALUES ('region', '56', 'Оренбургская область',
      ST_Multi(ST_MakeEnvelope(50.7, 50.5, 61.7, 54.4, 4326)))`);
    const mapping = write(
      'swap.json',
      JSON.stringify({
        source: 'orb_b',
        fields: { external_id: 'id', created_at: 'дата', text: 'текст', lat: 'широта', lon: 'долгота', swap: true },
        date_format: 'yyyy-MM-dd HH:mm',
        timezone: 'Asia/Yekaterinburg',
      }),
    );
    const run = pmap(
      ['import', 'appeals', swapped, '--mapping', mapping, '--rejects', path.join(tmp, 'c.rej'), '--json'],
      { DATABASE_URL: dbUrl },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({
      read: 10,
      inserted: 10,
      rejected: 0,
      coordinates: { verdict: 'swapped', swapped_rows: 8 },
    });
    expect((run.json!.coordinates as { region_from: string[] }).region_from).toContain('boundaries');
    expect(run.stderr).toContain('swapped as the mapping says ("swap": true)');
    const pts = await db.query<{ external_id: string; lat: number; lon: number }>(
      `SELECT a.external_id, ST_Y(a.geom) lat, ST_X(a.geom) lon FROM appeals a JOIN sources s ON s.id = a.source_id
       WHERE s.code = 'orb_b' AND a.geom IS NOT NULL ORDER BY a.external_id`,
    );
    expect(pts.map((p) => [p.external_id, p.lat, p.lon])).toEqual(
      ORENBURG.slice(0, 8).map(([lat, lon], i) => [`ORB-${i + 1}`, Number(lat), Number(lon)]),
    );
  });

  it('a file as written in the loaded region votes as written', async () => {
    const r = await importAppeals(db, right, { mapping: orbMapping('orb_c'), rejectsPath: path.join(tmp, 'd.rej') });
    expect(r).toMatchObject({
      inserted: 10,
      rejected: 0,
      coordinates: { verdict: 'as_written', vote: { sample: 8, in: 8 }, outside_region: 0 },
    });
  });
});

describe('channel values of an Open311 feed (item 4)', () => {
  it('phone is a hotline, not other; the summary lists every value and how it was mapped', async () => {
    const req = (id: number, channel: string) => ({
      service_request_id: `SR-${id}`,
      status: 'open',
      service_code: 'roads',
      service_name: 'Pothole',
      description: 'Deep pothole in the right lane',
      requested_datetime: `2024-03-0${(id % 9) + 1}T09:15:00-05:00`,
      address: `${100 + id} Main St`,
      lat: 40.7 + id / 1000,
      long: -74.0 - id / 1000,
      extended_attributes: { channel },
    });
    const channels = ['phone', 'phone', 'Phone', 'phone', 'web', 'Telegram', 'iOS', 'carrier pigeon'];
    const file = write('requests.json', JSON.stringify(channels.map((c, i) => req(i + 1, c))));
    const r = await importAppeals(db, file, { format: 'open311', rejectsPath: path.join(tmp, 'o311.rej') });
    expect(r).toMatchObject({ read: 8, inserted: 8, rejected: 0 });
    const rows = await db.query<{ external_id: string; channel: string }>(
      `SELECT a.external_id, a.channel FROM appeals a JOIN sources s ON s.id = a.source_id WHERE s.code = 'open311_requests' ORDER BY a.external_id`,
    );
    expect(rows.map((x) => x.channel)).toEqual([
      'hotline',
      'hotline',
      'hotline',
      'hotline',
      'web',
      'social',
      'app',
      'other',
    ]);
    expect(r.channels).toEqual([
      { value: 'phone', channel: 'hotline', via: 'synonym', rows: 3 },
      { value: 'carrier pigeon', channel: 'other', via: 'default', rows: 1 },
      { value: 'iOS', channel: 'app', via: 'synonym', rows: 1 },
      { value: 'Phone', channel: 'hotline', via: 'synonym', rows: 1 },
      { value: 'Telegram', channel: 'social', via: 'synonym', rows: 1 },
      { value: 'web', channel: 'web', via: 'synonym', rows: 1 },
    ]);
    expect(r.notes.join('\n')).toContain('unknown channel values, counted as other: "carrier pigeon" (1)');
  });
});

describe('mojibake inside values of a points file (item 5)', () => {
  it('a double-encoded BOM and double-encoded NBSPs in hours and a longitude: every site kept, the repairs counted (CLI)', async () => {
    const NB = '\u00c2\u00a0'; // an NBSP's two bytes, read as Windows-1252 and written as UTF-8 again
    const body = [
      'location_id,location_name,address,city,latitude,longitude,monday,tuesday',
      `T-1,Shoppers Drug Mart #1201,777 Bay St,Toronto,43.6605,-79.3857${NB},09:00-17:00,09:00-17:00`,
      `T-2,Rexall Pharmacy,63 Wellesley St E,Toronto,43.6651,-79.3808,09:00-17:00${NB},10:00-18:00`,
      `T-3,Women's College Hospital,76${NB}Grenville St,Toronto,43.6616,-79.3883,08:00-16:00,08:00-16:00`,
      `T-4,CafÃ© Pharmacy,101 Queen St W,Toronto,43.6520,-79.3832,closed,closed`,
    ].join('\n');
    const file = write(
      'points_mojibake.csv',
      Buffer.concat([Buffer.from([0xc3, 0xaf, 0xc2, 0xbb, 0xc2, 0xbf]), Buffer.from(body, 'utf8')]),
    );
    const mapping = write(
      'points.json',
      JSON.stringify({
        source: 'toronto_sites',
        fields: {
          external_id: 'location_id',
          name: 'location_name',
          address: 'address',
          city: 'city',
          lat: 'latitude',
          lon: 'longitude',
        },
        hours: { monday: 'monday', tuesday: 'tuesday' },
        timezone: 'America/Toronto',
      }),
    );
    const run = pmap(['import', 'points', file, '--mapping', mapping, '--rejects', path.join(tmp, 'p.rej'), '--json'], {
      DATABASE_URL: dbUrl,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({
      read: 4,
      inserted: 4,
      rejected: 0,
      repairs: { mojibake: 4, nbsp: 3, zero_width: 0, object_replacement: 0 },
    });
    expect(run.stderr).toContain('removed a double-encoded UTF-8 BOM');
    expect(run.stderr).toContain('repaired values: 4 values: double-encoded UTF-8');
    const rows = await db.query<{
      external_id: string;
      name: string;
      address: string;
      lon: number;
      hours: Record<string, string>;
    }>(
      `SELECT p.external_id, p.name, p.address, ST_X(p.geom) lon, p.hours FROM service_points p JOIN sources s ON s.id = p.source_id
       WHERE s.code = 'toronto_sites' ORDER BY p.external_id`,
    );
    expect(rows[0].lon).toBe(-79.3857);
    expect(rows[1].hours.monday).toBe('09:00-17:00');
    expect(rows[2].address).toBe('76 Grenville St, Toronto');
    expect(rows[3].name).toBe('Café Pharmacy');
  });
});

describe('dates that fail the stated format (item 7)', () => {
  it('a column mixing .0 and .000 under yyyy-MM-dd HH:mm:ss.S loses no row; the summary counts the ISO path', async () => {
    const file = write(
      'dates.csv',
      [
        'id,created,text',
        '1,2016-04-12 07:54:00.0,Broken street light',
        '2,2016-04-13 08:01:12.0,Pothole',
        '3,2016-07-24 06:18:26.000,Graffiti on the wall',
        '4,2016-07-25 11:00:00.0,Blocked drain',
        '5,2016-07-26 12:30:45.000,Noise',
        '6,2016-07-27 13:00:00.0,Missed collection',
        '7,24.07.2016 06:18,Abandoned car',
      ].join('\n'),
    );
    const mapping = parseMapping(
      appealMappingSchema,
      {
        source: 'dates_mixed',
        fields: { external_id: 'id', created_at: 'created', text: 'text' },
        date_format: 'yyyy-MM-dd HH:mm:ss.S',
        timezone: 'UTC',
      },
      'm.json',
    );
    const rej = path.join(tmp, 'dates.rej');
    const r = await importAppeals(db, file, { mapping, rejectsPath: rej });
    expect(r).toMatchObject({ read: 7, inserted: 6, rejected: 1, dates_via_iso: 2 });
    expect(r.notes).toContain(
      '2 rows had a date that does not match the date_format "yyyy-MM-dd HH:mm:ss.S" but is unambiguous ISO 8601: read as ISO 8601',
    );
    expect(rejectsOf(rej)).toContain('cannot parse date ""24.07.2016 06:18""');
    const [a3] = await db.query<{ created_at: Date }>(`SELECT created_at FROM appeals WHERE external_id = '3'`);
    expect(a3.created_at.toISOString()).toBe('2016-07-24T06:18:26.000Z');
  });
});

describe('ids that are not unique (item 8)', () => {
  const sites = [
    'id,name,address,lat,lon',
    '101,Аптека «Здоровье»,ул. Советская 12,51.7682,55.0969',
    '101,Поликлиника №3,ул. Чкалова 32,51.7727,55.1012',
    '101,ФАП Нежинка,с. Нежинка ул. Центральная 1,51.7812,55.1221',
    '102,Аптека «Вита»,пр. Победы 20,51.7555,55.1188',
    '102,Аптека «Вита»,пр. Победы 20,51.7555,55.1188',
    '103,Городская больница №1,ул. Аксакова 23,51.8025,55.1386',
  ].join('\n');

  it('rows sharing an id are rejected one by one, and the file gets a note that the id column is not unique', async () => {
    const file = write('sites.csv', sites);
    const mapping = parseMapping(
      pointMappingSchema,
      {
        source: 'orb_sites',
        fields: { external_id: 'id', name: 'name', address: 'address', lat: 'lat', lon: 'lon' },
        timezone: 'Asia/Yekaterinburg',
      },
      'm.json',
    );
    const rej = path.join(tmp, 'sites.rej');
    const r = await importPoints(db, file, { mapping, rejectsPath: rej });
    expect(r).toMatchObject({ read: 6, inserted: 3, rejected: 3, non_unique_ids: 1 });
    expect(r.notes).toContain(
      'the id column is not unique: 1 ids carry different records; use a composite id (a list of columns)',
    );
    expect(rejectsOf(rej)).toContain('duplicate external id ""101"" in the file: row 3 is kept');
  });

  it('a composite id (a list of columns) keeps the different sites apart; a repeated row stays a duplicate', async () => {
    const file = write('sites2.csv', sites);
    const mapping = parseMapping(
      pointMappingSchema,
      {
        source: 'orb_sites2',
        fields: { external_id: ['id', 'name'], name: 'name', address: 'address', lat: 'lat', lon: 'lon' },
        timezone: 'Asia/Yekaterinburg',
      },
      'm.json',
    );
    const r = await importPoints(db, file, { mapping, rejectsPath: path.join(tmp, 'sites2.rej') });
    expect(r).toMatchObject({ read: 6, inserted: 5, rejected: 1, non_unique_ids: 0 });
    const ids = await db.query<{ external_id: string }>(
      `SELECT p.external_id FROM service_points p JOIN sources s ON s.id = p.source_id WHERE s.code = 'orb_sites2' ORDER BY 1`,
    );
    expect(ids.map((x) => x.external_id)).toEqual([
      '101|Аптека «Здоровье»',
      '101|Поликлиника №3',
      '101|ФАП Нежинка',
      '102|Аптека «Вита»',
      '103|Городская больница №1',
    ]);
  });

  it('later versions of one appeal (another status) are duplicates, not a sign of a non-unique id', async () => {
    const file = write(
      'appeals_versions.csv',
      [
        'number,created,status,text',
        '501,2025-04-01T10:00:00Z,Open,Яма на дороге',
        '501,2025-04-01T10:00:00Z,Closed,Яма на дороге',
        '502,2025-04-02T10:00:00Z,Open,Мусор во дворе',
      ].join('\n'),
    );
    const m = parseMapping(
      appealMappingSchema,
      { source: 'versions', fields: { external_id: 'number', created_at: 'created', status: 'status', text: 'text' } },
      'm.json',
    );
    const r = await importAppeals(db, file, { mapping: m, rejectsPath: path.join(tmp, 'v.rej') });
    expect(r).toMatchObject({ read: 3, inserted: 2, rejected: 1, non_unique_ids: 0 });
    expect(r.notes.join('\n')).not.toContain('not unique');
  });

  it('appeals too: a composite id of district and number', async () => {
    const file = write(
      'appeals_ids.csv',
      [
        'district,number,created,text',
        'Ленинский,15,2025-04-01T10:00:00Z,Яма на дороге',
        'Центральный,15,2025-04-01T11:00:00Z,Нет света в подъезде',
        'Ленинский,16,2025-04-02T10:00:00Z,Мусор во дворе',
      ].join('\n'),
    );
    const plain = parseMapping(
      appealMappingSchema,
      { source: 'ids_plain', fields: { external_id: 'number', created_at: 'created', text: 'text' } },
      'm.json',
    );
    const r1 = await importAppeals(db, file, { mapping: plain, rejectsPath: path.join(tmp, 'ai1.rej') });
    expect(r1).toMatchObject({ read: 3, inserted: 2, rejected: 1, non_unique_ids: 1 });
    expect(r1.notes).toContain(
      'the id column is not unique: 1 ids carry different records; use a composite id (a list of columns)',
    );
    const composite = parseMapping(
      appealMappingSchema,
      { source: 'ids_comp', fields: { external_id: ['district', 'number'], created_at: 'created', text: 'text' } },
      'm.json',
    );
    const r2 = await importAppeals(db, file, { mapping: composite, rejectsPath: path.join(tmp, 'ai2.rej') });
    expect(r2).toMatchObject({ read: 3, inserted: 3, rejected: 0, non_unique_ids: 0 });
  });
});
