import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { cellToLatLng } from 'h3-js';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { clearAggregateCache, readDataVersion } from '../../lib/aggregate/cache';
import { cubeCellCounts, fineCellCounts, readyCube, warmCube } from '../../lib/aggregate/cube';
import { cellCounts, padForCells } from '../../lib/aggregate/hexagons';
import { appealFilterSchema } from '../../lib/domain/filters';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { submitAppeal } from '../../lib/ingest/appeals/submitAppeal';
import { appealMappingSchema, readMappingFile } from '../../lib/ingest/mapping';
import { FIXTURES, ROOT, SHARED_DATA } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

let db: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-rollup-'));
const nycMapping = readMappingFile(appealMappingSchema, path.join(ROOT, 'examples/nyc311.json'));
const ruMapping = readMappingFile(appealMappingSchema, path.join(FIXTURES, 'appeals_ru.mapping.json'));
const nyc = path.join(SHARED_DATA, 'nyc311_sample_2011.csv');

beforeAll(async () => {
  ({ db } = await freshPostgres('rollup'));
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const KEYS = 'h3_r7, day, topic, channel, status, municipality_id, is_gratitude';
/** The monthly rollup must equal this GROUP BY over the raw appeals, row for row (and hold no zero rows). */
async function expectRollupExact() {
  let rows = 0;
  for (const [table, period] of [['appeal_rollup_month', `date_trunc('month', created_at AT TIME ZONE 'UTC')::date`]]) {
    const raw = await db.query(
      `SELECT h3_parent(h3, 7) AS h3_r7, ${period}::text AS day, topic, channel, status,
              coalesce(municipality_id, 0) AS municipality_id, is_gratitude, count(*)::int AS n
       FROM appeals WHERE h3 IS NOT NULL GROUP BY ${KEYS} ORDER BY ${KEYS}`,
    );
    const roll = await db.query(
      `SELECT h3_r7, day::text AS day, topic, channel, status, municipality_id, is_gratitude, n FROM ${table} ORDER BY ${KEYS}`,
    );
    expect(roll.length, table).toBe(raw.length);
    expect(roll, table).toEqual(raw);
    rows ||= raw.length;
  }
  return rows;
}
const total = async () =>
  Number((await db.query<{ n: number }>(`SELECT coalesce(sum(n), 0) n FROM appeal_rollup_month`))[0].n);

describe('appeal_rollup_month stays exact on every write path', () => {
  it('after an import and a second import of another source', async () => {
    expect((await importAppeals(db, nyc, { mapping: nycMapping, rejectsPath: path.join(tmp, '1.csv') })).inserted).toBe(
      2000,
    );
    expect(await expectRollupExact()).toBeGreaterThan(400);
    await importAppeals(db, path.join(FIXTURES, 'appeals_ru.csv'), {
      mapping: ruMapping,
      rejectsPath: path.join(tmp, '2.csv'),
    });
    await expectRollupExact();
  });

  it('after a re-import that changes statuses and dates (merge updates)', async () => {
    const rows = parse(fs.readFileSync(nyc), { columns: true }) as Record<string, string>[];
    const edited = rows.map((r, i) =>
      i % 7 === 0
        ? { ...r, Status: r.Status === 'Closed' ? 'Open' : 'Closed', 'Created Date': '01/15/2011 10:00:00 AM' }
        : r,
    );
    const file = path.join(tmp, 'edited.csv');
    fs.writeFileSync(file, stringify(edited, { header: true }));
    const r = await importAppeals(db, file, { mapping: nycMapping, rejectsPath: path.join(tmp, '3.csv') });
    expect(r.updated).toBeGreaterThan(250);
    await expectRollupExact();
  });

  it('after a bot appeal, a topic override, municipalities assigned, and a delete', async () => {
    const before = await total();
    await submitAppeal(db, 'rollupbot', 'rollup-key-0001', {
      text: 'Не вывозят мусор',
      channel: 'bot',
      lat: 40.75,
      lon: -73.99,
    });
    expect(await total()).toBe(before + 1);
    await expectRollupExact();

    // A topic override as an analyst makes it: one UPDATE of topic and topic_manual.
    await db.query(
      `UPDATE appeals SET topic = 'waste', topic_manual = true WHERE id IN (SELECT id FROM appeals WHERE topic <> 'waste' ORDER BY id LIMIT 40)`,
    );
    await expectRollupExact();

    // Point-in-polygon after a boundary import sets municipality_id on existing appeals.
    const [b] = await db.query<{ id: number }>(
      `INSERT INTO boundaries (level, code, name, geom)
       VALUES ('municipality', 'MN', 'Manhattan', ST_Multi(ST_MakeEnvelope(-74.03, 40.70, -73.90, 40.88, 4326))) RETURNING id`,
    );
    await db.query(
      `UPDATE appeals SET municipality_id = $1 WHERE ST_Within(geom, (SELECT geom FROM boundaries WHERE id = $1))`,
      [b.id],
    );
    await expectRollupExact();

    const [{ located }] = await db.query<{ located: number }>(
      `SELECT count(h3)::int located FROM (SELECT h3 FROM appeals ORDER BY id DESC LIMIT 25) x`,
    );
    await db.query(`DELETE FROM appeals WHERE id IN (SELECT id FROM appeals ORDER BY id DESC LIMIT 25)`);
    expect(located).toBeGreaterThan(10);
    expect(await total()).toBe(before + 1 - located);
    await expectRollupExact();
    const [{ zeros }] = await db.query<{ zeros: number }>(
      `SELECT (SELECT count(*) FROM appeal_rollup_month WHERE n <= 0) AS zeros`,
    );
    expect(zeros).toBe(0);
  });
});

describe('counts from the rollup equal counts from the raw appeals', () => {
  const raw = async (res: number, where: string, params: unknown[]) =>
    db.query<{ h3: string; count: number }>(
      `SELECT to_hex(h3_parent(h3, ${res})) h3, count(*)::int count FROM appeals a WHERE h3 IS NOT NULL AND ${where} GROUP BY 1 ORDER BY 1`,
      params,
    );

  it.each([
    [7, {}, 'TRUE', []],
    [5, { topic: 'waste,roads', gratitude: 'exclude' }, `topic IN ('waste', 'roads') AND NOT is_gratitude`, []],
    [6, { from: '2011-01-15', to: '2011-02-10' }, `created_at >= '2011-01-15' AND created_at < '2011-02-11'`, []],
    [6, { from: '2011-01-20', to: '2011-03-05' }, `created_at >= '2011-01-20' AND created_at < '2011-03-06'`, []],
    [4, { from: '2011-01-01', to: '2011-12-31' }, `created_at >= '2011-01-01' AND created_at < '2012-01-01'`, []],
    [
      5,
      { to: '2011-02-20', status: 'closed', gratitude: 'exclude' },
      `created_at < '2011-02-21' AND status = 'closed' AND NOT is_gratitude`,
      [],
    ],
    [
      7,
      { municipality: 'Manhattan', status: 'closed', channel: 'hotline,portal' },
      `municipality_id = (SELECT id FROM boundaries WHERE code = 'MN') AND status = 'closed' AND channel IN ('hotline', 'portal')`,
      [],
    ],
  ] as const)('res %i, filter %j', async (res, f, where, params) => {
    const want = await raw(res, where, [...params]);
    expect(want.length).toBeGreaterThan(0);
    expect(await cellCounts(db, appealFilterSchema.parse(f), res, null)).toEqual(want);
  });

  // In a viewport: every appeal of the res-7 cells whose point lies in the padded box, whole months and edge days.
  it.each([
    [6, { from: '2011-01-20', to: '2011-03-05' }, `created_at >= '2011-01-20' AND created_at < '2011-03-06'`],
    [
      7,
      { from: '2011-02-03', to: '2011-02-17', status: 'closed' },
      `created_at >= '2011-02-03' AND created_at < '2011-02-18' AND status = 'closed'`,
    ],
    [5, { to: '2011-02-20' }, `created_at < '2011-02-21'`],
  ] as const)('in a viewport, res %i, filter %j', async (res, f, where) => {
    const box = [-74.05, 40.6, -73.85, 40.8];
    const p = padForCells(box, res);
    const want = await db.query<{ h3: string; count: number }>(
      `SELECT to_hex(h3_parent(a.h3, ${res})) h3, count(*)::int count FROM appeals a
       JOIN appeal_rollup_cell c ON c.h3_r7 = h3_parent(a.h3, 7) AND c.lon BETWEEN $1 AND $3 AND c.lat BETWEEN $2 AND $4
       WHERE a.h3 IS NOT NULL AND ${where} GROUP BY 1 ORDER BY 1`,
      p,
    );
    expect(want.length).toBeGreaterThan(0);
    expect(await cellCounts(db, appealFilterSchema.parse(f), res, box, 'sql')).toEqual(want);
  });
});

describe('the in-memory cube answers exactly what the SQL over the rollup and the raw appeals answer', () => {
  const f = (o: Record<string, string>) => appealFilterSchema.parse(o);
  const cases: [number, Record<string, string>, number[] | null][] = [
    [7, {}, null],
    [4, { gratitude: 'exclude' }, null],
    [5, { topic: 'waste,roads', gratitude: 'exclude' }, null],
    [4, { channel: 'portal,hotline', gratitude: 'include' }, null],
    [6, { from: '2011-01-15', to: '2011-02-10' }, null],
    [6, { from: '2011-01-20', to: '2011-03-05', channel: 'hotline' }, null],
    [5, { to: '2011-02-20', status: 'closed' }, null],
    [7, { municipality: 'Manhattan', status: 'closed,new' }, null],
    [7, { municipality: 'MN' }, [-74.0, 40.72, -73.95, 40.78]],
    [6, { topic: 'roads' }, [-74.05, 40.6, -73.85, 40.8]],
    [6, { from: '2011-01-20', to: '2011-03-05' }, [-74.05, 40.6, -73.85, 40.8]],
    [7, { municipality: 'no such place' }, null],
  ];

  it('on every filter field, with and without a viewport', async () => {
    const cube = await warmCube(db);
    expect(cube?.rows).toBeGreaterThan(500);
    let nonEmpty = 0;
    for (const [res, o, box] of cases) {
      // With a viewport the rollup picks cells by their point in the padded box, the raw query appeals by theirs.
      const want = await cellCounts(db, f(o), res, box, box ? 'sql' : 'raw');
      if (box) expect(want.length).toBeLessThan((await cellCounts(db, f(o), res, null, 'sql')).length);
      else expect(await cellCounts(db, f(o), res, box, 'sql'), JSON.stringify(o)).toEqual(want);
      expect(cubeCellCounts(cube!, f(o), res, box ? padForCells(box, res) : null), JSON.stringify(o)).toEqual(want);
      if (want.length) nonEmpty++;
    }
    expect(nonEmpty).toBe(cases.length - 1);
  });

  /** Every case as SQL over the rollup answers it, and as cellCounts (the cube and its deltas, when ready). */
  async function expectCubeAnswersAsSql() {
    const fine: [8 | 9, number[]][] = [
      [9, [-74.0, 40.7, -73.93, 40.8]],
      [8, [-74.02, 40.7, -73.93, 40.8]],
    ];
    for (const [res, o, box] of [...cases, ...fine.map(([r, b]) => [r, {}, b] as const)]) {
      clearAggregateCache();
      expect(await cellCounts(db, f(o), res, box), JSON.stringify([res, o, box])).toEqual(
        await cellCounts(db, f(o), res, box, 'sql'),
      );
    }
  }

  it('adds small writes to itself without a rebuild, and rebuilds after a bulk one', async () => {
    const cube = await warmCube(db);
    clearAggregateCache();
    expect((await readyCube(db))?.base).toBe(cube);

    // A bot appeal in a place the cube has no cell for, a status change, a topic override, a delete.
    await submitAppeal(db, 'rollupbot', 'rollup-key-cube-1', {
      text: 'Яма на дороге',
      channel: 'bot',
      lat: 40.9101,
      lon: -73.7001,
    });
    await db.query(
      `UPDATE appeals SET status = 'closed' WHERE id IN (SELECT id FROM appeals WHERE h3 IS NOT NULL AND status <> 'closed' ORDER BY id LIMIT 5)`,
    );
    await db.query(
      `UPDATE appeals SET topic = 'roads', topic_manual = true WHERE id IN (SELECT id FROM appeals WHERE h3 IS NOT NULL AND topic <> 'roads' ORDER BY id DESC LIMIT 7)`,
    );
    await db.query(
      `DELETE FROM appeals WHERE id IN (SELECT id FROM appeals WHERE h3 IS NOT NULL ORDER BY id DESC LIMIT 3 OFFSET 10)`,
    );
    clearAggregateCache();
    const live = await readyCube(db);
    expect(live?.base).toBe(cube); // no rebuild …
    expect(live!.version).toBe(await readDataVersion(db)); // … and yet current
    expect(live!.deltas.length).toBeGreaterThan(10);
    expect(await cellCounts(db, f({ channel: 'bot' }), 7, null)).toEqual(
      await cellCounts(db, f({ channel: 'bot' }), 7, null, 'raw'),
    );
    await expectCubeAnswersAsSql();

    // A statement over the limit leaves a marker: the cube stops answering until it is rebuilt.
    await db.transaction(async (s) => {
      await s.query(`SET LOCAL pmap.cube_delta_max = 50`);
      await s.query(
        `UPDATE appeals SET status = 'answered' WHERE id IN (SELECT id FROM appeals WHERE h3 IS NOT NULL AND status = 'new' ORDER BY id LIMIT 60)`,
      );
    });
    clearAggregateCache();
    expect(await readyCube(db)).toBeNull();
    const next = await warmCube(db);
    expect(next!.version).not.toBe(cube!.version);
    clearAggregateCache();
    expect((await readyCube(db))?.base).toBe(next);
    await expectCubeAnswersAsSql();
  });

  it('rebuilds when the municipalities change', async () => {
    const cube = await warmCube(db);
    await db.query(`INSERT INTO boundaries (level, code, name, geom)
       VALUES ('municipality', 'BX', 'Bronx', ST_Multi(ST_MakeEnvelope(-73.93, 40.80, -73.76, 40.92, 4326)))`);
    clearAggregateCache();
    expect(await readyCube(db)).toBeNull();
    const next = await warmCube(db);
    expect(next).not.toBe(cube);
    expect(next!.municipalities.map((m) => m.code)).toContain('BX');
  });
});

describe('the data version', () => {
  it('moves when a writer that drew the smaller number commits last', async () => {
    const early = 'early writer';
    const before = await readDataVersion(db);
    let whileOpen = '';
    await db.transaction(async (s) => {
      const [{ v }] = await s.query<{ v: number }>(`INSERT INTO data_changes (tbl) VALUES ($1) RETURNING v`, [early]);
      // Another connection draws a larger number and commits first.
      const [{ v: later }] = await db.query<{ v: number }>(
        `INSERT INTO data_changes (tbl) VALUES ('later writer') RETURNING v`,
      );
      expect(Number(later)).toBeGreaterThan(Number(v));
      whileOpen = await readDataVersion(db);
      expect(whileOpen).not.toBe(before);
    });
    const after = await readDataVersion(db);
    // max(v) is the same before and after the early writer's commit; the version still moves.
    expect(after.split(':')[0]).toBe(whileOpen.split(':')[0]);
    expect(after).not.toBe(whileOpen);
  });
});

describe('res 8–9 near a viewport come from the covering H3 index or the cube', () => {
  it.each([
    [8, { topic: 'roads,waste' }, [-73.99, 40.72, -73.95, 40.76]],
    [9, {}, [-74.0, 40.7, -73.93, 40.8]],
    [8, { from: '2011-01-10', to: '2011-12-31', gratitude: 'exclude' }, [-74.02, 40.7, -73.93, 40.8]],
  ] as const)('res %i, filter %j: every cell inside the box has the raw count', async (res, o, box) => {
    const f = appealFilterSchema.parse(o);
    const inside = (cells: { h3: string; count: number }[]) =>
      cells.filter((c) => {
        const [lat, lon] = cellToLatLng(c.h3);
        return lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3];
      });
    const raw = inside(await cellCounts(db, f, res, box, 'raw'));
    const ours = await cellCounts(db, f, res, box, 'sql');
    expect(raw.length).toBeGreaterThan(3);
    expect(inside(ours)).toEqual(raw);
    // The cube's appeal rows give the same cells as the covering index.
    const cube = await warmCube(db);
    const padded = padForCells(box, res);
    expect(fineCellCounts(cube!, f, res, padded, padForCells(padded, 7))).toEqual(ours);
    // …and nothing far outside it: every cell's centre lies in the box padded by three cell edges.
    const pad = padForCells(box, res);
    for (const c of ours) {
      const [lat, lon] = cellToLatLng(c.h3);
      expect(lon >= pad[0] && lon <= pad[2] && lat >= pad[1] && lat <= pad[3]).toBe(true);
    }
    // The plan reads the index only (the table's rows stay on disk).
    const [plan] = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) SELECT count(*) FROM appeals a
      WHERE a.h3 BETWEEN 617733123620405247 AND 617733123640000000 AND a.topic = 'roads'`);
    expect(JSON.stringify(plan)).toContain('appeals_h3_idx');
  });
});
