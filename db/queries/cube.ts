import { sql, type RawBuilder } from 'kysely';
import type { CubeTableName, Municipality } from '../../lib/aggregate/cube/cube';
import type { Session } from '../client';
import { runSql } from '../sql/builder';
import { h3Parent } from '../sql/h3';

/*
 * Server-only. What lib/aggregate/cube reads into its in-memory cube, and the writes since (appeal_cube_delta). The
 * loads run inside one REPEATABLE READ transaction (snapshotRead) and stream through a cursor, FETCH rows at a time.
 */

const FETCH = 50_000;
const EPOCH = sql`DATE '1970-01-01'`;

/** Makes the (just begun) transaction one read-only snapshot. */
export async function snapshotRead(s: Session): Promise<void> {
  await runSql(s, sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY`);
}

/** The transaction's snapshot, as text (pg_snapshot). */
export async function currentSnapshot(s: Session): Promise<string> {
  const [{ snapshot }] = await runSql<{ snapshot: string }>(s, sql`SELECT pg_current_snapshot()::text AS snapshot`);
  return snapshot;
}

/** The municipalities by id: the cube keys rows by their index. */
export const cubeMunicipalities = (s: Session) =>
  runSql<Municipality>(s, sql`SELECT id, code, name FROM boundaries WHERE level = 'municipality' ORDER BY id`);

/** Streams a parameterless query's rows through a cursor. */
async function fetchAll<T>(s: Session, q: RawBuilder<T>, each: (r: T) => void): Promise<void> {
  await runSql(s, sql`DECLARE cube_rows NO SCROLL CURSOR FOR ${q}`);
  for (;;) {
    const rows = await runSql<T>(s, sql`FETCH ${sql.lit(FETCH)} FROM cube_rows`);
    for (const r of rows) each(r);
    if (rows.length < FETCH) break;
  }
  await runSql(s, sql`CLOSE cube_rows`);
}

/** Each res-7 cell (hex) with the point appeal_rollup_cell keeps for it. */
export const forEachCellPoint = (s: Session, each: (r: { h: string; lon: number; lat: number }) => void) =>
  fetchAll(
    s,
    sql<{ h: string; lon: number; lat: number }>`SELECT to_hex(h3_r7) AS h, lon, lat FROM appeal_rollup_cell`,
    each,
  );

/** A cube row: res-7 cell (hex), day since 1970-01-01, the filter's columns, count; k only from the appeals. */
export interface CubeSourceRow {
  h: string;
  d: number;
  topic: string;
  channel: string;
  status: string;
  m: number;
  g: boolean;
  n: number;
  k?: number;
}

const SOURCES: Record<CubeTableName, RawBuilder<CubeSourceRow>> = {
  appeal_rollup_month: sql`SELECT to_hex(h3_r7) AS h, day - ${EPOCH} AS d, topic, channel, status, municipality_id AS m,
     is_gratitude AS g, n FROM appeal_rollup_month WHERE n > 0`,
  // One row per located appeal: the days at either end of a period, and res 8–9. k: digits 8 and 9 of the res-9
  // cell (bits 18–23 of the id; lib/aggregate/rollup.ts res9Range).
  appeals: sql`SELECT to_hex(${h3Parent(sql`h3`, sql.lit(7))}) AS h, (created_at AT TIME ZONE 'UTC')::date - ${EPOCH} AS d, topic, channel,
     status, coalesce(municipality_id, 0) AS m, is_gratitude AS g, 1 AS n, ((h3 >> 18) & 63)::int AS k
     FROM appeals WHERE h3 IS NOT NULL`,
};

/** The cube's tables in the order they are loaded. */
export const CUBE_SOURCES = Object.keys(SOURCES) as CubeTableName[];

/** Each row of one cube table's source. */
export const forEachCubeRow = (s: Session, table: CubeTableName, each: (r: CubeSourceRow) => void) =>
  fetchAll(s, SOURCES[table], each);

// Transactions below the cube snapshot's xmin had all ended before it: the xid index skips their rows.
const unseen = (snapshot: string) =>
  sql`d.xid >= pg_snapshot_xmin(${snapshot}::pg_snapshot) AND NOT pg_visible_in_snapshot(d.xid, ${snapshot}::pg_snapshot)`;

/** How many deltas the snapshot does not see, and how many of them are bulk-write markers (h3 null). */
export async function unseenDeltaCounts(s: Session, snapshot: string) {
  const [c] = await runSql<{ markers: number; n: number }>(
    s,
    sql`SELECT count(*) FILTER (WHERE d.h3 IS NULL) AS markers, count(*) AS n FROM appeal_cube_delta d WHERE ${unseen(snapshot)}`,
  );
  return c;
}

/** The deltas the snapshot does not see, summed per cube row, with their res-7 cell's point (null when none). */
export const unseenDeltas = (s: Session, snapshot: string) =>
  runSql<{
    h: string;
    d: number;
    topic: string;
    channel: string;
    status: string;
    m: number;
    g: boolean;
    n: number;
    lon: number | null;
    lat: number | null;
  }>(
    s,
    sql`SELECT to_hex(d.h3) AS h, d.day - ${EPOCH} AS d, d.topic, d.channel, d.status, d.municipality_id AS m,
              d.is_gratitude AS g, sum(d.n)::int AS n, c.lon, c.lat
       FROM appeal_cube_delta d LEFT JOIN appeal_rollup_cell c ON c.h3_r7 = ${h3Parent(sql`d.h3`, sql.lit(7))}
       WHERE ${unseen(snapshot)}
       GROUP BY d.h3, d.day, d.topic, d.channel, d.status, d.municipality_id, d.is_gratitude, c.lon, c.lat
       HAVING sum(d.n) <> 0`,
  );
