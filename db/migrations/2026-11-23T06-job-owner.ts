import { sql, type Kysely } from 'kysely';

/** Which process runs an import, so a job whose process died (kill -9, power loss) can be marked as interrupted. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE import_jobs ADD COLUMN host text, ADD COLUMN pid int`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE import_jobs DROP COLUMN host, DROP COLUMN pid`).execute(db);
}
