import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { cellToCenterChild, cellToLatLng, gridDisk, gridDistance, latLngToCell } from 'h3-js';
import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { hotspots, loadWeeklyCounts } from '../../lib/aggregate/hotspots/load';
import { hotspotQuerySchema } from '../../lib/aggregate/hotspots/query';
import { pmap } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

let db: Database;
let url: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-hotspots-'));

const CENTRE = latLngToCell(51.7682, 55.0969, 7);
const AREA = gridDisk(CENTRE, 12); // 469 cells of res 7
const NEW = latLngToCell(51.83, 55.0, 7); // roads: appears in the last quarter
const STEADY = latLngToCell(51.7, 55.2, 7); // housing: there all along
const START = Date.parse('2024-11-04T00:00:00Z'); // a Monday
const WEEKS = 104;
const WEEK = 7 * 86_400_000;

function poisson(rng: () => number, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

beforeAll(async () => {
  ({ db, url } = await freshPostgres('hotspots'));
  expect(gridDistance(NEW, STEADY)).toBeGreaterThan(4);
  const rng = seedrandom.alea('hotspots-integration');
  const rows: { t: string; h3: string; lat: number; lon: number; topic: string }[] = [];
  for (const cell of AREA) {
    const child = cellToCenterChild(cell, 9);
    const [lat, lon] = cellToLatLng(child);
    for (let w = 0; w < WEEKS; w++) {
      const rates: [string, number][] = [
        ['roads', 0.08 + (gridDistance(NEW, cell) <= 1 && w >= 78 ? 1 : 0)],
        ['housing', 0.08 + (gridDistance(STEADY, cell) <= 1 ? 0.5 : 0)],
      ];
      for (const [topic, rate] of rates) {
        for (let k = poisson(rng, rate); k > 0; k--) {
          rows.push({
            t: new Date(START + w * WEEK + Math.floor(rng() * WEEK)).toISOString(),
            h3: BigInt(`0x${child}`).toString(),
            lat,
            lon,
            topic,
          });
        }
      }
    }
  }
  await db.query(`INSERT INTO sources (code, name) VALUES ('t', 'test')`);
  await db.query(
    `INSERT INTO appeals (source_id, external_id, channel, created_at, status, topic, h3, geom, raw, content_hash)
     SELECT (SELECT id FROM sources), 'x' || i, 'social', t, 'new', topic, h3, ST_SetSRID(ST_MakePoint(lon, lat), 4326), '{}', 'h'
     FROM unnest($1::timestamptz[], $2::bigint[], $3::float8[], $4::float8[], $5::text[]) WITH ORDINALITY AS u(t, h3, lat, lon, topic, i)`,
    [
      rows.map((r) => r.t),
      rows.map((r) => r.h3),
      rows.map((r) => r.lat),
      rows.map((r) => r.lon),
      rows.map((r) => r.topic),
    ],
  );
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const q = (o: Record<string, string>) => hotspotQuerySchema.parse(o);

describe('hotspots from the database', () => {
  it('weekly counts per cell cover the data span in Monday weeks, clipped to the filter', async () => {
    const all = await loadWeeklyCounts(db, q({}), 7);
    expect(all.firstWeek).toBe('2024-11-04');
    expect(all.weeks).toBe(WEEKS);
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) n FROM appeals`);
    let sum = 0;
    for (const s of all.cells.values()) sum += s.reduce((a, b) => a + b, 0);
    expect(sum).toBe(Number(n));
    // a filter reaching beyond the data is clipped to it; a mid-week day starts at its Monday
    const part = await loadWeeklyCounts(db, q({ from: '2020-01-01', to: '2025-01-01' }), 6);
    expect([part.firstWeek, part.weeks]).toEqual(['2024-11-04', 9]);
  });

  it('labels the planted clusters and orders labelled cells first', async () => {
    const roads = await hotspots(db, q({ topic: 'roads' }));
    expect([roads.res, roads.weeks, roads.periods, roads.alpha]).toEqual([7, WEEKS, 4, 0.05]);
    const byCell = new Map(roads.cells.map((c) => [c.h3, c]));
    expect(byCell.get(NEW)?.label).toBe('new');
    expect(byCell.get(NEW)!.z).toBeGreaterThan(5);
    expect(byCell.get(NEW)!.trend).toBeGreaterThan(3);
    expect(byCell.get(STEADY)?.label ?? '').toBe('');
    const housing = await hotspots(db, q({ topic: 'housing' }));
    expect(housing.cells.find((c) => c.h3 === STEADY)?.label).toBe('persistent');
    expect(housing.cells.find((c) => c.h3 === NEW)?.label ?? '').toBe('');
    const k = roads.cells.findIndex((c) => c.label === '');
    expect(roads.cells.slice(0, k).every((c, i, a) => i === 0 || a[i - 1].z >= c.z)).toBe(true);
    expect(roads.cells.slice(k).every((c) => c.label === '')).toBe(true);
  });

  it('pmap hotspots writes the CSV the map shows', () => {
    const out = path.join(dir, 'roads.csv');
    const r = pmap(
      [
        'hotspots',
        '--out',
        out,
        '--topic',
        'roads',
        '--from',
        '2024-11-04',
        '--to',
        '2026-11-01',
        '--res',
        '7',
        '--json',
      ],
      { DATABASE_URL: url },
    );
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('h3,label,z,p,trend,count,q');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(r.json).toMatchObject({ rows: rows.length, res: 7, weeks: WEEKS });
    const planted = rows.find((x) => x.h3 === NEW)!;
    expect(planted.label).toBe('new');
    expect(Number(planted.z)).toBeGreaterThan(5);
    expect(Number(planted.p)).toBeLessThan(1e-6);
    expect(rows[0].label).not.toBe('');
  });

  it('refuses bad options with one line', () => {
    const r = pmap(['hotspots', '--out', path.join(dir, 'x.csv'), '--res', '12'], { DATABASE_URL: url });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('pmap: --res: Too big: expected number to be <=9');
    expect(fs.existsSync(path.join(dir, 'x.csv'))).toBe(false);
  });
});
