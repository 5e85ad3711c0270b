import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { appealFilterSchema } from '../../lib/domain/filters';
import { EXPORT_COLUMNS, exportAppeals } from '../../lib/store/exportAppeals';
import { pmap } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

let db: Database;
let url: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-exp-'));
// Thanks counted too unless a case says otherwise (the default, GRATITUDE_DEFAULT, leaves them out).
const f = (x: Record<string, unknown> = {}) => appealFilterSchema.parse({ gratitude: 'include', ...x });

// Six hand-made appeals in two municipalities, then 25 000 generated ones (more than two export pages of 10 000).
const HAND = [
  {
    ext: 'e1',
    at: '2025-05-01T08:30:00Z',
    topic: 'roads',
    channel: 'pos',
    status: 'new',
    grat: false,
    lat: 51.7682,
    lon: 55.097,
    mun: 'M1',
  },
  {
    ext: 'e2',
    at: '2025-05-02T09:00:00Z',
    topic: 'roads',
    channel: 'social',
    status: 'answered',
    grat: false,
    lat: 51.77,
    lon: 55.1,
    mun: 'M1',
  },
  {
    ext: 'e3',
    at: '2025-05-03T10:00:00Z',
    topic: 'housing',
    channel: 'social',
    status: 'new',
    grat: false,
    lat: 51.78,
    lon: 55.11,
    mun: 'M1',
  },
  {
    ext: 'e4',
    at: '2025-05-04T11:00:00Z',
    topic: 'roads',
    channel: 'app',
    status: 'closed',
    grat: true,
    lat: 51.79,
    lon: 55.12,
    mun: 'M1',
  },
  {
    ext: 'e5',
    at: '2025-05-05T12:00:00Z',
    topic: 'roads',
    channel: 'pos',
    status: 'new',
    grat: false,
    lat: 52.5,
    lon: 57.0,
    mun: 'M2',
  },
  {
    ext: 'e6',
    at: '2025-06-01T12:00:00Z',
    topic: 'roads',
    channel: 'pos',
    status: 'new',
    grat: false,
    lat: 51.771,
    lon: 55.101,
    mun: 'M1',
  },
];
// Roads in M1, 2025-05-01..2025-05-31, thanks hidden: e1 and e2 only.
const FILTER = { topic: 'roads', municipality: 'M1', from: '2025-05-01', to: '2025-05-31', gratitude: 'exclude' };

beforeAll(async () => {
  ({ db, url } = await freshPostgres('export_formats'));
  const [{ id: src }] = await db.query<{ id: number }>(
    `INSERT INTO sources (code, name) VALUES ('hand', 'test') RETURNING id`,
  );
  await db.query(`INSERT INTO boundaries (level, code, name, geom) VALUES
    ('municipality', 'M1', 'Оренбург', ST_Multi(ST_MakeEnvelope(54.5, 51.3, 55.8, 52.2, 4326))),
    ('municipality', 'M2', 'Орск', ST_Multi(ST_MakeEnvelope(56.5, 52.0, 57.5, 53.0, 4326)))`);
  for (const a of HAND) {
    await db.query(
      `INSERT INTO appeals (source_id, external_id, channel, created_at, status, topic, is_gratitude, text, author_contact, address,
         geom, h3, municipality_id, road_distance_m, topic_confidence, raw, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'секретный текст', '+7 900 000-00-00', $8, ST_SetSRID(ST_MakePoint($9, $10), 4326),
         $11::bigint, (SELECT id FROM boundaries WHERE code = $12), 12.34, 0.875, '{}', 'h')`,
      [
        src,
        a.ext,
        a.channel,
        a.at,
        a.status,
        a.topic,
        a.grat,
        `ул. Ленина, ${a.ext.slice(1)}`,
        a.lon,
        a.lat,
        BigInt(`0x${latLngToCell(a.lat, a.lon, 9)}`).toString(),
        a.mun,
      ],
    );
  }
  await db.query(
    `INSERT INTO appeals (source_id, external_id, channel, created_at, status, topic, geom, municipality_id, raw, content_hash)
     SELECT $1, 'g' || i, 'hotline', timestamptz '2024-01-01' + i * interval '1 minute', 'new', 'waste',
            ST_SetSRID(ST_MakePoint(55 + (i % 100) * 0.001, 51.5), 4326), (SELECT id FROM boundaries WHERE code = 'M1'), '{}', 'h'
     FROM generate_series(1, 25000) i`,
    [src],
  );
}, 120_000);

afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function readXlsx(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('XLSX export', () => {
  it('holds exactly the filtered rows, with real dates and numbers and a styled header', async () => {
    const out = path.join(tmp, 'f.xlsx');
    expect(await exportAppeals(db, f(FILTER), out, 'xlsx')).toBe(2);
    const wb = await readXlsx(out);
    const ws = wb.getWorksheet('Обращения')!;
    expect(ws.rowCount).toBe(3);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(1).getCell(1).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FF1F4E79' } });
    const col = (name: string) => EXPORT_COLUMNS.indexOf(name as (typeof EXPORT_COLUMNS)[number]) + 1;
    expect(ws.getColumn(col('address')).width).toBe(40);
    const rows = [2, 3].map((i) => ws.getRow(i));
    expect(rows.map((r) => r.getCell(col('external_id')).value)).toEqual(['e1', 'e2']);
    const e1 = rows[0];
    expect(e1.getCell(col('created_at')).value).toEqual(new Date('2025-05-01T08:30:00Z'));
    expect(e1.getCell(col('created_at')).numFmt).toBe('dd.mm.yyyy hh:mm');
    expect(e1.getCell(col('closed_at')).value).toBeNull();
    expect(e1.getCell(col('lat')).value).toBeCloseTo(51.7682, 6);
    expect(e1.getCell(col('lon')).value).toBeCloseTo(55.097, 6);
    expect(e1.getCell(col('lat')).numFmt).toBe('0.000000');
    expect(e1.getCell(col('is_gratitude')).value).toBe(false);
    expect(e1.getCell(col('road_distance_m')).value).toBe(12.3);
    expect(e1.getCell(col('topic_confidence')).value).toBe(0.875);
    expect(e1.getCell(col('h3')).value).toBe(latLngToCell(51.7682, 55.097, 9));
    expect(e1.getCell(col('municipality_name')).value).toBe('Оренбург');
    expect(e1.getCell(col('channel')).value).toBe('pos');
    expect(rows[1].getCell(col('status')).value).toBe('answered');
    // No text, author or contact anywhere in the file.
    const all = JSON.stringify(ws.getSheetValues());
    expect(all).not.toContain('секретный');
    expect(all).not.toContain('+7 900');
    const about = wb.getWorksheet('Фильтр')!;
    const pairs = Object.fromEntries((about.getSheetValues() as unknown[][]).filter(Boolean).map((r) => [r[1], r[2]]));
    expect(pairs).toMatchObject({
      Темы: 'roads',
      Муниципалитет: 'M1',
      С: '2025-05-01',
      По: '2025-05-31',
      Благодарности: 'exclude',
      Строк: 2,
    });
  });

  it('streams a 25 006-row export across keyset pages without losing a row', async () => {
    const out = path.join(tmp, 'all.xlsx');
    expect(await exportAppeals(db, f(), out, 'xlsx')).toBe(25_006);
    const ws = (await readXlsx(out)).getWorksheet('Обращения')!;
    expect(ws.rowCount).toBe(25_007);
    const ext = new Set<string>();
    ws.eachRow((r, i) => {
      if (i > 1) ext.add(String(r.getCell(2).value));
    });
    expect(ext.size).toBe(25_006);
    expect(ext.has('g25000')).toBe(true);
    expect(ext.has('e6')).toBe(true);
  }, 120_000);

  it('an empty result is a header-only sheet', async () => {
    const out = path.join(tmp, 'none.xlsx');
    expect(await exportAppeals(db, f({ topic: 'covid' }), out, 'xlsx')).toBe(0);
    const ws = (await readXlsx(out)).getWorksheet('Обращения')!;
    expect(ws.rowCount).toBe(1);
  });
});

describe('GeoJSON and CSV of the same filter', () => {
  it('GeoJSON: the same two appeals as points with their properties', async () => {
    const out = path.join(tmp, 'f.geojson');
    expect(await exportAppeals(db, f(FILTER), out, 'geojson')).toBe(2);
    const gj = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(gj.type).toBe('FeatureCollection');
    expect(gj.features.map((x: { properties: { external_id: string } }) => x.properties.external_id)).toEqual([
      'e1',
      'e2',
    ]);
    expect(gj.features[0].geometry.type).toBe('Point');
    expect(gj.features[0].geometry.coordinates[0]).toBeCloseTo(55.097, 6);
    expect(gj.features[0].geometry.coordinates[1]).toBeCloseTo(51.7682, 6);
    expect(gj.features[0].properties).toMatchObject({
      created_at: '2025-05-01T08:30:00.000Z',
      topic: 'roads',
      channel: 'pos',
      is_gratitude: false,
      municipality_code: 'M1',
      municipality_name: 'Оренбург',
      road_distance_m: 12.3,
    });
    expect(JSON.stringify(gj)).not.toContain('секретный');
  });

  it('CSV: the same two rows', async () => {
    const out = path.join(tmp, 'f.csv');
    expect(await exportAppeals(db, f(FILTER), out, 'csv')).toBe(2);
    const rows = parse(fs.readFileSync(out), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.external_id, r.created_at, r.status])).toEqual([
      ['e1', '2025-05-01T08:30:00.000Z', 'new'],
      ['e2', '2025-05-02T09:00:00.000Z', 'answered'],
    ]);
  });
});

describe('pmap export appeals --format xlsx', () => {
  it('writes the filtered XLSX and audits it; a bad format exits 1', async () => {
    const out = path.join(tmp, 'cli.xlsx');
    const r = pmap(
      ['export', 'appeals', '--out', out, '--format', 'xlsx', '--topic', 'roads', '--municipality', 'Орск', '--json'],
      { DATABASE_URL: url },
    );
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ rows: 1 });
    const ws = (await readXlsx(out)).getWorksheet('Обращения')!;
    expect(ws.getRow(2).getCell(2).value).toBe('e5');
    const [a] = await db.query<{ action: string; rows: number }>(
      `SELECT action, rows FROM audit_log ORDER BY id DESC LIMIT 1`,
    );
    expect(a).toEqual({ action: 'export appeals xlsx', rows: 1 });
    const bad = pmap(['export', 'appeals', '--out', out, '--format', 'pdf'], { DATABASE_URL: url });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--format must be csv, xlsx or geojson, not "pdf"');
  }, 120_000);
});
