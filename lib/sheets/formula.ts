import { stringify } from 'csv-stringify/sync';

/**
 * What makes a spreadsheet read a cell as a formula or a DDE command (OWASP "CSV Injection"): =, +, -, @, tab, carriage
 * return, and line feed, plus the full-width =, +, -, @ that some spreadsheets fold to the ASCII ones.
 */
const FORMULA_START = /^[=+\-@\t\r\n＝＋－＠]/;

/**
 * One cell of a CSV or XLSX file the product writes: a string that a spreadsheet would run gets a leading single
 * quote, as OWASP recommends; everything else (numbers, including negative ones, booleans, dates, null) is returned
 * as it is. Pure.
 */
export function neutralizeFormula<T>(v: T): T | string {
  return typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v;
}

/** CSV text of `rows` (csv-stringify's quoting), every cell through neutralizeFormula. Headers included. */
export function safeCsv(rows: readonly (readonly unknown[])[]): string {
  return stringify(rows.map((r) => r.map(neutralizeFormula)));
}
