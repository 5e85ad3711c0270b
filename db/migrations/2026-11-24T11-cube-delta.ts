import { sql, type Kysely } from 'kysely';
import { fn, ROLLUP_BODIES } from './2026-11-23T09-rollup';

/*
 * appeal_cube_delta: what each write did to the map's counts, so the app's in-memory cube (lib/aggregate/cube)
 * catches up with a small write instead of being rebuilt whole (208 s at 15 M appeals; with appeals arriving every
 * few seconds from bots and Open311 it was never current). The same statement triggers that keep the rollup exact
 * add one row per (res-9 cell, UTC day, topic, channel, status, municipality, thanks) a statement changed, with its
 * signed count and the writing transaction's id: a cube read in snapshot S adds the rows of the transactions S
 * does not see. A statement of more than pmap.cube_delta_max rows (default 10 000: imports) adds one marker row
 * (h3 NULL) instead, and a cube that meets one rebuilds. Rows older than a day are pruned; a cube is rebuilt
 * within hours (lib/aggregate/cube/index.ts), and a write transaction is assumed to last less than a day.
 */
export const SIGNED = (rows: string, sign: number) =>
  `SELECT h3, (created_at AT TIME ZONE 'UTC')::date AS day, topic, channel, status,
          coalesce(municipality_id, 0) AS municipality_id, is_gratitude, ${sign} AS s
   FROM ${rows} WHERE h3 IS NOT NULL`;

// A nested block for the limit: counting stops just past it, so a million-row transition table is not scanned to
// learn that it is big.
export const DELTA = (parts: string[], rows: string) => `
  DECLARE lim int := coalesce(nullif(current_setting('pmap.cube_delta_max', true), '')::int, 10000);
  BEGIN
    IF (SELECT count(*) FROM (SELECT 1 FROM ${rows} LIMIT lim + 1) c) > lim THEN
      INSERT INTO appeal_cube_delta (h3) VALUES (NULL);
    ELSE
      INSERT INTO appeal_cube_delta (h3, day, topic, channel, status, municipality_id, is_gratitude, n)
      SELECT h3, day, topic, channel, status, municipality_id, is_gratitude, sum(s) FROM (${parts.join(' UNION ALL ')}) d
      GROUP BY h3, day, topic, channel, status, municipality_id, is_gratitude HAVING sum(s) <> 0;
    END IF;
    IF random() < 0.01 THEN DELETE FROM appeal_cube_delta WHERE at < now() - interval '1 day'; END IF;
  END`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE appeal_cube_delta (
       xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
       at timestamptz NOT NULL DEFAULT now(),
       h3 bigint, -- res-9 cell; NULL: a marker, too many rows to list
       day date, topic text, channel text, status text, municipality_id int, is_gratitude boolean,
       n int NOT NULL DEFAULT 0
     )`,
    `CREATE INDEX appeal_cube_delta_xid_idx ON appeal_cube_delta (xid)`,
    fn('pmap_rollup_insert', [...ROLLUP_BODIES.insert, DELTA([SIGNED('new_rows', 1)], 'new_rows')]),
    fn('pmap_rollup_update', [
      ...ROLLUP_BODIES.update,
      DELTA([SIGNED('new_rows', 1), SIGNED('old_rows', -1)], 'new_rows'),
    ]),
    fn('pmap_rollup_delete', [...ROLLUP_BODIES.delete, DELTA([SIGNED('old_rows', -1)], 'old_rows')]),
    fn('pmap_rollup_truncate', [
      `TRUNCATE appeal_rollup, appeal_rollup_month, appeal_rollup_cell`,
      `INSERT INTO appeal_cube_delta (h3) VALUES (NULL)`,
    ]),
    `INSERT INTO data_changes (tbl) VALUES ('migration')`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    fn('pmap_rollup_insert', ROLLUP_BODIES.insert),
    fn('pmap_rollup_update', ROLLUP_BODIES.update),
    fn('pmap_rollup_delete', ROLLUP_BODIES.delete),
    fn('pmap_rollup_truncate', [`TRUNCATE appeal_rollup, appeal_rollup_month, appeal_rollup_cell`]),
    `DROP TABLE IF EXISTS appeal_cube_delta`,
  ])
    await sql.raw(s).execute(db);
}
