import type { Feature, FeatureCollection, Geometry } from 'geojson';
import ExcelJS from 'exceljs';
import { roadsDictionary } from '../i18n/roads';
import { csvText, HEADER_FILL, HEADER_FONT, TABLE_FORMATS, type TableFormat } from '../export';
import { neutralizeFormula } from '../sheets/formula';
import type { ExceptionLists } from './exceptions';
import { COLUMNS, rowOf } from './rows';
import { PARTS, type ScoredSegment, type Weights } from './types';

export const PRIORITY_FORMATS = TABLE_FORMATS;
export type PriorityFormat = TableFormat;

/** What an export needs: the ranked list, the exception lists, the weights and the window they were computed with. */
export interface PriorityExport {
  ranked: ScoredSegment[];
  lists: ExceptionLists;
  weights: Weights;
  facilities: boolean;
  asOf: string;
  from: string;
  owner: string | null;
}

/** CSV of the ranked list for a spreadsheet (lib/export: with BOM, text cells escaped), every score part and its points. */
export function prioritiesCsv(e: PriorityExport): Buffer {
  return Buffer.from(csvText(COLUMNS, e.ranked.map(rowOf), 'spreadsheet'), 'utf8');
}

/** GeoJSON: each segment's geometry with every column (score parts and points included) as properties. */
export function prioritiesGeojson(e: PriorityExport, geometries: Map<number, Geometry>): Buffer {
  const features: Feature[] = e.ranked.map((s) => ({
    type: 'Feature',
    id: s.id,
    geometry: geometries.get(s.id) ?? null,
    properties: {
      ...rowOf(s),
      in_list_a: e.lists.hotUnplanned.includes(s),
      in_list_b: e.lists.plannedQuiet.includes(s),
      in_list_c: e.lists.warrantyClaims.includes(s),
    },
  })) as Feature[];
  const fc: FeatureCollection & { metadata: unknown } = {
    type: 'FeatureCollection',
    metadata: {
      as_of: e.asOf,
      from: e.from,
      owner: e.owner,
      weights: e.weights,
      formula: roadsDictionary('en').formula,
    },
    features,
  };
  return Buffer.from(JSON.stringify(fc), 'utf8');
}

function listSheet(wb: ExcelJS.Workbook, name: string, note: string, rows: ScoredSegment[]): void {
  const ws = wb.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  const noteRow = ws.getRow(1);
  noteRow.getCell(1).value = note;
  noteRow.getCell(1).font = { italic: true, color: { argb: 'FF555555' } };
  const head = ws.getRow(2);
  COLUMNS.forEach((c, i) => (head.getCell(i + 1).value = c.title));
  head.font = HEADER_FONT;
  head.alignment = { vertical: 'middle', wrapText: true };
  head.height = 32;
  head.eachCell((cell) => (cell.fill = HEADER_FILL));
  // Names and codes come from imported files: text a spreadsheet would run gets a leading quote; numbers stay numbers.
  for (const s of rows)
    ws.addRow(Object.fromEntries(Object.entries(rowOf(s)).map(([k, v]) => [k, neutralizeFormula(v)])));
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: COLUMNS.length } };
}

function scoreSheet(wb: ExcelJS.Workbook, e: PriorityExport): void {
  const t = roadsDictionary('ru');
  const ws = wb.addWorksheet(t.lists.score);
  ws.columns = [{ width: 34 }, { width: 10 }, { width: 100 }];
  ws.addRow([t.formula]).font = { bold: true, size: 13 };
  ws.addRow([
    `Расчёт на ${e.asOf}; период жалоб с ${e.from} по ${e.asOf}; владелец: ${e.owner ? (t.owners[e.owner] ?? e.owner) : 'все'}`,
  ]);
  ws.addRow([]);
  const head = ws.addRow(['Часть', 'Вес', 'Как считается (значение от 0 до 1)']);
  head.font = HEADER_FONT;
  head.eachCell((c) => (c.fill = HEADER_FILL));
  for (const p of PARTS) {
    const off = p === 'facilities' && !e.facilities;
    const r = ws.addRow([
      t.parts[p].label,
      off ? 0 : e.weights[p],
      t.parts[p].how + (off ? ' (слой объектов не загружен: вес 0)' : ''),
    ]);
    r.getCell(2).numFmt = '0.0';
  }
  ws.addRow([]);
  ws.addRow(['Столбцы «Баллы: …» — вклад каждой части в балл; их сумма равна баллу.']);
  ws.addRow([t.lists.a, '', t.lists.aHow]);
  ws.addRow([t.lists.b, '', t.lists.bHow]);
  ws.addRow([t.lists.c, '', t.lists.cHow]);
  ws.getColumn(3).alignment = { wrapText: true };
}

/** XLSX: one sheet per list (priorities, a, b, c) with a styled header, widths and number formats, and the score sheet. */
export async function prioritiesXlsx(e: PriorityExport): Promise<Buffer> {
  const t = roadsDictionary('ru');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'pmap';
  wb.created = new Date(`${e.asOf}T00:00:00Z`);
  listSheet(wb, t.lists.priorities, `${t.formula}. Сначала самые срочные.`, e.ranked);
  listSheet(wb, t.lists.a, `${t.lists.aHow}; здесь — от ${e.lists.hotPerKm} жалоб на км`, e.lists.hotUnplanned);
  listSheet(wb, t.lists.b, t.lists.bHow, e.lists.plannedQuiet);
  listSheet(wb, t.lists.c, t.lists.cHow, e.lists.warrantyClaims);
  scoreSheet(wb, e);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
