import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { hexagonCounts, hexagonQuerySchema } from '../../lib/aggregate/hexagons';
import { summary } from '../../lib/aggregate/summary';
import { appealFilterSchema } from '../../lib/domain/filters';
import { importAddresses } from '../../lib/ingest/addresses/importAddresses';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { readMappingFile } from '../../lib/ingest/mapping';
import { importRoads } from '../../lib/ingest/roads/importRoads';
import { roadMappingSchema } from '../../lib/ingest/roads/mapping';
import { FIXTURES } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

/*
 * Geocode precision (issue 26): every appeal stores how precisely it is placed (appeals.geocode_level). A point known
 * only to its street keeps its point but enters no res 8–9 cell and no road segment; the summary counts the filter's
 * appeals without a location and those placed approximately, and the location filter lists them.
 * Road: the fixture's «ул. Советская» runs along lat 51.772 from lon 55.100 to 55.105; the houses stand 11 m north.
 */
let db: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-geocode-level-'));
const filter = appealFilterSchema.parse({ gratitude: 'include' });

interface Row {
  external_id: string;
  geocode_level: string;
  res: number | null;
  road_segment_id: number | null;
  has_point: boolean;
}
let rows: Record<string, Row>;

beforeAll(async () => {
  ({ db } = await freshPostgres('geocode_level'));
  const F = (name: string) => path.join(FIXTURES, 'roads', name);
  await importRoads(db, F('network.geojson'), {
    mapping: readMappingFile(roadMappingSchema, F('network.mapping.json')),
    rejectsPath: path.join(tmp, 'roads.csv'),
  });
  const gazetteer = path.join(tmp, 'addresses.csv');
  fs.writeFileSync(
    gazetteer,
    'text,locality,street,house,lat,lon\n' +
      ['1,55.1010', '3,55.1020', '5,55.1030']
        .map((x) => {
          const [h, lon] = x.split(',');
          return `"г. Оренбург, ул. Советская, ${h}",Оренбург,улица Советская,${h},51.7721,${lon}`;
        })
        .join('\n') +
      '\n',
  );
  expect(await importAddresses(db, gazetteer, { rejectsPath: path.join(tmp, 'ra.csv') })).toMatchObject({
    inserted: 3,
  });
  const appeals = path.join(tmp, 'appeals.csv');
  fs.writeFileSync(
    appeals,
    'external_id,created_at,topic,text,address,lat,lon\n' +
      'H-1,2025-04-01T10:00:00Z,roads,Яма,"г. Оренбург, ул. Советская, 3",,\n' +
      'S-1,2025-04-01T11:00:00Z,roads,Яма,"г. Оренбург, ул. Советская",,\n' +
      'P-1,2025-04-01T12:00:00Z,roads,Яма,,51.7722,55.1025\n' +
      'N-1,2025-04-01T13:00:00Z,roads,Яма,"г. Оренбург, ул. Несуществующая, 5",,\n',
  );
  expect(await importAppeals(db, appeals, { rejectsPath: path.join(tmp, 'rap.csv') })).toMatchObject({
    read: 4,
    inserted: 4,
  });
  const list =
    await db.query<Row>(`SELECT external_id, geocode_level, ((h3 >> 52) & 15)::int AS res, road_segment_id, geom IS NOT NULL AS has_point
    FROM appeals ORDER BY external_id`);
  rows = Object.fromEntries(list.map((r) => [r.external_id, r]));
}, 120_000);
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('geocode precision', () => {
  it('stores the level: own coordinates a point, the house found a house, the street only a street, nothing none', () => {
    expect(Object.fromEntries(Object.values(rows).map((r) => [r.external_id, r.geocode_level]))).toEqual({
      'H-1': 'house',
      'S-1': 'street',
      'P-1': 'point',
      'N-1': 'none',
    });
  });

  it('a street-level point keeps its point, gets only its res-7 cell and no road segment', () => {
    expect(rows['S-1']).toMatchObject({ has_point: true, res: 7, road_segment_id: null });
    // The precise ones beside it, on the same road, do get res 9 and the segment: the road is in reach.
    expect(rows['H-1']).toMatchObject({ res: 9 });
    expect(rows['H-1']!.road_segment_id).not.toBeNull();
    expect(rows['P-1']!.road_segment_id).not.toBeNull();
    expect(rows['N-1']).toMatchObject({ has_point: false, res: null, road_segment_id: null });
  });

  it('res 8 and 9 cells leave it out, res 7 counts it', async () => {
    const at = async (res: number) =>
      (await hexagonCounts(db, hexagonQuerySchema.parse({ gratitude: 'include', res: String(res) }))).total;
    expect(await at(9)).toBe(2);
    expect(await at(8)).toBe(2);
    expect(await at(7)).toBe(3);
    // Near a viewport (the cube, or the covering index), as the map asks.
    const near = async (res: number) =>
      (
        await hexagonCounts(
          db,
          hexagonQuerySchema.parse({ gratitude: 'include', res: String(res), bbox: '55.09,51.76,55.12,51.78' }),
        )
      ).total;
    expect(await near(9)).toBe(2);
    expect(await near(8)).toBe(2);
    expect(await near(7)).toBe(3);
  });

  it('the summary counts the unlocated and the approximate; the location filter lists them', async () => {
    expect(await summary(db, filter)).toMatchObject({ total: 4, withoutLocation: 1, coarseLocation: 1 });
    expect((await summary(db, appealFilterSchema.parse({ gratitude: 'include', location: 'coarse' }))).total).toBe(1);
    expect((await summary(db, appealFilterSchema.parse({ gratitude: 'include', location: 'none' }))).total).toBe(1);
    expect((await summary(db, appealFilterSchema.parse({ gratitude: 'include', location: 'precise' }))).total).toBe(2);
  });
});
