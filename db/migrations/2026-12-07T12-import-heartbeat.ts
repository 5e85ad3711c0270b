import { sql, type Kysely } from 'kysely';

/*
 * A running import's heartbeat: its process updates heartbeat_at every few seconds, so a job whose process was
 * killed (kill -9, a container replaced, a machine lost) is told from a slow one and marked interrupted instead of
 * staying "running" forever (lib/store/importJobs.ts recoverOrphanedJobs). A new row starts with one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE import_jobs ADD COLUMN heartbeat_at timestamptz DEFAULT now()`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE import_jobs DROP COLUMN heartbeat_at`).execute(db);
}
