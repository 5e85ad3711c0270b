import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { appealFilterSchema } from '../../lib/domain/filters';
import { readMappingFile } from '../../lib/ingest/mapping';
import { importPlans } from '../../lib/ingest/plans/importPlans';
import { planMappingSchema } from '../../lib/ingest/plans/mapping';
import { importRoads } from '../../lib/ingest/roads/importRoads';
import { roadMappingSchema } from '../../lib/ingest/roads/mapping';
import { exportPriorities } from '../../lib/store/roadsExport';
import { segmentDetail } from '../../lib/store/roadsDetail';
import { priorityReport } from '../../lib/store/roadsReport';
import { statsWindow } from '../../lib/store/roadsStats';
import { saveWeights } from '../../lib/store/roadsWeights';
import { DEFAULT_WEIGHTS } from '../../lib/roads/score';
import { FIXTURES, pmap } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

const F = (name: string) => path.join(FIXTURES, 'roads', name);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-roads-prio-'));
const filter = appealFilterSchema.parse({ to: '2026-06-30' });

let db: Database;
let url: string;

/** Appeals snapped to a segment, as import or `pmap enrich` leaves them: [segment, day, author, gratitude?, topic?]. */
type A = [string, string, string, boolean?, string?];
const APPEALS: A[] = [
  // R-5 (municipal, no plan): 5 complaints by 3 citizens, all within the last 90 days → hot, in no plan: list (a).
  ['R-5', '2026-04-10', 'a'],
  ['R-5', '2026-05-15', 'b'],
  ['R-5', '2026-06-01', 'c'],
  ['R-5', '2026-06-10', 'a'],
  ['R-5', '2026-06-29', 'b'],
  ['R-5', '2026-07-05', 'd'], // after the as-of day: not counted
  ['R-5', '2026-06-15', 'e', false, 'housing'], // not a road appeal: not counted
  // R-2 (repaired 2025-07-15, warranty to 2029): one complaint before, 3 after, 2 thanks after: list (c).
  ['R-2', '2025-03-01', 'f'],
  ['R-2', '2026-01-10', 'g'],
  ['R-2', '2026-05-01', 'h'],
  ['R-2', '2026-06-20', 'g'],
  ['R-2', '2025-08-01', 'i', true],
  ['R-2', '2025-09-01', 'j', true],
  // R-4 (in progress): 2 complaints, so not in list (b). R-1 (planned) has none: list (b).
  ['R-4', '2025-12-01', 'k'],
  ['R-4', '2026-02-01', 'l'],
  // R-3 (regional, warranty to 2028): 1 complaint after its repair: list (c), but not for the municipal agency.
  ['R-3', '2026-03-01', 'm'],
];

beforeAll(async () => {
  ({ db, url } = await freshPostgres('roads_priorities'));
  const network = readMappingFile(roadMappingSchema, F('network.mapping.json'));
  await importRoads(db, F('network.geojson'), { mapping: network, rejectsPath: path.join(tmp, 'r1.csv') });
  // One more municipal street, 0.0058° of longitude (≈ 400 m), without any plan.
  const extra = path.join(tmp, 'extra.geojson');
  fs.writeFileSync(
    extra,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {
            id: 'R-5',
            название: 'ул. Пятая',
            класс: 'жилая',
            балансодержатель: 'муниципальная',
            оценка: 2,
          },
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
  await importRoads(db, extra, { mapping: network, rejectsPath: path.join(tmp, 'r2.csv') });
  await importPlans(db, F('plans.csv'), {
    mapping: readMappingFile(planMappingSchema, F('plans.mapping.json')),
    rejectsPath: path.join(tmp, 'p1.csv'),
  });
  await importPlans(db, F('plans_geom.geojson'), {
    mapping: readMappingFile(planMappingSchema, F('plans_geom.mapping.json')),
    rejectsPath: path.join(tmp, 'p2.csv'),
  });
  const [{ id: src }] = await db.query<{ id: number }>(
    `INSERT INTO sources (code, name, kind) VALUES ('t', 't', 'appeals') RETURNING id`,
  );
  let n = 0;
  for (const [segment, day, author, gratitude = false, topic = 'roads'] of APPEALS) {
    await db.query(
      `INSERT INTO appeals (source_id, external_id, channel, created_at, status, topic, is_gratitude, author_pseudonym, road_segment_id, raw, content_hash)
       SELECT $1, $2, 'portal', $3::date + time '12:00', 'new', $4, $5, $6, id, '{}', 'x' FROM road_segments WHERE external_id = $7`,
      [src, `a${++n}`, day, topic, gratitude, author, segment],
    );
  }
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe('per-segment statistics', () => {
  it('counts complaints, citizens, the two 90-day windows, complaints and thanks since the repair', async () => {
    const r = await priorityReport(db, { owner: null, filter });
    expect({ asOf: r.asOf, from: r.from, facilities: r.facilities }).toEqual({
      asOf: '2026-06-30',
      from: '2025-07-01',
      facilities: false,
    });
    const by = Object.fromEntries(
      r.ranked.map((s) => [
        s.externalId,
        [s.complaints, s.citizens, s.last90, s.prev90, s.complaintsSinceRepair, s.thanksAfterRepair, s.planState],
      ]),
    );
    expect(by).toEqual({
      'R-1': [0, 0, 0, 0, 0, 0, 'planned'],
      'R-2': [3, 2, 2, 1, 3, 2, 'warranty'],
      'R-3': [1, 1, 0, 1, 1, 0, 'warranty'],
      'R-4': [2, 2, 0, 1, 0, 0, 'in_progress'],
      'R-5': [5, 3, 5, 0, 0, 0, ''],
    });
    expect(r.ranked[0].externalId).toBe('R-5');
  });

  it('the exception lists (a), (b), (c)', async () => {
    const r = await priorityReport(db, { owner: null, filter });
    const ids = (xs: { externalId: string }[]) => xs.map((s) => s.externalId);
    expect(ids(r.lists.hotUnplanned)).toEqual(['R-5']);
    expect(ids(r.lists.plannedQuiet)).toEqual(['R-1']);
    expect(ids(r.lists.warrantyClaims)).toEqual(['R-2', 'R-3']);
  });

  it('a road agency sees only its owner', async () => {
    const r = await priorityReport(db, { owner: 'municipal', filter });
    expect(r.ranked.map((s) => s.externalId).sort()).toEqual(['R-1', 'R-2', 'R-4', 'R-5']);
    expect(r.lists.warrantyClaims.map((s) => s.externalId)).toEqual(['R-2']);
  });

  it('stored weights change the order', async () => {
    await saveWeights(
      db,
      { per_km: 0, citizens: 0, trend: 0, condition: 1, road_class: 0, facilities: 0 },
      'test',
      null,
    );
    const r = await priorityReport(db, { owner: 'municipal', filter });
    // Ratings: R-1 2 and R-5 2 (0.75), R-2 4 (0.25), R-4 5 (0); ties by complaints per km.
    expect(r.ranked.map((s) => [s.externalId, s.score])).toEqual([
      ['R-5', 75],
      ['R-1', 75],
      ['R-2', 25],
      ['R-4', 0],
    ]);
    await saveWeights(db, DEFAULT_WEIGHTS, 'test', null);
  });
});

describe('one segment, its detail', () => {
  it('counts the complaints of the statistics period, as the table does, and lists the thanks beside them', async () => {
    const [{ id }] = await db.query<{ id: number }>(`SELECT id FROM road_segments WHERE external_id = 'R-2'`);
    const win = await statsWindow(db, filter);
    // R-2 in 2025-07-01..2026-06-30: complaints of 2026-01-10, 2026-05-01, 2026-06-20 (2025-03-01 is before), thanks of 2025-08-01 and 2025-09-01.
    const d = await segmentDetail(db, id, { ...filter, from: win.from, to: win.asOf }, false);
    expect({ total: d.total, complaints: d.complaints }).toEqual({ total: 5, complaints: 3 });
    expect(d.appeals.map((a) => a.createdAt.slice(0, 10))).toEqual([
      '2026-06-20',
      '2026-05-01',
      '2026-01-10',
      '2025-09-01',
      '2025-08-01',
    ]);
    const r = await priorityReport(db, { owner: null, filter });
    expect(r.ranked.find((s) => s.externalId === 'R-2')!.complaints).toBe(d.complaints);
  });
});

describe('exports', () => {
  it('XLSX: one sheet per list and one explaining the score, formatted', async () => {
    const { bytes, rows } = await exportPriorities(db, { owner: 'municipal', filter, format: 'xlsx' });
    expect(rows).toBe(4);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Приоритеты',
      'а) Горячие без плана',
      'б) В плане без жалоб',
      'в) Жалобы на гарантии',
      'Как считается балл',
    ]);
    const main = wb.getWorksheet('Приоритеты')!;
    const header = main.getRow(2);
    expect(header.getCell(1).value).toBe('Место');
    expect(header.getCell(2).value).toBe('Код участка');
    expect(header.font?.bold).toBe(true);
    expect(main.getColumn(3).width).toBe(30);
    expect(main.rowCount).toBe(2 + 4);
    const first = main.getRow(3);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(2).value).toBe('R-5');
    expect(first.getCell(8).value).toBe(5); // complaints
    const scoreCol = 20;
    expect(header.getCell(scoreCol).value).toBe('Балл');
    expect(first.getCell(scoreCol).numFmt).toBe('0.0');
    expect(typeof first.getCell(scoreCol).value).toBe('number');
    expect(wb.getWorksheet('а) Горячие без плана')!.getRow(3).getCell(2).value).toBe('R-5');
    expect(wb.getWorksheet('б) В плане без жалоб')!.getRow(3).getCell(2).value).toBe('R-1');
    expect(wb.getWorksheet('в) Жалобы на гарантии')!.getRow(3).getCell(2).value).toBe('R-2');
    expect(wb.getWorksheet('в) Жалобы на гарантии')!.rowCount).toBe(3);
    const explain = wb.getWorksheet('Как считается балл')!;
    expect(explain.getRow(1).getCell(1).value).toBe('Балл = 100 × Σ (вес × часть) / Σ весов; каждая часть от 0 до 1');
    expect(explain.getRow(5).getCell(1).value).toBe('Жалоб на км');
    expect(explain.getRow(5).getCell(2).value).toBe(3);
  });

  it('GeoJSON keeps the geometry and every score part', async () => {
    const { bytes } = await exportPriorities(db, { owner: 'municipal', filter, format: 'geojson' });
    const fc = JSON.parse(bytes.toString('utf8'));
    expect(fc.features).toHaveLength(4);
    const r5 = fc.features.find((f: { properties: { external_id: string } }) => f.properties.external_id === 'R-5');
    expect(r5.geometry.type).toBe('MultiLineString');
    expect(r5.geometry.coordinates[0][0]).toEqual([55.1, 51.78]);
    for (const k of [
      'score',
      'part_per_km',
      'part_citizens',
      'part_trend',
      'part_condition',
      'part_road_class',
      'part_facilities',
      'points_per_km',
      'points_citizens',
      'points_trend',
      'points_condition',
      'points_road_class',
      'points_facilities',
    ]) {
      expect(typeof r5.properties[k]).toBe('number');
    }
    const points = ['per_km', 'citizens', 'trend', 'condition', 'road_class', 'facilities'].reduce(
      (a, p) => a + r5.properties[`points_${p}`],
      0,
    );
    expect(Math.abs(points - r5.properties.score)).toBeLessThan(0.3);
    expect(r5.properties).toMatchObject({
      rank: 1,
      complaints: 5,
      citizens: 3,
      in_list_a: true,
      in_list_b: false,
      in_list_c: false,
    });
    expect(fc.metadata.weights).toEqual(DEFAULT_WEIGHTS);
  });

  it('pmap export priorities --format csv --owner municipal prints {rows}', () => {
    const out = path.join(tmp, 'p.csv');
    const r = pmap(
      ['export', 'priorities', '--out', out, '--format', 'csv', '--owner', 'municipal', '--to', '2026-06-30', '--json'],
      { DATABASE_URL: url },
    );
    expect(r.stderr).toBe('');
    expect(r.json).toMatchObject({ rows: 4 });
    const lines = fs
      .readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0].startsWith('rank,external_id,name,owner,road_class,length_m,rating,complaints,per_km')).toBe(true);
    expect(lines[1].startsWith('1,R-5,ул. Пятая,municipal,residential,400,2,5,12.5')).toBe(true);
    const bad = pmap(['export', 'priorities', '--out', out, '--format', 'pdf'], { DATABASE_URL: url });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('pmap: --format must be one of csv, xlsx, geojson, not "pdf"');
  });
});
