import { sql, type Kysely } from 'kysely';

/**
 * Problems from many channels (counts kept exact by lib/enrich/problems/group.ts) and the admin import page's job
 * columns: who started a job, and its progress while it runs.
 */
const up_ = [
  `ALTER TABLE problems ADD COLUMN channel_count int NOT NULL DEFAULT 0,
     ADD COLUMN channels text[] NOT NULL DEFAULT '{}',
     ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
     ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`,
  `CREATE INDEX problems_geom_idx ON problems USING gist (geom)`,
  `CREATE INDEX appeals_problem_idx ON appeals (problem_id) WHERE problem_id IS NOT NULL`,
  // The incremental grouping's work list: located complaints not yet in a problem. Small, whatever the table size.
  `CREATE INDEX appeals_ungrouped_idx ON appeals (created_at, id)
     WHERE problem_id IS NULL AND geom IS NOT NULL AND NOT is_gratitude`,
  `ALTER TABLE import_jobs ADD COLUMN user_email text, ADD COLUMN bytes_total bigint,
     ADD COLUMN bytes_done bigint, ADD COLUMN rows_done int`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of up_) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `ALTER TABLE import_jobs DROP COLUMN user_email, DROP COLUMN bytes_total, DROP COLUMN bytes_done, DROP COLUMN rows_done`,
    )
    .execute(db);
  await sql.raw(`DROP INDEX IF EXISTS appeals_ungrouped_idx`).execute(db);
  await sql.raw(`DROP INDEX IF EXISTS appeals_problem_idx`).execute(db);
  await sql.raw(`DROP INDEX IF EXISTS problems_geom_idx`).execute(db);
  await sql
    .raw(
      `ALTER TABLE problems DROP COLUMN channel_count, DROP COLUMN channels, DROP COLUMN created_at, DROP COLUMN updated_at`,
    )
    .execute(db);
}
