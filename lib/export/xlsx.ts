import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { neutralizeFormula } from '../sheets/formula';
import type { ExportColumn, Pages } from './table';

/** A second sheet of name/value pairs (what the file holds: the filter, when, how many rows). */
export interface XlsxAbout {
  sheet: string;
  pairs: (rows: number) => [string, string | number][];
}

export interface XlsxSheetSpec {
  sheet: string;
  columns: readonly ExportColumn[];
  rows: Pages;
  about?: XlsxAbout;
}

/** The header style of every sheet the product writes: white bold text on dark blue. */
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
export const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };

function cellValue(v: unknown, kind: ExportColumn['kind']): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (kind === 'date') return v instanceof Date ? v : new Date(String(v));
  if (kind === 'number') return typeof v === 'number' ? v : Number(v);
  if (kind === 'boolean') return typeof v === 'boolean' ? v : String(v) === 'true';
  // Text a spreadsheet would run as a formula gets a leading quote (neutralizeFormula); numbers above stay numbers.
  return neutralizeFormula(v instanceof Date ? v.toISOString() : String(v));
}

/**
 * Streams rows into an .xlsx file with exceljs's WorkbookWriter: each row is committed as it is written, so memory
 * stays bounded on exports of any size. The header row is styled, frozen and carries an auto-filter.
 */
export async function writeXlsx(out: string, spec: XlsxSheetSpec): Promise<number> {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'ЦУР · Карта проблем';
  wb.created = new Date();
  const ws = wb.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({
    key: c.key,
    header: c.label,
    width: c.width,
    style: c.numFmt ? { numFmt: c.numFmt } : {},
  }));
  const header = ws.getRow(1);
  header.eachCell((cell) => {
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle' };
  });
  header.commit();
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  let n = 0;
  for await (const page of spec.rows) {
    for (const r of page) {
      ws.addRow(spec.columns.map((c) => cellValue(r[c.key], c.kind))).commit();
    }
    n += page.length;
  }
  ws.commit();
  if (spec.about) {
    const info = wb.addWorksheet(spec.about.sheet);
    info.columns = [{ width: 28 }, { width: 60 }];
    for (const pair of spec.about.pairs(n)) info.addRow(pair.map(neutralizeFormula)).commit();
    info.commit();
  }
  await wb.commit();
  return n;
}
