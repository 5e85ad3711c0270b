import { sql, type Kysely } from 'kysely';

/*
 * Appeals awaiting problem grouping (issue 21): a big import commits its appeals without problems and a job groups
 * them after the commit (lib/enrich/problems/jobs.ts). The map, the drill-down and exports say how many wait, and
 * grouping picks them in (created_at, id) order: this partial index holds exactly those rows (lib/store/
 * groupingPending.ts AWAITING_GROUPING), so both read only them and it is empty once grouping is done.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`CREATE INDEX IF NOT EXISTS appeals_awaiting_group_idx ON appeals (created_at, id)
    WHERE problem_id IS NULL AND geom IS NOT NULL AND NOT is_gratitude`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`DROP INDEX IF EXISTS appeals_awaiting_group_idx`).execute(db);
}
