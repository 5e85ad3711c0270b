import type { Database, Session } from '../../../db';
import { env } from '../../config/env';
import { dataVersion, readDataVersion } from '../cache';
import { appealFilterSchema } from '../../domain/filters';
import { CubeBuilder, cubeCellCounts, type Cube, type CubeTableName, type Municipality } from './cube';
import { fineCellCounts } from './fine';

/*
 * Server side (takes the Database; used by the app and the CLI, so not marked 'server-only', like lib/aggregate).
 * One in-memory cube per database per process, read from one consistent snapshot of the rollup tables and tagged
 * with that snapshot's data version. A request uses it only when the current data version is the cube's, so it
 * never answers from older data; otherwise it starts one rebuild in the background and the caller reads SQL.
 */

export { cubeCellCounts, type Cube } from './cube';
export { fineCellCounts, fineServes } from './fine';

const FETCH = 50_000;

interface State { cube: Cube | null; building: Promise<Cube | null> | null; tooBigAt: number | null }
const states = new WeakMap<Database, State>();
const stateOf = (db: Database): State => {
  let s = states.get(db);
  if (!s) states.set(db, (s = { cube: null, building: null, tooBigAt: null }));
  return s;
};

async function fetchAll<T>(s: Session, sql: string, each: (r: T) => void): Promise<void> {
  await s.query(`DECLARE cube_rows NO SCROLL CURSOR FOR ${sql}`);
  for (;;) {
    const rows = await s.query<T>(`FETCH ${FETCH} FROM cube_rows`);
    for (const r of rows) each(r);
    if (rows.length < FETCH) break;
  }
  await s.query('CLOSE cube_rows');
}

interface Row { h: string; d: number; topic: string; channel: string; status: string; m: number; g: boolean; n: number; k?: number }

const EPOCH = `DATE '1970-01-01'`;
const SOURCES: [CubeTableName, string][] = [
  ['appeal_rollup_month', `SELECT to_hex(h3_r7) AS h, day - ${EPOCH} AS d, topic, channel, status, municipality_id AS m,
     is_gratitude AS g, n FROM appeal_rollup_month WHERE n > 0`],
  ['appeal_rollup', `SELECT to_hex(h3_r7) AS h, day - ${EPOCH} AS d, topic, channel, status, municipality_id AS m,
     is_gratitude AS g, n FROM appeal_rollup WHERE n > 0`],
  // k: digits 8 and 9 of the res-9 cell (bits 18–23 of the id; lib/aggregate/rollup.ts res9Range).
  ['appeals', `SELECT to_hex(h3_parent(h3, 7)) AS h, (created_at AT TIME ZONE 'UTC')::date - ${EPOCH} AS d, topic, channel,
     status, coalesce(municipality_id, 0) AS m, is_gratitude AS g, 1 AS n, ((h3 >> 18) & 63)::int AS k
     FROM appeals WHERE h3 IS NOT NULL`],
];

/**
 * Reads the rollup tables and the located appeals into a cube in one REPEATABLE READ snapshot; null when they hold
 * more than PMAP_CUBE_MAX_ROWS rows (the cube then stays off for that data version and SQL answers).
 */
export async function loadCube(db: Database): Promise<Cube | null> {
  const max = env().PMAP_CUBE_MAX_ROWS;
  return db.transaction(async (s) => {
    await s.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const v = await readDataVersion(s);
    const municipalities = await s.query<Municipality>(`SELECT id, code, name FROM boundaries WHERE level = 'municipality'`);
    const b = new CubeBuilder(v, municipalities);
    await fetchAll<{ h: string; lon: number; lat: number }>(s, 'SELECT to_hex(h3_r7) AS h, lon, lat FROM appeal_rollup_cell',
      (r) => b.cellPoint(r.h, r.lon, r.lat));
    for (const [table, sql] of SOURCES) {
      let tooBig = false;
      await fetchAll<Row>(s, sql, (r) => {
        if (tooBig) return;
        if (b.rows >= max) tooBig = true;
        else b.add(table, { h3: r.h, day: r.d, topic: r.topic, channel: r.channel, status: r.status, municipalityId: r.m, gratitude: r.g, n: r.n, child: r.k });
      });
      if (tooBig) return null;
    }
    return b.build();
  });
}

/** Builds (or rebuilds) the cube now and keeps it; the benchmark and tests call this, requests use readyCube. */
export async function warmCube(db: Database): Promise<Cube | null> {
  const st = stateOf(db);
  if (!st.building) {
    st.building = loadCube(db)
      .then((c) => {
        if (c) warmUp(c);
        if (c) st.cube = c;
        else st.tooBigAt = Date.now();
        return c;
      })
      .catch((e) => {
        console.error(`[pmap] the map's in-memory cube was not built: ${(e as Error).message}`);
        return null;
      })
      .finally(() => (st.building = null));
  }
  return st.building;
}

/** A few scans before the first request, so that V8 has compiled the loops (the first scans run 3–5× slower). */
function warmUp(c: Cube): void {
  const all = appealFilterSchema.parse({});
  const some = appealFilterSchema.parse({ topic: 'roads', from: '2020-01-15', municipality: 'x' });
  for (let i = 0; i < 3; i++) {
    for (const f of [all, some]) {
      cubeCellCounts(c, f, 4, null);
      cubeCellCounts(c, f, 7, [-180, -90, 180, 90]);
      fineCellCounts(c, f, 9, [0, 0, 0.01, 0.01], [-180, -90, 180, 90]);
    }
  }
}

const TOO_BIG_RETRY_MS = 10 * 60 * 1000;

/** The cube if it matches the current data version; otherwise null (and a rebuild starts in the background). */
export async function readyCube(db: Database): Promise<Cube | null> {
  // Not on embedded PGlite: it runs one query at a time, so the snapshot read would hold every other request for
  // seconds; its single-user data sets are small enough for the SQL over the rollup.
  if (env().PMAP_CUBE_MAX_ROWS === 0 || db.kind === 'embedded') return null;
  const st = stateOf(db);
  const v = await dataVersion(db);
  if (st.cube?.version === v) return st.cube;
  if (!st.building && (st.tooBigAt === null || Date.now() - st.tooBigAt > TOO_BIG_RETRY_MS)) void warmCube(db);
  return null;
}
