/*
 * npm run bench -- map [--rows N] [--reps R]: the map's serving path on a generated national data set (bench/mapData.ts)
 * in PostgreSQL, against references measured in the same run:
 *  1. filtered H3 aggregation (cellCounts, what /api/appeals/hexagons and the hexagon tiles run) over realistic
 *     viewport + filter queries, p50/p95, against a full count(*) and against the raw GROUP BY over appeals;
 *  2. the tile function the route runs (getTile, cache cleared: every call a miss) against raw ST_AsMVT SQL over
 *     appeals for the same tiles;
 *  3. the densest tiles at z5–z16: bytes and features;
 *  4. what the rollup costs: its size, each trigger statement's share of a 200 k-row COPY, a one-statement rebuild;
 *  --classes instead of 1–3: per query class, the cube and the SQL path, each answer checked against raw SQL.
 * 15 M: `npm run bench -- map --rows 15000000` (docs/scaling.md).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { appealFilterSql } from '../db/sql/appealFilter';
import { runSql } from '../db/sql/builder';
import { fn, ROLLUP_BODIES } from '../db/migrations/2026-11-23T09-rollup';
import { DELTA, SIGNED } from '../db/migrations/2026-11-24T11-cube-delta';
import { clearAggregateCache } from '../lib/aggregate/cache';
import { readyCube, warmCube } from '../lib/aggregate/cube';
import { cubeBytes } from '../lib/aggregate/cube/cube';
import { cellCounts } from '../lib/aggregate/hexagons';
import { rollupServes } from '../lib/aggregate/rollup';
import { getTile } from '../lib/aggregate/tiles';
import { POINT_ZOOM, tileBounds, type TileCoord } from '../lib/aggregate/tiles/geometry';
import { appealFilterSchema, type AppealFilter } from '../lib/domain/filters';
import { h3ResolutionForZoom } from '../lib/domain/h3Resolution';
import { benchAppeals, CITIES, type BenchAppeal } from './mapData';
import { arg, freshDb, withDbName, withServer } from './server';

const CHUNK = 200_000;
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const f1 = (x: number) => x.toFixed(1);

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = process.hrtime.bigint();
  const r = await fn();
  return [ms(t), r];
}

function csvLine(a: BenchAppeal, src: number, muni: number[]): string {
  const text = `Обращение ${a.externalId}: ${a.topic}`;
  return (
    `${src},${a.externalId},${a.channel},${a.createdAt},${a.status},${a.topic},${a.isGratitude},"${text}",` +
    `"${CITIES[a.city][0]}, ул. Тестовая, ${a.externalId.length}",u${a.city},SRID=4326;POINT(${a.lon.toFixed(6)} ${a.lat.toFixed(6)}),` +
    `source,${a.h3},${a.inCity ? muni[a.city] : ''},{},${a.externalId}\n`
  );
}
const COLUMNS =
  'source_id, external_id, channel, created_at, status, topic, is_gratitude, text, address, author_pseudonym, geom, location_source, h3, municipality_id, raw, content_hash';

async function copyChunk(c: pg.Client, lines: string[]): Promise<void> {
  await pipeline(
    Readable.from([lines.join('')]),
    c.query(copyFrom(`COPY appeals (${COLUMNS}) FROM STDIN WITH (FORMAT csv)`)),
  );
}

/** Loads the generated appeals the way a bulk import does: secondary indexes dropped and rebuilt, triggers on. */
async function load(c: pg.Client, rows: number): Promise<{ src: number; muni: number[] }> {
  const [{ id: src }] = (await c.query(`INSERT INTO sources (code, name) VALUES ('bench', 'bench') RETURNING id`)).rows;
  const muni: number[] = [];
  for (const [i, [name, lat, lon, pop]] of CITIES.entries()) {
    const radius = 3 * Math.max(1.2, 2.5 * Math.sqrt(pop)) * 1000;
    const r = await c.query(
      `INSERT INTO boundaries (level, code, name, geom)
      VALUES ('municipality', $1, $2, ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint($3, $4), 4326)::geography, $5)::geometry)) RETURNING id`,
      [`M${i}`, name, lon, lat, radius],
    );
    muni.push(r.rows[0].id);
  }
  const idx = (
    await c.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'appeals'
    AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = indexname)`)
  ).rows as { indexname: string; indexdef: string }[];
  for (const i of idx) await c.query(`DROP INDEX ${i.indexname}`);
  const t = process.hrtime.bigint();
  let lines: string[] = [];
  for (const a of benchAppeals(rows)) {
    lines.push(csvLine(a, src, muni));
    if (lines.length === CHUNK) {
      await copyChunk(c, lines);
      lines = [];
    }
  }
  if (lines.length) await copyChunk(c, lines);
  const loadMs = ms(t);
  const [idxMs] = await timed(async () => {
    for (const i of idx) await c.query(i.indexdef);
  });
  for (const t of ['appeals', ...(await rollupTables(c))]) await c.query(`VACUUM ANALYZE ${t}`);
  console.log(
    `loaded ${rows.toLocaleString('en')} appeals in ${f1(loadMs / 1000)} s (COPY in ${CHUNK / 1000} k chunks, rollup triggers on), indexes rebuilt in ${f1(idxMs / 1000)} s`,
  );
  return { src, muni };
}

/** The appeals in an existing bench database, or -1. */
async function benchRows(base: string, name: string): Promise<number> {
  const c = new pg.Client({ connectionString: withDbName(base, name) });
  try {
    await c.connect();
    return Number((await c.query('SELECT count(*) AS n FROM appeals')).rows[0].n);
  } catch {
    return -1;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function loaded(c: pg.Client): Promise<{ src: number; muni: number[] }> {
  const [{ id: src }] = (await c.query(`SELECT id FROM sources WHERE code = 'bench'`)).rows;
  const muni = (await c.query(`SELECT id FROM boundaries WHERE level = 'municipality' ORDER BY id`)).rows.map(
    (r) => r.id as number,
  );
  return { src, muni };
}

/** The tables the rollup triggers write, as this database has them (the daily one went in 2026-12-07T33). */
async function rollupTables(c: pg.Client): Promise<string[]> {
  const r = await c.query(`SELECT relname FROM pg_class WHERE relkind = 'r'
    AND relname IN ('appeal_rollup', 'appeal_rollup_month', 'appeal_rollup_cell', 'appeal_cube_delta') ORDER BY relname`);
  return r.rows.map((x) => x.relname as string);
}

/**
 * What each statement of the insert trigger costs on one 200 k-row COPY into the indexed table (each variant in a
 * transaction that is rolled back): the trigger off, each statement alone, all but the daily rollup, and the
 * trigger as migrated; and a whole-table rebuild of each rollup in one statement (rolled back).
 */
async function triggerCost(c: pg.Client, src: number, muni: number[]): Promise<void> {
  const extra = [...benchAppeals(200_000)].map((a) => csvLine({ ...a, externalId: `X${a.externalId}` }, src, muni));
  const tables = await rollupTables(c);
  const part = (re: RegExp) => ROLLUP_BODIES.insert.filter((x) => re.test(x));
  const daily = /\bappeal_rollup\b(?!_)/;
  const delta = DELTA([SIGNED('new_rows', 1)], 'new_rows');
  const variants: [string, string[] | null | 'off'][] = [
    ['trigger off', 'off'],
    ['appeal_cube_delta only (a marker: 200 k > pmap.cube_delta_max)', [delta]],
    ['appeal_rollup_cell only', part(/appeal_rollup_cell/)],
    ['appeal_rollup_month only', part(/appeal_rollup_month/)],
    ...(tables.includes('appeal_rollup')
      ? ([
          ['appeal_rollup (daily) only', part(daily)],
          ['all but the daily rollup', [...ROLLUP_BODIES.insert.filter((x) => !daily.test(x)), delta]],
        ] as [string, string[]][])
      : []),
    ['the trigger as migrated', null],
  ];
  const once = async (v: string[] | null | 'off') => {
    await c.query('BEGIN');
    if (v === 'off') await c.query('ALTER TABLE appeals DISABLE TRIGGER appeals_rollup_insert');
    else if (v) await c.query(fn('pmap_rollup_insert', v));
    const [t] = await timed(() => copyChunk(c, extra));
    await c.query('ROLLBACK');
    return t;
  };
  const times = new Map<string, number>();
  for (let rep = 0; rep < 2; rep++) {
    for (const [name, v] of variants) times.set(name, Math.min(times.get(name) ?? Infinity, await once(v)));
  }
  const off = times.get('trigger off')!;
  console.log(
    '\ninsert trigger on a 200 k-row COPY into the indexed table (min of 2, rolled back) | ms | over the trigger off',
  );
  for (const [name] of variants)
    console.log(`${name} | ${f1(times.get(name)!)} | +${f1((times.get(name)! / off - 1) * 100)} %`);
  for (const [t, period] of [
    ['appeal_rollup', "(created_at AT TIME ZONE 'UTC')::date"],
    ['appeal_rollup_month', "date_trunc('month', created_at AT TIME ZONE 'UTC')::date"],
  ]) {
    if (!tables.includes(t)) continue;
    await c.query('BEGIN');
    const [rebuild] = await timed(() =>
      c.query(`DELETE FROM ${t};
      INSERT INTO ${t} (h3_r7, day, topic, channel, status, municipality_id, is_gratitude, n)
      SELECT h3_parent(h3, 7), ${period}, topic, channel, status, coalesce(municipality_id, 0), is_gratitude, count(*)
      FROM appeals WHERE h3 IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7;`),
    );
    await c.query('ROLLBACK');
    console.log(`${t} rebuilt from scratch (one INSERT … GROUP BY): ${f1(rebuild / 1000)} s`);
  }
}

const around = (lat: number, lon: number, dLat: number, dLon: number) => [
  lon - dLon,
  lat - dLat,
  lon + dLon,
  lat + dLat,
];
const f = (o: Record<string, string>): AppealFilter => appealFilterSchema.parse(o);

/** Viewport + filter queries an analyst makes: zoom → resolution as the map does it. */
const QUERIES: { name: string; zoom: number; box: number[] | null; filter: AppealFilter }[] = [
  { name: 'country, z3, no thanks', zoom: 3, box: null, filter: f({ gratitude: 'exclude' }) },
  {
    name: 'country, z4, roads, last 12 months',
    zoom: 4,
    box: null,
    filter: f({ topic: 'roads', from: '2025-11-01', to: '2026-10-31', gratitude: 'exclude' }),
  },
  {
    name: 'country, z4, 2024, social+pos',
    zoom: 4,
    box: null,
    filter: f({ channel: 'social,pos', from: '2024-01-01', to: '2024-12-31' }),
  },
  {
    name: 'Moscow region, z6, housing',
    zoom: 6,
    box: around(55.75, 37.6, 1.5, 2.5),
    filter: f({ topic: 'housing', gratitude: 'exclude' }),
  },
  {
    name: 'Moscow, z8, open, last 3 months',
    zoom: 8,
    box: around(55.75, 37.62, 0.35, 0.6),
    filter: f({ status: 'new,in_progress', from: '2026-08-01' }),
  },
  {
    name: 'Moscow centre, z10, one week',
    zoom: 10,
    box: around(55.7558, 37.6173, 0.09, 0.16),
    filter: f({ from: '2026-10-05', to: '2026-10-11' }),
  },
  { name: 'Novosibirsk, z10, all', zoom: 10, box: around(55.03, 82.92, 0.09, 0.16), filter: f({}) },
  {
    name: 'St Petersburg municipality, z8, roads+improvement',
    zoom: 8,
    box: null,
    filter: f({ municipality: 'M1', topic: 'roads,improvement' }),
  },
  {
    name: 'Moscow centre, z12 (res 8), roads',
    zoom: 12,
    box: around(55.7558, 37.6173, 0.025, 0.045),
    filter: f({ topic: 'roads' }),
  },
  {
    name: 'Kazan centre, z13 (res 9), 2026',
    zoom: 13,
    box: around(55.7963, 49.1088, 0.012, 0.022),
    filter: f({ from: '2026-01-01' }),
  },
];

async function aggregation(db: Database, reps: number): Promise<void> {
  const counts: number[] = [];
  for (let i = 0; i < 3; i++) counts.push((await timed(() => db.query('SELECT count(*) FROM appeals')))[0]);
  const countMs = pct(counts, 50);
  const ours: number[] = [];
  const raws: number[] = [];
  console.log(`\nfull count(*) over appeals: ${f1(countMs)} ms (median of 3)`);
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  const [buildMs, cube] = await timed(() => warmCube(db));
  clearInterval(sample);
  console.log(
    cube
      ? `in-memory cube (lib/aggregate/cube): ${cube.rows.toLocaleString('en')} rows (rollups and located appeals) read in ${f1(buildMs / 1000)} s, ` +
          `${(cubeBytes(cube) / 2 ** 20).toFixed(0)} MiB of typed arrays; peak RSS of this process while building ${(peak / 2 ** 20).toFixed(0)} MiB`
      : 'in-memory cube: not built (over PMAP_CUBE_MAX_ROWS); SQL answers',
  );
  const sqls: number[] = [];
  console.log('query | res | cells | ours p50 ms | same in SQL (rollup / H3 index) p50 ms | raw GROUP BY p50 ms');
  for (const q of QUERIES) {
    const res = h3ResolutionForZoom(q.zoom);
    const o: number[] = [];
    const r: number[] = [];
    const sq: number[] = [];
    let cells = 0;
    for (let i = 0; i < reps; i++) {
      const [t, c] = await timed(() => cellCounts(db, q.filter, res, q.box));
      o.push(t);
      cells = c.length;
      r.push((await timed(() => cellCounts(db, q.filter, res, q.box, 'raw')))[0]);
      if (rollupServes(res) || q.box) sq.push((await timed(() => cellCounts(db, q.filter, res, q.box, 'sql')))[0]);
    }
    ours.push(...o);
    raws.push(...r);
    sqls.push(...(sq.length ? sq : o));
    console.log(
      `${q.name} | ${res} | ${cells} | ${f1(pct(o, 50))} | ${sq.length ? f1(pct(sq, 50)) : '–'} | ${f1(pct(r, 50))}`,
    );
  }
  const p50 = pct(ours, 50);
  const p95 = pct(ours, 95);
  console.log(
    `H3 aggregation over ${QUERIES.length} queries × ${reps}: p50 ${f1(p50)} ms, p95 ${f1(p95)} ms ` +
      `(target at 15 M: p95 <= 150 ms and <= 0.1× count(*))`,
  );
  console.log(
    `  p95 / count(*): ${(p95 / countMs).toFixed(3)}; raw GROUP BY p50 ${f1(pct(raws, 50))} ms, p95 ${f1(pct(raws, 95))} ms; ` +
      `ours/raw at p95: ${(p95 / pct(raws, 95)).toFixed(3)}`,
  );
  console.log(
    `  the same queries in SQL (rollup or covering H3 index, no cube): p50 ${f1(pct(sqls, 50))} ms, p95 ${f1(pct(sqls, 95))} ms`,
  );
  if (cube) await afterSmallWrites(db, buildMs);
}

/**
 * Appeals as the bot API and Open311 write them, one per statement: the cube adds them as deltas (one small query)
 * instead of a rebuild, so the map keeps answering from memory. Every query is checked against the SQL.
 */
async function afterSmallWrites(db: Database, buildMs: number): Promise<void> {
  const writes = 50;
  for (let i = 0; i < writes; i++) {
    await db.query(
      `INSERT INTO appeals (source_id, external_id, channel, created_at, status, topic, is_gratitude, text,
        geom, location_source, h3, municipality_id, raw, content_hash)
      SELECT source_id, 'bench-bot-' || $1 || '-' || id, 'bot', now(), 'new', topic, false, text, geom, location_source, h3,
             municipality_id, '{}', 'bench-bot'
      FROM appeals WHERE id = (SELECT min(id) FROM appeals) + $2`,
      [Date.now(), i * 997],
    );
  }
  clearAggregateCache();
  const [catchMs, live] = await timed(() => readyCube(db));
  if (!live?.deltas.length) throw new Error('the cube did not catch up with the writes');
  const o: number[] = [];
  for (const q of QUERIES) {
    const res = h3ResolutionForZoom(q.zoom);
    const [t, got] = await timed(() => cellCounts(db, q.filter, res, q.box));
    o.push(t);
    const want = await cellCounts(db, q.filter, res, q.box, 'sql');
    if (JSON.stringify(got) !== JSON.stringify(want))
      throw new Error(`${q.name}: the cube with deltas differs from the SQL`);
  }
  console.log(
    `after ${writes} single-appeal writes: the cube caught up in ${f1(catchMs)} ms (${live.deltas.length} delta rows; ` +
      `a rebuild takes ${f1(buildMs / 1000)} s); the ${QUERIES.length} queries p50 ${f1(pct(o, 50))} ms, p95 ${f1(pct(o, 95))} ms, ` +
      'each equal to the SQL',
  );
  // Gone again, so that --reuse finds the database at its size.
  await db.query(`DELETE FROM appeals WHERE content_hash = 'bench-bot'`);
}

/**
 * --classes: what the rollups buy per kind of question (issue 21): whole history, whole months, periods with days
 * at either end (the daily rollup's or the appeals' part), viewports at z10 and z12, a municipality. For each, the
 * cube and the SQL path (no cube) at p50 / p95; cube = SQL on every class, and = the raw GROUP BY without a box.
 */
const CLASSES: { name: string; res: number; box: number[] | null; filter: AppealFilter }[] = [
  { name: 'country z4, whole history', res: 4, box: null, filter: f({ gratitude: 'exclude' }) },
  { name: 'country z4, 12 whole months', res: 4, box: null, filter: f({ from: '2025-11-01', to: '2026-10-31' }) },
  {
    name: 'country z4, 2025-03-15 … 2026-02-10 (day edges)',
    res: 4,
    box: null,
    filter: f({ from: '2025-03-15', to: '2026-02-10' }),
  },
  { name: 'country z4, one week', res: 4, box: null, filter: f({ from: '2026-10-05', to: '2026-10-11' }) },
  {
    name: 'Moscow centre z10, 9 whole months',
    res: 7,
    box: around(55.7558, 37.6173, 0.09, 0.16),
    filter: f({ from: '2026-01-01', to: '2026-09-30' }),
  },
  {
    name: 'Moscow centre z10, 2026-06-17 … 2026-10-11 (day edges)',
    res: 7,
    box: around(55.7558, 37.6173, 0.09, 0.16),
    filter: f({ from: '2026-06-17', to: '2026-10-11' }),
  },
  {
    name: 'Moscow region z6, 2024-05-20 … 2026-02-10 (day edges)',
    res: 5,
    box: around(55.75, 37.6, 1.5, 2.5),
    filter: f({ from: '2024-05-20', to: '2026-02-10' }),
  },
  {
    name: 'Moscow centre z12 (res 8), day edges (no rollup: control)',
    res: 8,
    box: around(55.7558, 37.6173, 0.025, 0.045),
    filter: f({ from: '2026-06-17', to: '2026-10-11' }),
  },
  { name: 'St Petersburg municipality z8, whole history', res: 6, box: null, filter: f({ municipality: 'M1' }) },
  {
    name: 'St Petersburg municipality z8, 2026-02-14 … 2026-10-20 (day edges)',
    res: 6,
    box: null,
    filter: f({ municipality: 'M1', from: '2026-02-14', to: '2026-10-20' }),
  },
];

async function classes(db: Database, reps: number): Promise<void> {
  const [buildMs, built] = await timed(() => warmCube(db));
  if (!built) throw new Error('--classes needs the cube');
  console.log(
    `\ncube: ${built.rows.toLocaleString('en')} rows read in ${f1(buildMs / 1000)} s, ${(cubeBytes(built) / 2 ** 20).toFixed(0)} MiB of typed arrays`,
  );
  console.log('\nquery class | res | cells | cube p50 / p95 ms | SQL (no cube) p50 / p95 ms | raw GROUP BY p50 ms');
  for (const q of CLASSES) {
    const cube: number[] = [];
    const sql: number[] = [];
    const raw: number[] = [];
    let cells = 0;
    for (let i = 0; i < reps; i++) {
      const [tc, a] = await timed(() => cellCounts(db, q.filter, q.res, q.box));
      const [ts, b] = await timed(() => cellCounts(db, q.filter, q.res, q.box, 'sql'));
      const [tr, r] = await timed(() => cellCounts(db, q.filter, q.res, q.box, 'raw'));
      cube.push(tc);
      sql.push(ts);
      raw.push(tr);
      // In a box the raw query counts the points inside it, the others whole cells: there cube = SQL only.
      if (i === 0 && (JSON.stringify(a) !== JSON.stringify(b) || (!q.box && JSON.stringify(b) !== JSON.stringify(r)))) {
        throw new Error(`${q.name}: the cube, the SQL and the raw GROUP BY do not agree`);
      }
      cells = a.length;
    }
    console.log(
      `${q.name} | ${q.res} | ${cells} | ${f1(pct(cube, 50))} / ${f1(pct(cube, 95))} | ${f1(pct(sql, 50))} / ${f1(pct(sql, 95))} | ${f1(pct(raw, 50))}`,
    );
  }
}

const tileOf = (lat: number, lon: number, z: number): TileCoord => {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
  };
};

/** The same layer straight from appeals in one SQL statement: no rollup, no H3 outlines (PostGIS has none). */
async function rawTile(db: Database, filter: AppealFilter, t: TileCoord): Promise<Uint8Array> {
  const w = appealFilterSql(filter);
  const envelope = sql`ST_TileEnvelope(${t.z}, ${t.x}, ${t.y})`;
  if (t.z >= POINT_ZOOM) {
    const [r] = await runSql<{ mvt: Buffer }>(
      db,
      sql`SELECT ST_AsMVT(q, 'appeals', 4096, 'geom') mvt FROM (
      SELECT a.id, a.topic, a.status, a.channel, a.created_at::text, a.is_gratitude, a.problem_id,
             ST_AsMVTGeom(ST_Transform(a.geom, 3857), ${envelope}) geom
      FROM appeals a WHERE a.geom && ST_Transform(ST_TileEnvelope(${t.z}, ${t.x}, ${t.y}, margin => 0.016), 4326) AND ${w}) q`,
    );
    return r.mvt;
  }
  const res = h3ResolutionForZoom(t.z);
  const [w0, s0, e0, n0] = tileBounds(t, 0.1);
  const [r] = await runSql<{ mvt: Buffer }>(
    db,
    sql`SELECT ST_AsMVT(q, 'appeals', 4096, 'geom') mvt FROM (
    SELECT to_hex(h3_parent(a.h3, ${res})) h3, count(*) count,
           ST_AsMVTGeom(ST_Transform(ST_ConvexHull(ST_Collect(a.geom)), 3857), ${envelope}) geom
    FROM appeals a WHERE a.geom && ST_MakeEnvelope(${w0}, ${s0}, ${e0}, ${n0}, 4326) AND ${w} GROUP BY 1) q`,
  );
  return r.mvt;
}

const features = (b: Uint8Array) => (b.byteLength ? (new VectorTile(new PbfReader(b)).layers.appeals?.length ?? 0) : 0);

async function tiles(db: Database, reps: number): Promise<void> {
  const centres: [string, number, number][] = [
    ['Moscow', 55.7558, 37.6173],
    ['St Petersburg', 59.9386, 30.3141],
    ['Novosibirsk', 55.0302, 82.9204],
  ];
  const filters = [f({ gratitude: 'exclude' }), f({ topic: 'roads,housing', from: '2026-01-01' })];
  let ours = 0;
  let raw = 0;
  let maxBytes = 0;
  let maxFeatures = 0;
  console.log('\ntile | filter | bytes | features | ours ms | raw ST_AsMVT ms');
  for (let z = 5; z <= 16; z++) {
    for (const [name, lat, lon] of centres) {
      const t = tileOf(lat, lon, z);
      for (const [fi, filter] of filters.entries()) {
        const o: number[] = [];
        const r: number[] = [];
        let bytes: Uint8Array = new Uint8Array(0);
        for (let i = 0; i < reps; i++) {
          clearAggregateCache();
          const [to, got] = await timed(() => getTile(db, 'appeals', filter, null, t));
          o.push(to);
          bytes = got.tile;
          r.push((await timed(() => rawTile(db, filter, t)))[0]);
        }
        const n = features(bytes);
        maxBytes = Math.max(maxBytes, bytes.byteLength);
        maxFeatures = Math.max(maxFeatures, n);
        ours += pct(o, 50);
        raw += pct(r, 50);
        if (name === 'Moscow')
          console.log(
            `${name} ${z}/${t.x}/${t.y} | ${fi} | ${bytes.byteLength} | ${n} | ${f1(pct(o, 50))} | ${f1(pct(r, 50))}`,
          );
      }
    }
  }
  console.log(
    `tiles z5–z16 at ${centres.length} city centres × ${filters.length} filters: ours ${f1(ours)} ms, raw ST_AsMVT ${f1(raw)} ms, ratio ${(ours / raw).toFixed(2)} (target <= 1.2)`,
  );
  console.log(
    `densest tiles: max ${(maxBytes / 1024).toFixed(1)} KB, max ${maxFeatures} features (targets <= 500 KB, <= 200 000)`,
  );
}

export async function run(): Promise<void> {
  const rows = arg('rows', 1_000_000);
  const reps = arg('reps', 5);
  await withServer(async (base) => {
    // --reuse (with DATABASE_URL): keep a loaded pmap_bench_map of the same size, to iterate on the queries;
    // --db=NAME names the database (several people benchmarking on one server).
    const named = process.argv.find((a) => a.startsWith('--db='));
    const name = named ? named.slice(5) : `pmap_bench_map_${rows}`;
    const reuse = process.argv.includes('--reuse') && (await benchRows(base, name)) === rows;
    const url = reuse ? withDbName(base, name) : await freshDb(base, name);
    const db = await openDatabase({ url });
    await migrateToLatest(db);
    const c = new pg.Client({ connectionString: url, options: '-c timezone=UTC' });
    await c.connect();
    try {
      if (reuse) console.log(`reusing the loaded ${name} (${rows.toLocaleString('en')} appeals)`);
      const { src, muni } = reuse ? await loaded(c) : await load(c, rows);
      const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
      const [{ bytes }] = (await c.query(`SELECT pg_total_relation_size('appeals') AS bytes`)).rows;
      const sizes: string[] = [];
      for (const t of await rollupTables(c)) {
        const [r] = (await c.query(`SELECT count(*) AS n, pg_total_relation_size('${t}') AS bytes FROM ${t}`)).rows;
        sizes.push(
          `${t} ${Number(r.n).toLocaleString('en')} rows (${(r.n / rows).toFixed(3)} per appeal, ${mib(r.bytes)})`,
        );
      }
      console.log(`appeals ${mib(bytes)}; ${sizes.join('; ')}`);
      // --no-write-cost: skip the rollup's write cost (a 15 M rebuild takes many minutes; measure it once).
      if (!process.argv.includes('--no-write-cost')) await triggerCost(c, src, muni);
      if (process.argv.includes('--classes')) await classes(db, reps);
      else await aggregation(db, reps);
      if (!process.argv.includes('--no-tiles')) await tiles(db, Math.max(1, Math.min(reps, 3)));
    } finally {
      await c.end();
      await db.close();
    }
  });
}
