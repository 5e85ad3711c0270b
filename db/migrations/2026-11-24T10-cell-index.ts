import { sql, type Kysely } from 'kysely';

/*
 * Fine hexagons (res 8–9) from an index, not the table: appeals' H3 index carries the filter columns, so the
 * descendants of the res-7 cells near a viewport (a contiguous range of res-9 ids each, lib/aggregate/rollup.ts)
 * are counted by an index-only scan; appeal_rollup_cell gets an index to find those res-7 cells.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS appeals_h3_idx`.execute(db);
  await sql`CREATE INDEX appeals_h3_idx ON appeals (h3) INCLUDE (created_at, topic, channel, status, municipality_id, is_gratitude)`.execute(
    db,
  );
  await sql`CREATE INDEX appeal_rollup_cell_lat_idx ON appeal_rollup_cell (lat, lon)`.execute(db);
  await sql`INSERT INTO data_changes (tbl) VALUES ('migration')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS appeal_rollup_cell_lat_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS appeals_h3_idx`.execute(db);
  await sql`CREATE INDEX appeals_h3_idx ON appeals (h3)`.execute(db);
}
