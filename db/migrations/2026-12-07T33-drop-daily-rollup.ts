import { sql, type Kysely } from 'kysely';
import { fn, ROLLUP_BODIES } from './2026-11-23T09-rollup';
import { DELTA, SIGNED } from './2026-11-24T11-cube-delta';

/*
 * Issue 21: the daily rollup (appeal_rollup) goes. With seven key fields a res-7 cell rarely sees the same
 * combination twice in a day, so it held 0.99 rows per appeal: every write paid for a second copy of the appeals
 * (docs/scaling.md, "Rollups: what each pays"), and no read needed it. The cube already holds one row per located
 * appeal, sorted by cell and day; in SQL the days at either end of a period (under a month each) come from the
 * appeals' date index, which now carries the filter columns and the H3 cell (an index-only scan, as the daily table
 * was, instead of a heap page per appeal); whole months stay in appeal_rollup_month. The statement triggers keep
 * everything else they did: the monthly rollup, the cells' points and the cube's deltas.
 */
const COVERING = `CREATE INDEX appeals_created_idx ON appeals (created_at)
  INCLUDE (h3, topic, channel, status, municipality_id, is_gratitude)`;
const daily = /\bappeal_rollup\b(?!_)/;
const withoutDaily = (body: string[]) => body.filter((s) => !daily.test(s));

const BODIES = {
  insert: [...withoutDaily(ROLLUP_BODIES.insert), DELTA([SIGNED('new_rows', 1)], 'new_rows')],
  update: [...withoutDaily(ROLLUP_BODIES.update), DELTA([SIGNED('new_rows', 1), SIGNED('old_rows', -1)], 'new_rows')],
  delete: [...withoutDaily(ROLLUP_BODIES.delete), DELTA([SIGNED('old_rows', -1)], 'old_rows')],
};
const PREVIOUS = {
  insert: [...ROLLUP_BODIES.insert, DELTA([SIGNED('new_rows', 1)], 'new_rows')],
  update: [...ROLLUP_BODIES.update, DELTA([SIGNED('new_rows', 1), SIGNED('old_rows', -1)], 'new_rows')],
  delete: [...ROLLUP_BODIES.delete, DELTA([SIGNED('old_rows', -1)], 'old_rows')],
};

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    fn('pmap_rollup_insert', BODIES.insert),
    fn('pmap_rollup_update', BODIES.update),
    fn('pmap_rollup_delete', BODIES.delete),
    fn('pmap_rollup_truncate', [
      `TRUNCATE appeal_rollup_month, appeal_rollup_cell`,
      `INSERT INTO appeal_cube_delta (h3) VALUES (NULL)`,
    ]),
    `DROP TABLE appeal_rollup`,
    `DROP INDEX IF EXISTS appeals_created_idx`,
    COVERING,
    `INSERT INTO data_changes (tbl) VALUES ('migration')`,
  ])
    await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    `CREATE TABLE appeal_rollup (
       h3_r7 bigint NOT NULL, day date NOT NULL, topic text NOT NULL, channel text NOT NULL, status text NOT NULL,
       municipality_id int NOT NULL, is_gratitude boolean NOT NULL, n int NOT NULL,
       PRIMARY KEY (h3_r7, day, topic, channel, status, municipality_id, is_gratitude) INCLUDE (n)
     )`,
    `CREATE INDEX appeal_rollup_day_idx ON appeal_rollup (day)`,
    `CREATE INDEX appeal_rollup_zero_idx ON appeal_rollup (h3_r7) WHERE n = 0`,
    `INSERT INTO appeal_rollup (h3_r7, day, topic, channel, status, municipality_id, is_gratitude, n)
     SELECT h3_parent(h3, 7), (created_at AT TIME ZONE 'UTC')::date, topic, channel, status, coalesce(municipality_id, 0),
            is_gratitude, count(*)
     FROM appeals WHERE h3 IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    `DROP INDEX IF EXISTS appeals_created_idx`,
    `CREATE INDEX appeals_created_idx ON appeals (created_at)`,
    fn('pmap_rollup_insert', PREVIOUS.insert),
    fn('pmap_rollup_update', PREVIOUS.update),
    fn('pmap_rollup_delete', PREVIOUS.delete),
    fn('pmap_rollup_truncate', [
      `TRUNCATE appeal_rollup, appeal_rollup_month, appeal_rollup_cell`,
      `INSERT INTO appeal_cube_delta (h3) VALUES (NULL)`,
    ]),
    `INSERT INTO data_changes (tbl) VALUES ('migration')`,
  ])
    await sql.raw(s).execute(db);
}
