import fs from 'node:fs';
import path from 'node:path';
import { safeCsv } from '../sheets/formula';
import type { ExportColumn, Pages } from './table';

export { safeCsv };

/**
 * The one BOM rule. A CSV made for a spreadsheet (the road priorities) starts with a UTF-8 BOM so Excel reads
 * Cyrillic; a CSV that programs read by column name (the appeals export and the importer's rejects file of
 * ../shared/contract.md, the corrections report the training script reads) starts with its header, no BOM, or the
 * first column's name would carry it. (The spreadsheet has the XLSX export.)
 */
export type CsvReader = 'spreadsheet' | 'program';
export const BOM = '\uFEFF';
export const bomFor = (reader: CsvReader): string => (reader === 'spreadsheet' ? BOM : '');

/** A CSV cell: null empty, dates ISO text, booleans true/false; numbers stay numbers, so safeCsv escapes only text. */
export const csvCell = (v: unknown): unknown =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? String(v) : v;

/** CSV text of a whole table in memory (header of column keys first), with the reader's BOM. */
export function csvText(
  columns: readonly Pick<ExportColumn, 'key'>[],
  rows: readonly Record<string, unknown>[],
  reader: CsvReader,
): string {
  return (
    bomFor(reader) + safeCsv([columns.map((c) => c.key), ...rows.map((r) => columns.map((c) => csvCell(r[c.key])))])
  );
}

/** Streams pages of rows to `out` as CSV (header of column keys, cells through csvCell and safeCsv); returns the row count. */
export async function writeCsv(
  out: string,
  columns: readonly Pick<ExportColumn, 'key'>[],
  pages: Pages,
  reader: CsvReader,
): Promise<number> {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const fd = fs.openSync(out, 'w');
  let n = 0;
  try {
    fs.writeSync(fd, bomFor(reader) + safeCsv([columns.map((c) => c.key)]));
    for await (const page of pages) {
      if (page.length) fs.writeSync(fd, safeCsv(page.map((r) => columns.map((c) => csvCell(r[c.key])))));
      n += page.length;
    }
  } finally {
    fs.closeSync(fd);
  }
  return n;
}
