import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { cellCounts } from '../../lib/aggregate/hexagons';
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
/** Both rollup tables must equal these GROUP BYs over the raw appeals, row for row (and hold no zero rows). */
async function expectRollupExact() {
  let rows = 0;
  for (const [table, period] of [['appeal_rollup', `(created_at AT TIME ZONE 'UTC')::date`], ['appeal_rollup_month', `date_trunc('month', created_at AT TIME ZONE 'UTC')::date`]]) {
    const raw = await db.query(
      `SELECT h3_parent(h3, 7) AS h3_r7, ${period}::text AS day, topic, channel, status,
              coalesce(municipality_id, 0) AS municipality_id, is_gratitude, count(*)::int AS n
       FROM appeals WHERE h3 IS NOT NULL GROUP BY ${KEYS} ORDER BY ${KEYS}`);
    const roll = await db.query(`SELECT h3_r7, day::text AS day, topic, channel, status, municipality_id, is_gratitude, n FROM ${table} ORDER BY ${KEYS}`);
    expect(roll.length, table).toBe(raw.length);
    expect(roll, table).toEqual(raw);
    rows ||= raw.length;
  }
  return rows;
}
const total = async () => Number((await db.query<{ n: number }>(`SELECT coalesce(sum(n), 0) n FROM appeal_rollup`))[0].n);

describe('appeal_rollup stays exact on every write path', () => {
  it('after an import and a second import of another source', async () => {
    expect((await importAppeals(db, nyc, { mapping: nycMapping, rejectsPath: path.join(tmp, '1.csv') })).inserted).toBe(2000);
    expect(await expectRollupExact()).toBeGreaterThan(500);
    await importAppeals(db, path.join(FIXTURES, 'appeals_ru.csv'), { mapping: ruMapping, rejectsPath: path.join(tmp, '2.csv') });
    await expectRollupExact();
  });

  it('after a re-import that changes statuses and dates (merge updates)', async () => {
    const rows = parse(fs.readFileSync(nyc), { columns: true }) as Record<string, string>[];
    const edited = rows.map((r, i) => (i % 7 === 0 ? { ...r, Status: r.Status === 'Closed' ? 'Open' : 'Closed', 'Created Date': '01/15/2011 10:00:00 AM' } : r));
    const file = path.join(tmp, 'edited.csv');
    fs.writeFileSync(file, stringify(edited, { header: true }));
    const r = await importAppeals(db, file, { mapping: nycMapping, rejectsPath: path.join(tmp, '3.csv') });
    expect(r.updated).toBeGreaterThan(250);
    await expectRollupExact();
  });

  it('after a bot appeal, a topic override, municipalities assigned, and a delete', async () => {
    const before = await total();
    await submitAppeal(db, 'rollupbot', 'rollup-key-0001', { text: 'Не вывозят мусор', channel: 'bot', lat: 40.75, lon: -73.99 });
    expect(await total()).toBe(before + 1);
    await expectRollupExact();

    // A topic override as an analyst makes it: one UPDATE of topic and topic_manual.
    await db.query(`UPDATE appeals SET topic = 'waste', topic_manual = true WHERE id IN (SELECT id FROM appeals WHERE topic <> 'waste' ORDER BY id LIMIT 40)`);
    await expectRollupExact();

    // Point-in-polygon after a boundary import sets municipality_id on existing appeals.
    const [b] = await db.query<{ id: number }>(
      `INSERT INTO boundaries (level, code, name, geom)
       VALUES ('municipality', 'MN', 'Manhattan', ST_Multi(ST_MakeEnvelope(-74.03, 40.70, -73.90, 40.88, 4326))) RETURNING id`);
    await db.query(`UPDATE appeals SET municipality_id = $1 WHERE ST_Within(geom, (SELECT geom FROM boundaries WHERE id = $1))`, [b.id]);
    await expectRollupExact();

    const [{ located }] = await db.query<{ located: number }>(
      `SELECT count(h3)::int located FROM (SELECT h3 FROM appeals ORDER BY id DESC LIMIT 25) x`);
    await db.query(`DELETE FROM appeals WHERE id IN (SELECT id FROM appeals ORDER BY id DESC LIMIT 25)`);
    expect(located).toBeGreaterThan(10);
    expect(await total()).toBe(before + 1 - located);
    await expectRollupExact();
    const [{ zeros }] = await db.query<{ zeros: number }>(
      `SELECT (SELECT count(*) FROM appeal_rollup WHERE n <= 0) + (SELECT count(*) FROM appeal_rollup_month WHERE n <= 0) AS zeros`);
    expect(zeros).toBe(0);
  });
});

describe('counts from the rollup equal counts from the raw appeals', () => {
  const raw = async (res: number, where: string, params: unknown[]) => db.query<{ h3: string; count: number }>(
    `SELECT to_hex(h3_parent(h3, ${res})) h3, count(*)::int count FROM appeals a WHERE h3 IS NOT NULL AND ${where} GROUP BY 1 ORDER BY 1`, params);

  it.each([
    [7, {}, 'TRUE', []],
    [5, { topic: 'waste,roads', gratitude: 'exclude' }, `topic IN ('waste', 'roads') AND NOT is_gratitude`, []],
    [6, { from: '2011-01-15', to: '2011-02-10' }, `created_at >= '2011-01-15' AND created_at < '2011-02-11'`, []],
    [6, { from: '2011-01-20', to: '2011-03-05' }, `created_at >= '2011-01-20' AND created_at < '2011-03-06'`, []],
    [4, { from: '2011-01-01', to: '2011-12-31' }, `created_at >= '2011-01-01' AND created_at < '2012-01-01'`, []],
    [5, { to: '2011-02-20', status: 'closed', gratitude: 'exclude' }, `created_at < '2011-02-21' AND status = 'closed' AND NOT is_gratitude`, []],
    [7, { municipality: 'Manhattan', status: 'closed', channel: 'hotline,portal' }, `municipality_id = (SELECT id FROM boundaries WHERE code = 'MN') AND status = 'closed' AND channel IN ('hotline', 'portal')`, []],
  ] as const)('res %i, filter %j', async (res, f, where, params) => {
    const want = await raw(res, where, [...params]);
    expect(want.length).toBeGreaterThan(0);
    expect(await cellCounts(db, appealFilterSchema.parse(f), res, null)).toEqual(want);
  });
});
