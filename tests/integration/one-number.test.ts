import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { clearAggregateCache } from '../../lib/aggregate/cache';
import { warmCube } from '../../lib/aggregate/cube';
import { cellCounts, hexagonCounts, hexagonQuerySchema } from '../../lib/aggregate/hexagons';
import { hotspotQuerySchema } from '../../lib/aggregate/hotspots/query';
import { summary } from '../../lib/aggregate/summary';
import { appealsTile } from '../../lib/aggregate/tiles/appeals';
import { appealFilterSchema, type AppealFilter } from '../../lib/domain/filters';
import { listAppeals } from '../../lib/store/appealList';
import { exportAppeals } from '../../lib/store/exportAppeals';
import { freshPostgres } from '../helpers/db';
import { decodeLayer } from '../helpers/mvt';

/*
 * One filter, one number: the side panel (summary), the hexagons of the whole box, the sum over the tiles covering
 * the region, the export and the appeals list. The documented relation: summary = list = export = every appeal the
 * filter matches; hexagons = tiles = those with a location; summary.withoutLocation = the rest. Expected values are
 * counted from the rows this test writes.
 */

let db: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-one-number-'));

interface Row {
  ext: string;
  topic: string;
  channel: string;
  status: string;
  thanks: boolean;
  created: string;
  lat: number | null;
  lon: number | null;
}

// A box around Orenburg, spread over several res-7 cells and z8 tiles.
const BOX = [54.6, 51.5, 55.8, 52.1] as const;
const TOPICS = ['roads', 'housing', 'improvement', 'health'];
const CHANNELS = ['pos', 'social', 'hotline'];
const STATUSES = ['new', 'closed', 'answered'];

function rows(): Row[] {
  const out: Row[] = [];
  let seed = 7;
  const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let i = 0; i < 400; i++) {
    const day = 1 + Math.floor(rnd() * 91); // 2025-03-01 .. 2025-05-30
    const created = new Date(Date.UTC(2025, 2, day, Math.floor(rnd() * 24), Math.floor(rnd() * 60))).toISOString();
    const located = i % 9 !== 0;
    out.push({
      ext: `r${i}`,
      topic: TOPICS[i % 4],
      channel: CHANNELS[i % 3],
      status: STATUSES[(i % 5) % 3],
      thanks: i % 3 === 1,
      created,
      lat: located ? BOX[1] + rnd() * (BOX[3] - BOX[1]) : null,
      lon: located ? BOX[0] + rnd() * (BOX[2] - BOX[0]) : null,
    });
  }
  // The edges of the period 2025-04-01..2025-04-30: the first and the last instant inside, one instant either side.
  const edge = (ext: string, created: string, lat: number | null) =>
    out.push({
      ext,
      topic: 'roads',
      channel: 'pos',
      status: 'new',
      thanks: false,
      created,
      lat,
      lon: lat === null ? null : 55.1,
    });
  edge('e1', '2025-04-01T00:00:00.000Z', 51.77);
  edge('e2', '2025-04-30T23:59:59.999Z', 51.78);
  edge('e3', '2025-03-31T23:59:59.999Z', 51.79);
  edge('e4', '2025-05-01T00:00:00.000Z', 51.8);
  edge('e5', '2025-04-30T23:59:59.000Z', null);
  return out;
}
const ROWS = rows();

beforeAll(async () => {
  ({ db } = await freshPostgres('one_number'));
  await db.query(`INSERT INTO sources (code, name) VALUES ('t', 'test')`);
  for (const r of ROWS) {
    const h3 = r.lat === null ? null : BigInt(`0x${latLngToCell(r.lat, r.lon!, 9)}`).toString();
    await db.query(
      `INSERT INTO appeals (source_id, external_id, channel, created_at, status, topic, is_gratitude, geom, h3, raw, content_hash)
       VALUES ((SELECT id FROM sources), $1, $2, $3, $4, $5, $6,
               CASE WHEN $7::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($8, $7), 4326) END, $9::bigint, '{}', 'h')`,
      [r.ext, r.channel, r.created, r.status, r.topic, r.thanks, r.lat, r.lon, h3],
    );
  }
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The filter's rows, decided here from the rows written (not by the code under test). */
function expected(q: Record<string, string>): { all: number; located: number } {
  const list = (k: string) => (q[k] ? q[k].split(',') : null);
  const g = q.gratitude ?? 'exclude';
  const match = ROWS.filter(
    (r) =>
      (!list('topic') || list('topic')!.includes(r.topic)) &&
      (!list('channel') || list('channel')!.includes(r.channel)) &&
      (!list('status') || list('status')!.includes(r.status)) &&
      (!q.from || r.created >= `${q.from}T00:00:00.000Z`) &&
      (!q.to || r.created <= `${q.to}T23:59:59.999Z`) &&
      (g === 'include' || (g === 'only' ? r.thanks : !r.thanks)),
  );
  return { all: match.length, located: match.filter((r) => r.lat !== null).length };
}

const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

/** Every cell of the tiles covering the box at zoom z, once each (neighbouring tiles repeat the cells on their edge). */
async function tileCells(f: AppealFilter, z: number): Promise<Map<string, number>> {
  const cells = new Map<string, number>();
  for (let x = lon2x(BOX[0], z); x <= lon2x(BOX[2], z); x++) {
    for (let y = lat2y(BOX[3], z); y <= lat2y(BOX[1], z); y++) {
      for (const feat of decodeLayer(await appealsTile(db, f, { z, x, y }), 'appeals', z, x, y)) {
        const h3 = String(feat.properties.h3);
        const n = Number(feat.properties.count);
        // A cell repeated by a neighbouring tile carries the same count there.
        if (cells.has(h3)) expect(cells.get(h3), h3).toBe(n);
        cells.set(h3, n);
      }
    }
  }
  return cells;
}

const FILTERS: Record<string, string>[] = [
  {},
  { gratitude: 'include' },
  { gratitude: 'only' },
  { topic: 'roads', from: '2025-04-01', to: '2025-04-30' },
  {
    topic: 'roads,housing',
    channel: 'pos,social',
    status: 'new',
    gratitude: 'include',
    from: '2025-03-15',
    to: '2025-05-10',
  },
];

describe('one filter, one number', () => {
  it('the default leaves thanks out on every endpoint schema', () => {
    expect(appealFilterSchema.parse({}).gratitude).toBe('exclude');
    expect(hexagonQuerySchema.parse({ res: '7' }).gratitude).toBe('exclude');
    expect(hotspotQuerySchema.parse({}).gratitude).toBe('exclude');
  });

  for (const q of FILTERS) {
    it(`summary = list = export; hexagons (res 7 and 9, whole box) = tiles = located (${JSON.stringify(q)})`, async () => {
      clearAggregateCache?.();
      const e = expected(q);
      expect(e.all - e.located).toBeGreaterThanOrEqual(q.topic === 'roads' ? 1 : 0);
      const f = appealFilterSchema.parse(q);

      const s = await summary(db, f);
      expect([s.total, s.withoutLocation]).toEqual([e.all, e.all - e.located]);
      expect((await listAppeals(db, f, 1, 10, false)).total).toBe(e.all);
      expect(await exportAppeals(db, f, path.join(tmp, 'x.csv'), 'csv')).toBe(e.all);

      for (const res of [7, 9]) {
        const whole = await hexagonCounts(
          db,
          hexagonQuerySchema.parse({ ...q, res: String(res), bbox: BOX.join(',') }),
        );
        expect(whole.total, `res ${res}`).toBe(e.located);
        expect((await hexagonCounts(db, hexagonQuerySchema.parse({ ...q, res: String(res) }))).total).toBe(e.located);
      }
      const sqlOnly = await cellCounts(db, f, 7, BOX, 'sql');
      expect(sqlOnly.reduce((a, c) => a + c.count, 0)).toBe(e.located);

      const tiles = await tileCells(f, 9); // z9: res-6 hexagons
      expect([...tiles.values()].reduce((a, n) => a + n, 0)).toBe(e.located);
    });
  }

  it('the in-memory cube gives the same numbers as SQL', async () => {
    expect(await warmCube(db)).not.toBeNull();
    for (const q of FILTERS) {
      const f = appealFilterSchema.parse(q);
      const cells = await cellCounts(db, f, 7, BOX);
      expect(
        cells.reduce((a, c) => a + c.count, 0),
        JSON.stringify(q),
      ).toBe(expected(q).located);
    }
  });
});
