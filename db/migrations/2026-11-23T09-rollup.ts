import { sql, type Kysely } from 'kysely';

/*
 * Serving at national scale (issue 7):
 * - data_changes: every write to the map's tables (imports, bot API, Open311, enrich, topic overrides, boundaries,
 *   roads, plans, points) adds one row per statement from a trigger; max(v) is the data version caches key on.
 *   A row per statement, not a counter row, so concurrent writers never wait on each other, and the version moves
 *   only when the writing transaction commits (a reader never sees a new version with old data).
 * - appeal_rollup (by UTC day) and appeal_rollup_month (by UTC month): appeal counts per (res-7 H3 cell, period,
 *   topic, channel, status, municipality, gratitude),
 *   kept exact by statement-level triggers with transition tables (add NEW, subtract OLD, drop zeros), so every
 *   write path keeps it right without knowing about it. appeal_rollup_cell holds one point inside each res-7 cell
 *   for viewport restriction. Plain SQL and PL/pgSQL that run on PostgreSQL 15 and PGlite (PostgreSQL 18).
 */
const KEYS = 'h3_r7, day, topic, channel, status, municipality_id, is_gratitude';
// The daily table keys by UTC day; the monthly one by the first day of the UTC month (whole months of a period
// come from it, the days at either end from the daily one: lib/aggregate/rollup.ts).
const PERIODS = {
  appeal_rollup: `(created_at AT TIME ZONE 'UTC')::date`,
  appeal_rollup_month: `date_trunc('month', created_at AT TIME ZONE 'UTC')::date`,
} as const;
type RollupTable = keyof typeof PERIODS;
const FROM_APPEALS = (table: RollupTable, rows: string, sign: number) =>
  `SELECT h3_parent(h3, 7) AS h3_r7, ${PERIODS[table]} AS day, topic, channel, status,
          coalesce(municipality_id, 0) AS municipality_id, is_gratitude, ${sign} AS s
   FROM ${rows} WHERE h3 IS NOT NULL`;
const UPSERT = (table: RollupTable, deltas: string) =>
  `INSERT INTO ${table} AS r (${KEYS}, n)
   SELECT ${KEYS}, sum(s) FROM (${deltas}) d GROUP BY ${KEYS} HAVING sum(s) <> 0
   ON CONFLICT (${KEYS}) DO UPDATE SET n = r.n + EXCLUDED.n`;
const TABLES = Object.keys(PERIODS) as RollupTable[];
const ADD = (rows: string) => TABLES.map((t) => UPSERT(t, FROM_APPEALS(t, rows, 1)));
const SUB = (rows: string) =>
  TABLES.flatMap((t) => [UPSERT(t, FROM_APPEALS(t, rows, -1)), `DELETE FROM ${t} WHERE n = 0`]);
const DIFF = () =>
  TABLES.flatMap((t) => [
    UPSERT(t, `${FROM_APPEALS(t, 'new_rows', 1)} UNION ALL ${FROM_APPEALS(t, 'old_rows', -1)}`),
    `DELETE FROM ${t} WHERE n = 0`,
  ]);
const CELLS = (rows: string) =>
  `INSERT INTO appeal_rollup_cell (h3_r7, lon, lat)
   SELECT DISTINCT ON (h3_parent(h3, 7)) h3_parent(h3, 7), ST_X(geom), ST_Y(geom) FROM ${rows}
   WHERE h3 IS NOT NULL AND geom IS NOT NULL ORDER BY h3_parent(h3, 7)
   ON CONFLICT (h3_r7) DO NOTHING`;
export const fn = (name: string, body: string[]) =>
  `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${body.join(';\n     ')};
     RETURN NULL;
   END $$`;

/** The trigger functions' statements, for later migrations that add to them (2026-11-24T11-cube-delta). */
export const ROLLUP_BODIES = {
  insert: [...ADD('new_rows'), CELLS('new_rows')],
  update: [...DIFF(), CELLS('new_rows')],
  delete: SUB('old_rows'),
};

const VERSIONED = ['appeals', 'road_segments', 'repair_plans', 'service_points', 'boundaries', 'topics', 'problems'];

const statements = [
  `CREATE TABLE data_changes (v bigserial PRIMARY KEY, tbl text NOT NULL, at timestamptz NOT NULL DEFAULT now())`,
  fn('pmap_data_changed', [
    `INSERT INTO data_changes (tbl) VALUES (TG_TABLE_NAME)`,
    // Keep the log short: the version only needs the newest row.
    `IF random() < 0.01 THEN DELETE FROM data_changes WHERE v < (SELECT max(v) - 1000 FROM data_changes); END IF`,
  ]),
  ...VERSIONED.map(
    (t) =>
      `CREATE TRIGGER ${t}_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t}
     FOR EACH STATEMENT EXECUTE FUNCTION pmap_data_changed()`,
  ),

  ...TABLES.flatMap((t) => [
    `CREATE TABLE ${t} (
       h3_r7 bigint NOT NULL,
       day date NOT NULL,
       topic text NOT NULL,
       channel text NOT NULL,
       status text NOT NULL,
       municipality_id int NOT NULL, -- 0: none
       is_gratitude boolean NOT NULL,
       n int NOT NULL,
       -- n in the key's index: a viewport (a few hundred cells) is an index-only scan, not a page read per row.
       PRIMARY KEY (${KEYS}) INCLUDE (n)
     )`,
    `CREATE INDEX ${t}_day_idx ON ${t} (day)`,
    `CREATE INDEX ${t}_zero_idx ON ${t} (h3_r7) WHERE n = 0`,
  ]),
  `CREATE TABLE appeal_rollup_cell (h3_r7 bigint PRIMARY KEY, lon float8 NOT NULL, lat float8 NOT NULL)`,

  fn('pmap_rollup_insert', ROLLUP_BODIES.insert),
  fn('pmap_rollup_update', ROLLUP_BODIES.update),
  fn('pmap_rollup_delete', ROLLUP_BODIES.delete),
  `CREATE TRIGGER appeals_rollup_insert AFTER INSERT ON appeals REFERENCING NEW TABLE AS new_rows
   FOR EACH STATEMENT EXECUTE FUNCTION pmap_rollup_insert()`,
  `CREATE TRIGGER appeals_rollup_update AFTER UPDATE ON appeals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
   FOR EACH STATEMENT EXECUTE FUNCTION pmap_rollup_update()`,
  `CREATE TRIGGER appeals_rollup_delete AFTER DELETE ON appeals REFERENCING OLD TABLE AS old_rows
   FOR EACH STATEMENT EXECUTE FUNCTION pmap_rollup_delete()`,
  fn('pmap_rollup_truncate', [`TRUNCATE appeal_rollup, appeal_rollup_month, appeal_rollup_cell`]),
  `CREATE TRIGGER appeals_rollup_truncate AFTER TRUNCATE ON appeals FOR EACH STATEMENT EXECUTE FUNCTION pmap_rollup_truncate()`,

  // Existing appeals.
  ...ADD('appeals'),
  CELLS('appeals'),
  `INSERT INTO data_changes (tbl) VALUES ('migration')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'appeals_rollup_insert',
    'appeals_rollup_update',
    'appeals_rollup_delete',
    'appeals_rollup_truncate',
  ]) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${t} ON appeals`).execute(db);
  }
  for (const t of VERSIONED) await sql.raw(`DROP TRIGGER IF EXISTS ${t}_data_changed ON ${t}`).execute(db);
  await sql
    .raw(`DROP TABLE IF EXISTS appeal_rollup, appeal_rollup_month, appeal_rollup_cell, data_changes`)
    .execute(db);
  for (const f of [
    'pmap_data_changed',
    'pmap_rollup_insert',
    'pmap_rollup_update',
    'pmap_rollup_delete',
    'pmap_rollup_truncate',
  ]) {
    await sql.raw(`DROP FUNCTION IF EXISTS ${f}()`).execute(db);
  }
}
