import type { Database } from '../../db';
import type { AppealFilter } from '../domain/filters';
import { pointOf, TABLE_FORMATS, writeTable, type ExportColumn, type TableFormat } from '../export';
import { APPEALS_EXPORT_RU } from '../i18n/exports';
import { appealExportPage } from '../../db/queries/exports';

export const EXPORT_FORMATS = TABLE_FORMATS;
export type ExportFormat = TableFormat;

/** Export columns, in order. Text, author and contacts are deliberately absent: exports leave the staff side. */
export const EXPORT_COLUMNS = [
  'source',
  'external_id',
  'created_at',
  'closed_at',
  'channel',
  'status',
  'topic',
  'is_gratitude',
  'lat',
  'lon',
  'h3',
  'address',
  'municipality_code',
  'municipality_name',
  'road_segment_id',
  'road_distance_m',
  'problem_id',
  'geocode_confidence',
  'topic_confidence',
] as const;

type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], unknown> & { id: number };

/** Reads matching appeals in id order, a page at a time (keyset), so any size streams in bounded memory. */
export async function* appealsForExport(db: Database, f: AppealFilter, pageSize = 10_000): AsyncGenerator<ExportRow[]> {
  let after = 0;
  for (;;) {
    const rows: ExportRow[] = await appealExportPage(db, f, after, pageSize);
    if (!rows.length) return;
    yield rows;
    after = Number(rows[rows.length - 1].id);
    if (rows.length < pageSize) return;
  }
}

const DATE_FMT = 'dd.mm.yyyy hh:mm';
const XLSX_KIND: Partial<Record<(typeof EXPORT_COLUMNS)[number], Pick<ExportColumn, 'kind' | 'numFmt' | 'width'>>> = {
  created_at: { kind: 'date', numFmt: DATE_FMT, width: 17 },
  closed_at: { kind: 'date', numFmt: DATE_FMT, width: 17 },
  is_gratitude: { kind: 'boolean', width: 12 },
  lat: { kind: 'number', numFmt: '0.000000', width: 11 },
  lon: { kind: 'number', numFmt: '0.000000', width: 11 },
  h3: { width: 17 },
  address: { width: 40 },
  municipality_name: { width: 28 },
  road_distance_m: { kind: 'number', numFmt: '0.0', width: 15 },
  problem_id: { kind: 'number', numFmt: '0', width: 11 },
  geocode_confidence: { kind: 'number', numFmt: '0.00', width: 18 },
  topic_confidence: { kind: 'number', numFmt: '0.00', width: 16 },
};

/** The columns of every format; the XLSX sheet keeps the CSV's names as headers; dates are real dates (UTC), numbers real numbers. */
export const XLSX_COLUMNS: ExportColumn[] = EXPORT_COLUMNS.map((key) => ({
  key,
  label: key,
  width: Math.max(key.length + 2, 10),
  kind: 'text',
  ...XLSX_KIND[key],
}));

/** The "Фильтр" sheet: what exactly this file holds. */
function aboutPairs(f: AppealFilter, rows: number): [string, string | number][] {
  const t = APPEALS_EXPORT_RU;
  const pairs: [string, string | number][] = [[...t.what], [t.madeAt, new Date().toISOString()]];
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || (Array.isArray(v) && !v.length)) continue;
    pairs.push([t.filter[k] ?? k, Array.isArray(v) ? v.join(', ') : String(v)]);
  }
  pairs.push([t.rows, rows]);
  return pairs;
}

/** Writes exactly the appeals of filter `f` to `out` as CSV, XLSX or GeoJSON, streaming; returns the row count. */
export async function exportAppeals(db: Database, f: AppealFilter, out: string, format: ExportFormat): Promise<number> {
  return writeTable(out, format, {
    columns: XLSX_COLUMNS,
    rows: appealsForExport(db, f),
    // Scripts read it by column name (../shared/contract.md): a CSV for a program, no BOM.
    csv: { reader: 'program' },
    xlsx: {
      sheet: APPEALS_EXPORT_RU.sheet,
      about: { sheet: APPEALS_EXPORT_RU.aboutSheet, pairs: (n) => aboutPairs(f, n) },
    },
    geojson: { geometry: pointOf, omit: ['lat', 'lon'] },
  });
}
