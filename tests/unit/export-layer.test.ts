import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BOM,
  CONTENT_TYPES,
  contentDisposition,
  csvText,
  datedName,
  downloadHeaders,
  pointOf,
  writeTable,
} from '../../lib/export';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-export-unit-'));
async function* pages(...ps: Record<string, unknown>[][]) {
  for (const p of ps) yield p;
}
const columns = [
  { key: 'name', label: 'Название' },
  { key: 'at', label: 'Когда' },
  { key: 'n', label: 'Число' },
  { key: 'lat', label: 'lat' },
  { key: 'lon', label: 'lon' },
];
const rows = [
  { name: '=cmd', at: new Date('2025-01-02T03:04:05Z'), n: -5, lat: 51.5, lon: 55.1 },
  { name: 'Ясно', at: null, n: 1, lat: null, lon: null },
];

describe('lib/export: one set of download headers', () => {
  it('content types, an ASCII name as is, a Cyrillic one with filename*', () => {
    expect(CONTENT_TYPES).toEqual({
      csv: 'text/csv; charset=utf-8',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      geojson: 'application/geo+json',
    });
    expect(contentDisposition('import-7-rejects.csv')).toBe('attachment; filename="import-7-rejects.csv"');
    expect(contentDisposition('отчёт.csv')).toBe(
      `attachment; filename="_____.csv"; filename*=UTF-8''${encodeURIComponent('отчёт.csv')}`,
    );
    expect(datedName('appeals', 'xlsx', new Date('2026-12-08T01:00:00Z'))).toBe('appeals-2026-12-08.xlsx');
    expect(downloadHeaders('csv', 'x.csv', { 'X-Export-Rows': '3' })).toEqual({
      'Content-Type': 'text/csv; charset=utf-8',
      'X-Export-Rows': '3',
      'Content-Disposition': 'attachment; filename="x.csv"',
      'Cache-Control': 'private, no-store',
    });
  });
});

describe('lib/export: the table writer', () => {
  it('CSV: a BOM for a spreadsheet, none for a program; formulas escaped, numbers kept, dates ISO', async () => {
    const text = csvText(columns, rows, 'program');
    expect(text).toBe("name,at,n,lat,lon\n'=cmd,2025-01-02T03:04:05.000Z,-5,51.5,55.1\nЯсно,,1,,\n");
    expect(csvText(columns, rows, 'spreadsheet')).toBe(BOM + text);
    const out = path.join(tmp, 'a.csv');
    expect(
      await writeTable(out, 'csv', {
        columns,
        rows: pages(rows.slice(0, 1), [], rows.slice(1)),
        csv: { reader: 'spreadsheet' },
      }),
    ).toBe(2);
    expect(fs.readFileSync(out, 'utf8')).toBe(BOM + text);
  });

  it('GeoJSON: points from lat/lon, the other columns as properties', async () => {
    const out = path.join(tmp, 'a.geojson');
    const spec = {
      columns,
      rows: pages(rows),
      csv: { reader: 'spreadsheet' as const },
      geojson: { geometry: pointOf, omit: ['lat', 'lon'] },
    };
    expect(await writeTable(out, 'geojson', spec)).toBe(2);
    const gj = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(gj.features).toEqual([
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [55.1, 51.5] },
        properties: { name: '=cmd', at: '2025-01-02T03:04:05.000Z', n: -5 },
      },
      { type: 'Feature', geometry: null, properties: { name: 'Ясно', at: null, n: 1 } },
    ]);
  });
});
