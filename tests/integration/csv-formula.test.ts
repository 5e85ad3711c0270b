import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { appealFilterSchema } from '../../lib/domain/filters';
import { geocodeFile } from '../../lib/ingest/geocodeFile';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { rejectsResponse } from '../../lib/ingest/jobs/http';
import { appealMappingSchema, readMappingFile } from '../../lib/ingest/mapping';
import { importRoads } from '../../lib/ingest/roads/importRoads';
import { roadMappingSchema } from '../../lib/ingest/roads/mapping';
import { exportAppeals } from '../../lib/store/exportAppeals';
import { exportPriorities } from '../../lib/store/roadsExport';
import { FIXTURES } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

let db: Database;
let jobId: number;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-formula-'));
const REJECTS = path.join(tmp, 'rejects', 'appeals.csv');
const LINK = '=HYPERLINK("http://x","y")';
const CMD = "=cmd|' /C calc'!A0";
/** A cell a spreadsheet would run as a formula (OWASP's list). */
const FORMULA = /^[=+\-@\t\r]/;
const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

beforeAll(async () => {
  ({ db } = await freshPostgres('csv_formula'));
  const file = path.join(tmp, 'appeals.csv');
  fs.writeFileSync(
    file,
    [
      'id;дата;тема;текст;адрес;широта;долгота;канал',
      // Imported: an id and an address a spreadsheet would run.
      `@SUM(1);2025-04-02 09:15;Дороги;${q(LINK)};${q(LINK)};51.7750;55.1101;ПОС`,
      // Rejected (a date in the wrong format), with formulas in its raw values.
      `${q(CMD)};03.04.2025;Дороги;${q(LINK)};-2+3;51.7760;55.1102;ПОС`,
    ].join('\n'),
  );
  const mapping = readMappingFile(appealMappingSchema, path.join(FIXTURES, 'appeals_ru.mapping.json'));
  const r = await importAppeals(db, file, { mapping, rejectsPath: REJECTS });
  expect(r).toMatchObject({ inserted: 1, rejected: 1 });
  jobId = r.job_id;
  const roads = path.join(tmp, 'roads.geojson');
  fs.writeFileSync(
    roads,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: '@SUM(1)', название: LINK, класс: 'жилая', балансодержатель: 'муниципальная', оценка: 2 },
          geometry: {
            type: 'LineString',
            coordinates: [
              [55.1, 51.78],
              [55.1058, 51.78],
            ],
          },
        },
      ],
    }),
  );
  await importRoads(db, roads, {
    mapping: readMappingFile(roadMappingSchema, path.join(FIXTURES, 'roads', 'network.mapping.json')),
    rejectsPath: path.join(tmp, 'r.csv'),
  });
}, 120_000);
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const rowsOf = (csv: string) => parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
const noFormulaCells = (csv: string) => {
  const cells = (parse(csv.replace(/^\uFEFF/, '')) as string[][]).flat();
  expect(cells.filter((c) => FORMULA.test(c))).toEqual([]);
};

describe('CSV and XLSX cells that a spreadsheet would run are prefixed with a quote', () => {
  it('the appeals export (CSV and XLSX)', async () => {
    const out = path.join(tmp, 'export.csv');
    expect(await exportAppeals(db, { gratitude: 'include' }, out, 'csv')).toBe(1);
    const csv = fs.readFileSync(out, 'utf8');
    noFormulaCells(csv);
    const [row] = rowsOf(csv);
    expect(row).toMatchObject({ external_id: "'@SUM(1)", address: `'${LINK}`, lat: '51.775', lon: '55.1101' });

    const xlsx = path.join(tmp, 'export.xlsx');
    await exportAppeals(db, { gratitude: 'include' }, xlsx, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.getWorksheet('Обращения')!;
    const head = ws.getRow(1).values as unknown[];
    const at = (key: string) => ws.getRow(2).getCell(head.indexOf(key)).value;
    expect(at('external_id')).toBe("'@SUM(1)");
    expect(at('address')).toBe(`'${LINK}`);
    expect(at('lat')).toBe(51.775);
  });

  it('the rejects CSV of the import, and the one rebuilt from the database', async () => {
    const file = fs.readFileSync(REJECTS, 'utf8');
    noFormulaCells(file);
    const [rej] = rowsOf(file);
    expect(rej).toMatchObject({ row: '2', id: `'${CMD}`, текст: `'${LINK}`, адрес: "'-2+3" });
    fs.rmSync(REJECTS);
    const rebuilt = await (await rejectsResponse(db, jobId)).text();
    noFormulaCells(rebuilt);
    expect(rowsOf(rebuilt)[0]).toMatchObject({ id: `'${CMD}`, текст: `'${LINK}`, адрес: "'-2+3" });
  });

  it('the road priorities export: the XLSX cell and the CSV; numbers stay numbers', async () => {
    const filter = appealFilterSchema.parse({ to: '2026-06-30' });
    const x = await exportPriorities(db, { owner: null, filter, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const row = ws.getRow(3); // row 1 is a note, row 2 the titles
    const cells = (row.values as unknown[]).slice(1);
    expect(cells).toContain(`'${LINK}`);
    expect(cells).toContain("'@SUM(1)");
    expect(cells.filter((v) => typeof v === 'string' && FORMULA.test(v))).toEqual([]);
    expect(cells[0]).toBe(1); // the rank, a number
    const csv = (await exportPriorities(db, { owner: null, filter, format: 'csv' })).bytes.toString('utf8');
    noFormulaCells(csv);
    expect(rowsOf(csv)[0]).toMatchObject({ rank: '1', external_id: "'@SUM(1)", name: `'${LINK}` });
  });

  it('pmap geocode --out: the input columns are written back escaped', async () => {
    const input = path.join(tmp, 'addr.csv');
    fs.writeFileSync(input, `id,address\n@SUM(1),${q(LINK)}\n`);
    const out = path.join(tmp, 'addr.out.csv');
    await geocodeFile(db, input, 'address', out);
    const csv = fs.readFileSync(out, 'utf8');
    noFormulaCells(csv);
    expect(rowsOf(csv)[0]).toMatchObject({ id: "'@SUM(1)", address: `'${LINK}` });
  });
});
