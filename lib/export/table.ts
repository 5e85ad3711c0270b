import type { Geometry } from 'geojson';
import { writeCsv, type CsvReader } from './csv';
import type { TableFormat } from './formats';
import { writeGeojson } from './geojson';
import { writeXlsx, type XlsxAbout } from './xlsx';

export type Row = Readonly<Record<string, unknown>>;
/** Rows as they come from a keyset-paged query: an async iterable of pages, so any size streams in bounded memory. */
export type Pages = AsyncIterable<readonly Row[]>;

/** One column of an exported table: its key (CSV header, GeoJSON property) and how a spreadsheet shows it. */
export interface ExportColumn {
  key: string;
  /** The XLSX header (a title from lib/i18n, or the key itself when the sheet keeps the CSV's names). */
  label: string;
  /** XLSX width in characters. */
  width?: number;
  /** XLSX: 'date' cells become Excel dates (UTC), 'number' cells numbers, 'boolean' booleans; null stays empty. */
  kind?: 'text' | 'number' | 'date' | 'boolean';
  /** XLSX number format, e.g. 'dd.mm.yyyy hh:mm' or '0.000000'. */
  numFmt?: string;
}

/** A table to write: columns, pages of rows, and what each format needs beyond them. */
export interface TableSpec {
  columns: readonly ExportColumn[];
  rows: Pages;
  csv: { reader: CsvReader };
  xlsx?: { sheet: string; about?: XlsxAbout };
  /** The feature geometry of a row; the columns it is built from (e.g. lat, lon) are left out of the properties. */
  geojson?: { geometry: (r: Row) => Geometry | null; omit?: readonly string[] };
}

/** Writes `spec` to the file `out` in `format`, streaming; returns the row count. */
export async function writeTable(out: string, format: TableFormat, spec: TableSpec): Promise<number> {
  if (format === 'csv') return writeCsv(out, spec.columns, spec.rows, spec.csv.reader);
  if (format === 'xlsx') {
    if (!spec.xlsx) throw new Error('writeTable: this table has no XLSX sheet');
    return writeXlsx(out, { sheet: spec.xlsx.sheet, columns: spec.columns, rows: spec.rows, about: spec.xlsx.about });
  }
  if (!spec.geojson) throw new Error('writeTable: this table has no geometry');
  const omit = new Set(spec.geojson.omit ?? []);
  return writeGeojson(
    out,
    spec.columns.filter((c) => !omit.has(c.key)),
    spec.rows,
    spec.geojson.geometry,
  );
}
