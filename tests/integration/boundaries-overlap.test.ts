import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Feature } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { importBoundaries } from '../../lib/ingest/boundaries/importBoundaries';
import { sql } from 'kysely';
import { appealFilterSql } from '../../db/sql/appealFilter';
import { runSql } from '../../db/sql/builder';
import { freshPostgres } from '../helpers/db';

/*
 * Two neighbouring Moscow municipal districts as real boundary files give them: the shared border has a kink, and the
 * eastern district's copy of it was exported 0.0002° (about 12.5 m) further west, so a strip lies in both polygons.
 * The properties are the GIS-Lab layer's (NAME, OKTMO as text; one file wrote its OKTMO as a JSON number).
 * WEST has the larger code, so "the smallest code wins" would give every sliver point to EAST.
 */
const WEST_EDGE = [
  [37.62, 55.8],
  [37.621, 55.805],
  [37.62, 55.81],
];
const EAST_EDGE = WEST_EDGE.map(([lon, lat]) => [Number((lon - 0.0002).toFixed(4)), lat]);
const FEATURES: Feature[] = [
  {
    type: 'Feature',
    properties: { NAME: 'Тёплый Стан', OKTMO: '45907000', TYPE_MO: 'Муниципальный округ' },
    geometry: { type: 'Polygon', coordinates: [[[37.6, 55.8], ...WEST_EDGE, [37.6, 55.81], [37.6, 55.8]]] },
  },
  {
    type: 'Feature',
    properties: { NAME: 'Савёлки', OKTMO: '45377000', TYPE_MO: 'Муниципальный округ' },
    geometry: { type: 'Polygon', coordinates: [[...EAST_EDGE, [37.64, 55.81], [37.64, 55.8], EAST_EDGE[0]]] },
  },
  {
    // An allotment inside the west district's outline (a real file's nested unit, not a sliver): its points are its own.
    type: 'Feature',
    properties: { NAME: 'СНТ «Ёлочка»', OKTMO: '45907001' },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [37.604, 55.804],
          [37.606, 55.804],
          [37.606, 55.806],
          [37.604, 55.806],
          [37.604, 55.804],
        ],
      ],
    },
  },
  {
    // Far away (Алтайский край's OKTMO starts with 01): the number lost its leading zero in the file.
    type: 'Feature',
    properties: { NAME: 'Барнаул', OKTMO: 1701000 },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [83.6, 53.3],
          [83.9, 53.3],
          [83.9, 53.4],
          [83.6, 53.4],
          [83.6, 53.3],
        ],
      ],
    },
  },
];

// At latitude 55.8025 the west district's edge is at 37.6205 and the east district's copy at 37.6203.
const POINTS: [id: string, lon: number, lat: number, want: string][] = [
  ['deep-west', 37.61, 55.805, '45907000'],
  ['deep-east', 37.63, 55.805, '45377000'],
  // 1.2 m inside the west district's edge, 11 m inside the east one's: deeper in the east.
  ['sliver-near-west-edge', 37.62048, 55.8025, '45377000'],
  // 11 m inside the west district's edge, 1.2 m inside the east one's: deeper in the west (not the smallest code).
  ['sliver-near-east-edge', 37.62032, 55.8025, '45907000'],
  // Inside the allotment, near its edge: far deeper in the district, but the allotment is the unit it is in.
  ['in-nested-allotment', 37.6042, 55.805, '45907001'],
];

let db: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-overlap-'));
const appealsCsv = (prefix: string) => {
  const file = path.join(tmp, `${prefix}.csv`);
  fs.writeFileSync(
    file,
    stringify([
      ['external_id', 'created_at', 'text', 'lat', 'lon'],
      ...POINTS.map(([id, lon, lat]) => [`${prefix}-${id}`, '2026-01-01T00:00:00Z', 'Яма на дороге', lat, lon]),
    ]),
  );
  return file;
};
const codesOf = async (prefix: string) =>
  Object.fromEntries(
    (
      await db.query<{ external_id: string; code: string | null }>(
        `SELECT a.external_id, m.code FROM appeals a LEFT JOIN boundaries m ON m.id = a.municipality_id WHERE a.external_id LIKE $1`,
        [`${prefix}-%`],
      )
    ).map((r) => [r.external_id.slice(prefix.length + 1), r.code]),
  );
const want = Object.fromEntries(POINTS.map(([id, , , code]) => [id, code]));

let summary: Record<string, unknown>;
beforeAll(async () => {
  ({ db } = await freshPostgres('boundaries_overlap'));
  // Appeals first: the boundary import assigns them (lib/enrich/spatial) and counts those in the overlap.
  await importAppeals(db, appealsCsv('before'), { rejectsPath: path.join(tmp, 'a.rej') });
  const file = path.join(tmp, 'mo.geojson');
  fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: FEATURES }));
  summary = (await importBoundaries(db, file, {
    level: 'municipality',
    rejectsPath: path.join(tmp, 'b.rej'),
  })) as unknown as Record<string, unknown>;
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('overlapping boundaries (slivers of rounded coordinates)', () => {
  it('the import summary counts the overlapping pair and the located appeals in the sliver', () => {
    expect(summary).toMatchObject({
      read: 4,
      inserted: 4,
      rejected: 0,
      overlapping_pairs: 2,
      nested_pairs: 1,
      points_in_overlap: 3,
    });
    // The strip is 0.0002° of longitude (about 12.5 m) wide and 0.01° of latitude (about 1.1 km) long, plus the
    // allotment (0.002° × 0.002°, about 125 m × 222 m).
    expect(summary.overlap_m2).toBeGreaterThan(10_000 + 26_000);
    expect(summary.overlap_m2).toBeLessThan(16_000 + 30_000);
    expect((summary.notes as string[]).join('\n')).toMatch(
      /2 pairs of municipality polygons overlap .*1 of them one inside the other.*3 located appeals and service points lie in an overlap/,
    );
  });

  it('appeals located before the boundaries: each sliver point goes to the polygon it lies deepest inside', async () => {
    expect(await codesOf('before')).toEqual(want);
  });

  it('appeals imported after the boundaries (the merge assigns them) get the same answer', async () => {
    await importAppeals(db, appealsCsv('after'), { rejectsPath: path.join(tmp, 'a2.rej') });
    expect(await codesOf('after')).toEqual(want);
  });
});

describe('codes and names as real files write them', () => {
  it('OKTMO stays text, and a code written as a number gets its leading zero back', async () => {
    const rows = await db.query<{ code: string; name: string }>(`SELECT code, name FROM boundaries ORDER BY code`);
    expect(rows).toEqual([
      { code: '01701000', name: 'Барнаул' },
      { code: '45377000', name: 'Савёлки' },
      { code: '45907000', name: 'Тёплый Стан' },
      { code: '45907001', name: 'СНТ «Ёлочка»' },
    ]);
    expect((summary.notes as string[]).join('\n')).toContain(
      '1 codes were numbers in the file and lost their leading zeros',
    );
  });

  it.each([
    ['Теплый Стан', 4],
    ['Тёплый Стан', 4],
    ['Савелки', 4],
    ['45907000', 4],
    ['СНТ «Елочка»', 2],
    ['Теплый', 0],
  ])('the municipality filter "%s" matches ё/е spellings (%i appeals)', async (name, n) => {
    const [r] = await runSql<{ n: number }>(
      db,
      sql`SELECT count(*) AS n FROM appeals a WHERE ${appealFilterSql({ municipality: name, gratitude: 'include' })}`,
    );
    expect(Number(r.n)).toBe(n);
  });
});
