import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { appealMappingSchema, readMappingFile } from '../../lib/ingest/mapping';
import { FIXTURES, ROOT, SHARED_DATA } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

let db: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-it-'));
const nycMapping = readMappingFile(appealMappingSchema, path.join(ROOT, 'examples/nyc311.json'));
const ruMapping = readMappingFile(appealMappingSchema, path.join(FIXTURES, 'appeals_ru.mapping.json'));
const nyc = path.join(SHARED_DATA, 'nyc311_sample_2011.csv');

beforeAll(async () => {
  ({ db } = await freshPostgres('import_appeals'));
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const count = async (sql: string, params: unknown[] = []) => Number((await db.query<{ n: number }>(sql, params))[0].n);

describe('NYC 311 sample (real file)', () => {
  it('accounts for all 2,000 rows and keeps the 598 without coordinates', async () => {
    const r = await importAppeals(db, nyc, { mapping: nycMapping, rejectsPath: path.join(tmp, 'nyc1.csv') });
    expect(r.read).toBe(2000);
    expect(r.read).toBe(r.inserted + r.updated + r.unchanged + r.rejected);
    expect(r.inserted).toBe(2000);
    expect(
      await count(
        `SELECT count(*) n FROM appeals a JOIN sources s ON s.id = a.source_id WHERE s.code = 'nyc311' AND a.geom IS NULL`,
      ),
    ).toBe(598);
    // Rows without a location still count by topic.
    expect(await count(`SELECT count(*) n FROM appeals WHERE geom IS NULL AND topic = 'roads'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) n FROM appeals WHERE geom IS NOT NULL AND h3 IS NULL`)).toBe(0);
  });

  it('re-importing inserts nothing, reports every row unchanged and draws no ids', async () => {
    const lastId = () => count(`SELECT last_value n FROM appeals_id_seq`);
    const before = await lastId();
    const r = await importAppeals(db, nyc, { mapping: nycMapping, rejectsPath: path.join(tmp, 'nyc2.csv') });
    expect(r).toMatchObject({ read: 2000, inserted: 0, updated: 0, unchanged: 2000, rejected: 0 });
    expect(await count(`SELECT count(*) n FROM appeals`)).toBe(2000);
    expect(await lastId()).toBe(before);
  });

  it('an edited row is updated, the rest unchanged', async () => {
    const lines = fs.readFileSync(nyc, 'utf8').split('\n');
    lines[1] = lines[1].replace('Misapplied Payment', 'Misapplied Payment (corrected)');
    const edited = path.join(tmp, 'nyc_edited.csv');
    fs.writeFileSync(edited, lines.join('\n'));
    const r = await importAppeals(db, edited, { mapping: nycMapping, rejectsPath: path.join(tmp, 'nyc3.csv') });
    expect(r).toMatchObject({ read: 2000, inserted: 0, updated: 1, unchanged: 1999, rejected: 0 });
  });

  it('parses New York local time with the mapping date format', async () => {
    const [row] = await db.query<{ created_at: Date; channel: string; topic: string }>(
      `SELECT created_at, channel, topic FROM appeals WHERE external_id = '19937901'`,
    );
    expect(row.created_at.toISOString()).toBe('2011-03-01T15:41:13.000Z'); // 10:41:13 AM EST
    expect(row.channel).toBe('hotline');
    expect(row.topic).toBe('roads');
  });
});

describe('a Russian file with bad rows', () => {
  const file = path.join(FIXTURES, 'appeals_ru.csv');
  it('rejects exactly the bad rows with readable reasons and keeps the rest', async () => {
    const rejects = path.join(tmp, 'ru.csv');
    const r = await importAppeals(db, file, { mapping: ruMapping, rejectsPath: rejects });
    expect(r).toMatchObject({ read: 7, inserted: 4, rejected: 3 });
    const text = fs.readFileSync(rejects, 'utf8');
    expect(text).toContain('3,4,"column ""дата"": cannot parse date ""03.04.2025""');
    expect(text).toContain('coordinates out of range (lat 151.8, lon 55.1)');
    expect(text).toContain('coordinates look swapped (lat 55.102, lon 51.768)');
    const reasons = await db.query<{ row_number: number }>(
      `SELECT row_number FROM import_rejects WHERE job_id = $1 ORDER BY row_number`,
      [r.job_id],
    );
    expect(reasons.map((x) => x.row_number)).toEqual([3, 4, 5]);
  });

  it('classifies a row without a topic and flags thanks', async () => {
    const [a7] = await db.query<{ topic: string; is_gratitude: boolean; created_at: Date }>(
      `SELECT topic, is_gratitude, created_at FROM appeals WHERE external_id = 'A-7'`,
    );
    expect(a7.topic).toBe('roads');
    expect(a7.is_gratitude).toBe(true);
    expect(a7.created_at.toISOString()).toBe('2025-04-07T08:45:00.000Z'); // 13:45 in Yekaterinburg time (+05)
  });

  it('swaps coordinates when the mapping says so', async () => {
    const r = await importAppeals(db, file, {
      mapping: { ...ruMapping, source: 'fixture_ru_swap', swap_coordinates: true },
      rejectsPath: path.join(tmp, 'ru_swap.csv'),
    });
    expect(r).toMatchObject({ read: 7, inserted: 5, rejected: 2 });
    const [p] = await db.query<{ lat: number; lon: number }>(
      `SELECT ST_Y(geom) lat, ST_X(geom) lon FROM appeals a JOIN sources s ON s.id = a.source_id
       WHERE s.code = 'fixture_ru_swap' AND external_id = 'A-5'`,
    );
    expect(p).toEqual({ lat: 51.768, lon: 55.102 });
  });

  it('reads Windows-1251 and a UTF-8 BOM into the same rows', async () => {
    for (const f of ['appeals_ru_cp1251.csv', 'appeals_ru_bom.csv']) {
      const r = await importAppeals(db, path.join(FIXTURES, f), {
        mapping: ruMapping,
        rejectsPath: path.join(tmp, `${f}.rej`),
      });
      expect(r).toMatchObject({ read: 7, inserted: 0, updated: 0, unchanged: 4, rejected: 3 });
      expect(r.notes[0]).toMatch(f.includes('1251') ? /windows-1251/ : /BOM/);
    }
    const [a2] = await db.query<{ text: string }>(`SELECT text FROM appeals WHERE external_id = 'A-2'`);
    expect(a2.text).toBe('Нет горячей воды третий день');
  });

  it('a later duplicate of an external id wins; the earlier row is rejected with the reason', async () => {
    const dup = path.join(tmp, 'dup.csv');
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    fs.writeFileSync(dup, [lines[0], lines[1], lines[1].replace('у дома 32', 'у дома 34')].join('\n'));
    const r = await importAppeals(db, dup, {
      mapping: { ...ruMapping, source: 'dup' },
      rejectsPath: path.join(tmp, 'dup.rej'),
    });
    expect(r).toMatchObject({ read: 2, inserted: 1, rejected: 1 });
    expect(fs.readFileSync(path.join(tmp, 'dup.rej'), 'utf8')).toContain(
      '1,,"duplicate external id ""A-1"" in the file: row 2 is kept"',
    );
  });
});

describe('fatal file errors leave the database as it was', () => {
  it('an unbalanced quote fails with the line and commits nothing', async () => {
    const before = await count('SELECT count(*) n FROM appeals');
    const err = await importAppeals(db, path.join(FIXTURES, 'unbalanced_quote.csv'), {
      mapping: { ...ruMapping, source: 'quote' },
      rejectsPath: path.join(tmp, 'q.rej'),
    }).catch((e) => e);
    expect(err.code).toBe('bad_file');
    // Line 4 is where the quote opens; the parser only notices at the end of the file, line 5.
    expect(err.oneLine()).toMatch(/unbalanced_quote\.csv, line 4: a quote is opened and never closed/);
    expect(await count('SELECT count(*) n FROM appeals')).toBe(before);
    expect(await count(`SELECT count(*) n FROM sources WHERE code = 'quote'`)).toBe(0);
    expect(
      await count(`SELECT count(*) n FROM import_jobs WHERE status = 'failed' AND error LIKE '%unbalanced%'`),
    ).toBe(1);
  });

  it('an empty file is an error, not a silent success', async () => {
    const err = await importAppeals(db, path.join(FIXTURES, 'empty.csv'), {
      rejectsPath: path.join(tmp, 'e.rej'),
    }).catch((e) => e);
    expect(err.oneLine()).toMatch(/empty\.csv: the file is empty/);
  });

  it('a mapping column the file lacks is named in the error', async () => {
    const err = await importAppeals(db, nyc, {
      mapping: { ...nycMapping, fields: { ...nycMapping.fields, text: 'Descripton' } },
      rejectsPath: path.join(tmp, 'm.rej'),
    }).catch((e) => e);
    expect(err.code).toBe('bad_mapping');
    expect(err.oneLine()).toContain('column "Descripton"');
  });
});

describe('GeoJSON appeals', () => {
  it('takes Points, rejects other geometries with the reason, keeps features without geometry', async () => {
    const rejects = path.join(tmp, 'geo.rej');
    const r = await importAppeals(db, path.join(FIXTURES, 'appeals_geo.geojson'), { rejectsPath: rejects });
    expect(r).toMatchObject({ read: 4, inserted: 2, rejected: 2 });
    const text = fs.readFileSync(rejects, 'utf8');
    expect(text).toContain('invalid geometry: expected a Point with two coordinates, got LineString');
    const [g1] = await db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(geom) lon, ST_Y(geom) lat FROM appeals WHERE external_id = 'G-1'`,
    );
    expect(g1).toEqual({ lon: 55.11, lat: 51.77 });
  });
});

describe('progress', () => {
  it('reports the end of the reading, then each saving step in order', async () => {
    const events: string[] = [];
    const r = await importAppeals(db, nyc, {
      mapping: { ...nycMapping, source: 'nyc311_steps' },
      rejectsPath: path.join(tmp, 'nyc-steps.csv'),
      onProgress: (n, f) => events.push(`read ${n} ${f}`),
      onStep: (st) => events.push(`step ${st.n}/${st.of} ${st.name}`),
    });
    expect(r.inserted).toBe(2000);
    expect(events).toEqual([
      'read 2000 1',
      'step 1/5 duplicates',
      'step 2/5 problems',
      'step 3/5 merge',
      'step 4/5 places',
      'step 5/5 indexes',
    ]);
  });
});

describe('the line of an unclosed quote', () => {
  it('names the line where the unclosed quote opens, after a quoted field that spans lines', async () => {
    const f = path.join(tmp, 'quote_late.csv');
    fs.writeFileSync(
      f,
      'id;дата;тема;текст;адрес;широта;долгота;канал\n' +
        'B-1;2025-04-02 09:15;Дороги;"Яма,\nвторая строка текста";г. Оренбург;51.77;55.11;ПОС\n' +
        'B-2;2025-04-03 09:15;Дороги;нормально;г. Оренбург;51.77;55.11;ПОС\n' +
        'B-3;2025-04-04 09:15;Дороги;"кавычка без пары;г. Оренбург;51.77;55.11;ПОС\n' +
        'B-4;2025-04-05 09:15;Дороги;ещё;г. Оренбург;51.77;55.11;ПОС\n' +
        'B-5;2025-04-06 09:15;Дороги;и ещё;г. Оренбург;51.77;55.11;ПОС\n',
    );
    const err = await importAppeals(db, f, {
      mapping: { ...ruMapping, source: 'quote2' },
      rejectsPath: path.join(tmp, 'q2.rej'),
    }).catch((e) => e);
    expect(err.oneLine()).toMatch(/quote_late\.csv, line 5: a quote is opened and never closed/);
  });
});
