import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { copyBatches } from '../../db/copyCsv';
import { importAddresses } from '../../lib/ingest/addresses/importAddresses';
import { addressMappingSchema } from '../../lib/ingest/addresses/mapping';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { importBoundaries } from '../../lib/ingest/boundaries/importBoundaries';
import { parseMapping } from '../../lib/ingest/mapping';
import { importPlans } from '../../lib/ingest/plans/importPlans';
import { importPoints } from '../../lib/ingest/points/importPoints';
import { importRoads } from '../../lib/ingest/roads/importRoads';
import { pmap } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

/*
 * Issue 26, item 1: a row the database would refuse is a per-row reject with a readable reason, decided before the
 * COPY, for every importer; the other rows import; read = inserted + updated + unchanged + rejected. Each importer
 * gets rows that break each constraint of its table (db/migrations) that a file can reach: NOT NULL, CHECK lists,
 * key sizes of unique indexes, timestamp range, jsonb's refusals, geometry type, validity and dimension.
 */

let db: Database;
let url: string;
let dir: string;

beforeAll(async () => {
  ({ db, url } = await freshPostgres('import_constraints'));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-constraints-'));
}, 120_000);

afterAll(async () => {
  await db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Counts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejects: string;
}

/** Row number → reason, from the rejects CSV the import wrote. */
function reasons(r: Counts): Map<number, string> {
  const rows = parse(fs.readFileSync(r.rejects), { relax_column_count: true }) as string[][];
  return new Map(rows.slice(1).map((x) => [Number(x[0]), x[2]!]));
}

function accounted(r: Counts) {
  expect(r.read).toBe(r.inserted + r.updated + r.unchanged + r.rejected);
  expect(reasons(r).size).toBe(r.rejected);
}

const write = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};
const csv = (name: string, rows: unknown[][]) => write(name, stringify(rows));
const geojson = (name: string, features: { properties: Record<string, unknown>; geometry: unknown }[]) =>
  write(
    name,
    JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) }),
  );

const LONG_ID = 'я'.repeat(700); // 1,400 bytes: under the field limit, over a key's
const square = (x: number, y: number, d = 0.01) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];

describe('every importer rejects, before COPY, what its table would refuse', () => {
  it('addresses: a street without a type word imports; the rest is rejected for its reason', async () => {
    const file = csv('gazetteer.csv', [
      ['text', 'house', 'lat', 'lon'],
      ['Оренбург, 1-й Аэропорт, 33', '', 51.81, 55.1], // 1: no street type word: imports
      ['Оренбург, мкр Северный, 5', '', 51.82, 55.11], // 2
      ['1-й Аэропорт', '', 51.83, 55.12], // 3: neither locality nor house: a street-level entry
      ['', '', 51.8, 55.1], // 4: the address is empty (text NOT NULL)
      ['Оренбург, ул. Ленина', '123456', 51.8, 55.1], // 5: not a house number (house_num int)
      ['Оренбург, ул. Ленина, 7', '', '', ''], // 6: no point (geom NOT NULL)
      [`Оренбург, ул. ${'Длинная'.repeat(120)}, 1`, '', 51.8, 55.1], // 7: the normalised address is over a key's size
      ['Оренбург, ул. Ленина, 9\u0000', '', 51.8, 55.1], // 8: NUL
      ['Оренбург, ул. Ленина, 11', '', 95, 55.1], // 9: latitude out of range
    ]);
    const r = await importAddresses(db, file, { rejectsPath: path.join(dir, 'gazetteer.rejects.csv') });
    accounted(r);
    expect(r.inserted).toBe(3);
    const why = reasons(r);
    expect(why.get(4)).toMatch(/the address is empty/);
    expect(why.get(5)).toMatch(/column "house": cannot read a house number in "123456"/);
    expect(why.get(6)).toMatch(/no coordinates/);
    expect(why.get(7)).toMatch(/field "text": [\d,]+ bytes, more than the 1,000 bytes a key may have/);
    expect(why.get(8)).toMatch(/NUL byte/);
    expect(why.get(9)).toMatch(/out of range|swapped/);
    const [a] = await db.query<{ type: string; house_key: string; locality: string }>(
      `SELECT s.type, a.house_key, s.locality FROM addresses a JOIN address_streets s ON s.id = a.street_id WHERE a.text = '1-й Аэропорт'`,
    );
    expect(a).toEqual({ type: '', house_key: '', locality: '' });
  });

  it('addresses: with external_id mapped, an empty or oversized id is rejected; the rest import', async () => {
    const mapping = parseMapping(
      addressMappingSchema,
      { source: 'gar', fields: { external_id: 'guid', text: 'address', lat: 'lat', lon: 'lon' } },
      'm.json',
    );
    const file = csv('gar.csv', [
      ['guid', 'address', 'lat', 'lon'],
      ['0c5b2444-70a0-4932-980c-b4dc0d3f02b5', 'Оренбург, ул. Чкалова, 32', 51.8, 55.1],
      ['', 'Оренбург, ул. Чкалова, 34', 51.8, 55.1],
      [LONG_ID, 'Оренбург, ул. Чкалова, 36', 51.8, 55.1],
    ]);
    const r = await importAddresses(db, file, { mapping, rejectsPath: path.join(dir, 'gar.rejects.csv') });
    accounted(r);
    expect(r.inserted).toBe(1);
    expect(reasons(r).get(2)).toMatch(/column "guid": the external id is empty/);
    expect(reasons(r).get(3)).toMatch(/field "external_id": 1,400 bytes, more than the 1,000 bytes a key may have/);
  });

  it('appeals: ids, dates, NUL, coordinates, field counts and raw JSON jsonb refuses', async () => {
    const header = ['external_id', 'created_at', 'closed_at', 'text', 'lat', 'lon'];
    const file = csv('appeals.csv', [
      header,
      ['a1', '2024-03-01T10:00:00Z', '', 'Яма', 55.75, 37.61], // 1
      ['', '2024-03-01T10:00:00Z', '', 'Яма', 55.75, 37.61], // 2: external_id NOT NULL
      [LONG_ID, '2024-03-01T10:00:00Z', '', 'Яма', 55.75, 37.61], // 3: (source, external_id) key size
      ['a4', '', '', 'Яма', 55.75, 37.61], // 4: created_at NOT NULL
      ['a5', '2024-03-01T10:00:00Z', '+010000-01-01T00:00:00Z', 'Яма', 55.75, 37.61], // 5: timestamptz cannot take it
      ['a6', '2024-03-01T10:00:00Z', '0201-05-03T00:00:00Z', 'Яма', 55.75, 37.61], // 6: a typo of a year
      ['a7', '2024-03-01T10:00:00Z', '', 'Я\u0000ма', 55.75, 37.61], // 7: NUL in text
      ['a8', '2024-03-01T10:00:00Z', '', 'Яма', 95, 37.61], // 8: latitude out of range
      ['a9', '2024-03-01T10:00:00Z', '', 'Яма'], // 9: fewer fields than the header
      ['a10', '2024-03-01T10:00:00Z', '', 'Яма', '', ''], // 10: no coordinates: imports unlocated
    ]);
    const r = await importAppeals(db, file, { rejectsPath: path.join(dir, 'appeals.rejects.csv') });
    accounted(r);
    expect(r.inserted).toBe(2);
    const why = reasons(r);
    expect(why.get(2)).toMatch(/external id is empty/);
    expect(why.get(3)).toMatch(/field "external_id": 1,400 bytes/);
    expect(why.get(4)).toMatch(/creation date is empty/);
    expect(why.get(5)).toMatch(/field "closed_at": the date .* cannot be stored/);
    expect(why.get(6)).toMatch(/field "closed_at": the date is in the year 0201, before 1900/);
    expect(why.get(7)).toMatch(/NUL byte/);
    expect(why.get(8)).toMatch(/out of range|swapped/);
    expect(why.get(9)).toMatch(/has 4 fields but the header has 6/);
  });

  it('appeals (GeoJSON): a geometry with a NUL in a foreign member is rejected; a cut emoji is repaired, not fatal', async () => {
    const file = geojson('appeals.geojson', [
      {
        properties: { external_id: 'g1', created_at: '2024-03-01T10:00:00Z', text: 'ok' },
        geometry: { type: 'Point', coordinates: [37.6, 55.7] },
      },
      {
        properties: { external_id: 'g2', created_at: '2024-03-01T10:00:00Z', text: 'x' },
        geometry: { type: 'Point', coordinates: [37.6, 55.7], note: 'a\u0000b' },
      },
      {
        properties: { external_id: 'g3', created_at: '2024-03-01T10:00:00Z', text: 'Яма \ud83d' },
        geometry: { type: 'Point', coordinates: [37.6, 55.7, 120] },
      },
      {
        properties: { external_id: 'g4', created_at: '2024-03-01T10:00:00Z' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [37.6, 55.7],
            [37.7, 55.8],
          ],
        },
      },
    ]);
    const r = await importAppeals(db, file, { rejectsPath: path.join(dir, 'appeals-geo.rejects.csv') });
    accounted(r);
    expect(r.inserted).toBe(2);
    expect(reasons(r).get(2)).toMatch(/the row holds a NUL byte or an unpaired UTF-16 surrogate/);
    expect(reasons(r).get(4)).toMatch(/invalid geometry/);
    expect(r.notes.join('\n')).toMatch(/1 rows held an unpaired UTF-16 surrogate/);
    const [a] = await db.query<{ text: string }>(`SELECT text FROM appeals WHERE external_id = 'g3'`);
    expect(a?.text).toBe('Яма \ufffd');
  });

  it('points: ids, name, yes/no flags, dates and a location (geom NOT NULL)', async () => {
    const file = csv('points.csv', [
      ['external_id', 'name', 'lat', 'lon', 'walk_in', 'verified_at', 'timezone'],
      ['p1', 'Поликлиника', 55.75, 37.61, 'yes', '2024-01-01', 'Europe/Moscow'], // 1
      ['', 'Поликлиника', 55.75, 37.61, 'yes', '', ''], // 2: external_id NOT NULL
      [LONG_ID, 'Поликлиника', 55.75, 37.61, 'yes', '', ''], // 3: key size
      ['p4', '', 55.75, 37.61, 'yes', '', ''], // 4: name NOT NULL
      ['p5', 'Поликлиника', '', '', 'yes', '', ''], // 5: geom NOT NULL, nothing to geocode
      ['p6', 'Поликлиника', 55.75, 37.61, 'maybe', '', ''], // 6: walk_in boolean
      ['p7', 'Поликлиника', 55.75, 37.61, 'yes', '0201-05-03', ''], // 7: a typo of a year
      ['p8', 'Поликлиника', 55.75, 37.61, 'yes', '', 'Mars/Olympus'], // 8: timezone
    ]);
    const r = await importPoints(db, file, { rejectsPath: path.join(dir, 'points.rejects.csv') });
    accounted(r);
    expect(r.inserted).toBe(1);
    const why = reasons(r);
    expect(why.get(2)).toMatch(/external id is empty/);
    expect(why.get(3)).toMatch(/field "external_id": 1,400 bytes/);
    expect(why.get(4)).toMatch(/name is empty/);
    expect(why.get(5)).toMatch(/no coordinates/);
    expect(why.get(6)).toMatch(/neither yes nor no/);
    expect(why.get(7)).toMatch(/field "verified_at": the date is in the year 0201, before 1900/);
    expect(why.get(8)).toMatch(/not an IANA time zone/);
  });

  it('roads: ids, geometry type, positions, a height and a "crs" (imported in 2D), owner, rating', async () => {
    const line = [
      [37.6, 55.7],
      [37.61, 55.71],
    ];
    const file = geojson('roads.geojson', [
      { properties: { external_id: 'r1', name: 'Тверская' }, geometry: { type: 'LineString', coordinates: line } }, // 1
      { properties: { external_id: '' }, geometry: { type: 'LineString', coordinates: line } }, // 2
      { properties: { external_id: LONG_ID }, geometry: { type: 'LineString', coordinates: line } }, // 3
      { properties: { external_id: 'r4' }, geometry: null }, // 4: geom NOT NULL
      { properties: { external_id: 'r5' }, geometry: { type: 'Point', coordinates: [37.6, 55.7] } }, // 5: MultiLineString column
      {
        properties: { external_id: 'r6' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [37.6, 55.7],
            ['x', 55.8],
          ],
        },
      }, // 6
      {
        properties: { external_id: 'r7' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [37.6, 55.7, 150],
            [37.7, 55.8, 151],
          ],
        },
      }, // 7: Z dropped
      {
        properties: { external_id: 'r8' },
        geometry: {
          type: 'LineString',
          coordinates: line,
          crs: { type: 'name', properties: { name: 'EPSG:99999' } },
        } as never,
      }, // 8
      { properties: { external_id: 'r9', owner: 'марсианская' }, geometry: { type: 'LineString', coordinates: line } }, // 9
      { properties: { external_id: 'r10', rating: 9 }, geometry: { type: 'LineString', coordinates: line } }, // 10: rating scale 1..5
    ]);
    const r = await importRoads(db, file, { rejectsPath: path.join(dir, 'roads.rejects.csv') });
    accounted(r);
    expect(r.inserted).toBe(3);
    const why = reasons(r);
    expect(why.get(2)).toMatch(/external id is empty/);
    expect(why.get(3)).toMatch(/field "external_id": 1,400 bytes/);
    expect(why.get(4)).toMatch(/no geometry/);
    expect(why.get(5)).toMatch(/invalid geometry: expected a LineString or MultiLineString, got Point/);
    expect(why.get(6)).toMatch(/invalid geometry: a position is not two numbers/);
    expect(why.get(9)).toMatch(/unknown owner/);
    expect(why.get(10)).toMatch(/outside the scale/);
    const [z] = await db.query<{ dims: number }>(
      `SELECT ST_NDims(geom) AS dims FROM road_segments WHERE external_id = 'r7'`,
    );
    expect(Number(z?.dims)).toBe(2);
  });

  it('plans: status CHECK, year, dates, segment, key size; a 3D plan line joins in 2D', async () => {
    const file = csv('plans.csv', [
      ['external_id', 'segment_id', 'year', 'status', 'completed_at'],
      ['pl1', 'r1', 2025, 'planned', ''], // 1
      ['pl2', 'r1', 2025, 'отложено навсегда', ''], // 2: status CHECK
      ['pl3', 'r1', 3000, 'planned', ''], // 3: year
      ['pl4', 'r1', 2025, 'done', '0201-05-03'], // 4: a typo of a year
      ['pl5', 'нет-такого', 2025, 'planned', ''], // 5: no such segment
      [LONG_ID, 'r1', 2025, 'planned', ''], // 6: key size
    ]);
    const r = await importPlans(db, file, { rejectsPath: path.join(dir, 'plans.rejects.csv') });
    accounted(r);
    expect(r.inserted).toBe(1);
    const why = reasons(r);
    expect(why.get(2)).toMatch(/unknown status/);
    expect(why.get(3)).toMatch(/is not a year/);
    expect(why.get(4)).toMatch(/field "completed_at": the date is in the year 0201, before 1900/);
    expect(why.get(5)).toMatch(/no road segment has the id/);
    expect(why.get(6)).toMatch(/field "external_id": 1,400 bytes/);

    const geo = geojson('plans.geojson', [
      {
        properties: { external_id: 'gp1', year: 2025 },
        geometry: {
          type: 'LineString',
          coordinates: [
            [37.6, 55.7, 5],
            [37.61, 55.71, 6],
          ],
        },
      },
      {
        properties: { external_id: 'gp2', year: 2025 },
        geometry: {
          type: 'LineString',
          coordinates: [
            [37.6, 55.7],
            [37.61, 95],
          ],
        },
      },
      { properties: { external_id: 'gp3', year: 2025 }, geometry: { type: 'Point', coordinates: [] } },
    ]);
    const g = await importPlans(db, geo, { rejectsPath: path.join(dir, 'plans-geo.rejects.csv') });
    accounted(g);
    expect(g.inserted).toBe(1);
    expect(reasons(g).get(2)).toMatch(/invalid geometry: a position is not \[lon, lat\] in range/);
    expect(reasons(g).get(3)).toMatch(/invalid geometry: the point is not \[lon, lat\] in range/);
  });

  it('boundaries: name NOT NULL, code key size, polygon type, rings, no area; a height and a "crs" import in 2D', async () => {
    const file = geojson('mo.geojson', [
      {
        properties: { code: '45000001', name: 'Первый' },
        geometry: { type: 'Polygon', coordinates: square(37.5, 55.6) },
      }, // 1
      {
        properties: { code: '45000002', name: 'Второй' },
        geometry: { type: 'Polygon', coordinates: square(37.6, 55.6).map((r) => r.map(([x, y]) => [x, y, 150])) },
      }, // 2: Z
      {
        properties: { code: '45000003', name: 'Третий' },
        geometry: {
          type: 'Polygon',
          coordinates: square(37.7, 55.6),
          crs: { type: 'name', properties: { name: 'EPSG:99999' } },
        } as never,
      }, // 3
      { properties: { code: '45000004', name: '' }, geometry: { type: 'Polygon', coordinates: square(37.8, 55.6) } }, // 4: name NOT NULL
      {
        properties: { code: LONG_ID, name: 'Длинный код' },
        geometry: { type: 'Polygon', coordinates: square(37.9, 55.6) },
      }, // 5: (level, code) key
      { properties: { code: '45000006', name: 'Точка' }, geometry: { type: 'Point', coordinates: [37.5, 55.6] } }, // 6: MultiPolygon column
      {
        properties: { code: '45000007', name: 'Незамкнутый' },
        geometry: { type: 'Polygon', coordinates: [square(37.5, 55.7)[0]!.slice(0, 4)] },
      }, // 7
      {
        properties: { code: '45000008', name: 'Плоский' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [37.5, 55.8],
              [37.6, 55.8],
              [37.7, 55.8],
              [37.5, 55.8],
            ],
          ],
        },
      }, // 8: no area
    ]);
    const r = await importBoundaries(db, file, {
      level: 'municipality',
      rejectsPath: path.join(dir, 'mo.rejects.csv'),
    });
    accounted(r);
    expect(r.inserted).toBe(3);
    const why = reasons(r);
    expect(why.get(4)).toMatch(/no name/);
    expect(why.get(5)).toMatch(/field "code": 1,400 bytes/);
    expect(why.get(6)).toMatch(/invalid geometry: expected Polygon or MultiPolygon, got Point/);
    expect(why.get(7)).toMatch(/ring is not closed/);
    expect(why.get(8)).toMatch(/the polygon has no area/);
    const [z] = await db.query<{ dims: number }>(`SELECT max(ST_NDims(geom)) AS dims FROM boundaries`);
    expect(Number(z?.dims)).toBe(2);
  });
});

describe('an unexpected error is one line: what, the file, the row', () => {
  it('a COPY refusal names the source row of the batch line it failed on', async () => {
    const err = await db
      .transaction(async (s) => {
        await s.query(
          `CREATE TEMP TABLE refuse_stage (row_number int NOT NULL, v text CHECK (v <> 'boom')) ON COMMIT DROP`,
        );
        const stage = copyBatches(s, 'refuse_stage', ['row_number', 'v'], 10);
        for (const [row, v] of [
          [3, 'a'],
          [7, 'b'],
          [12, 'boom'],
          [15, 'c'],
        ] as const)
          await stage.push([row, v]);
        return stage.finish().then(
          () => null,
          (e: unknown) => e,
        );
      })
      .catch((e: unknown) => e);
    expect((err as { sourceRow?: number }).sourceRow).toBe(12);
  });

  it('the CLI prints one line with the file, exit 2, no stack, when the database refuses what no rule foresaw', async () => {
    // A constraint no importer knows about: the merge fails after the checks passed.
    await db.query(`ALTER TABLE road_segments ADD CONSTRAINT test_no_boom CHECK (name IS DISTINCT FROM 'boom')`);
    try {
      const file = geojson('boom.geojson', [
        {
          properties: { external_id: 'b1', name: 'boom' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [37.6, 55.7],
              [37.7, 55.8],
            ],
          },
        },
      ]);
      const r = pmap(['import', 'roads', file, '--json'], { DATABASE_URL: url });
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^pmap: boom\.geojson: the import stopped on an unexpected error, nothing was imported: .*test_no_boom/,
      );
      expect(r.stderr).not.toMatch(/^\s+at /m);
    } finally {
      await db.query(`ALTER TABLE road_segments DROP CONSTRAINT test_no_boom`);
    }
  }, 60_000);
});
