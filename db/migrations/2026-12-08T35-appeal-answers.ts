import { sql, type Kysely } from 'kysely';

/*
 * Issue 22: the source's own answer (mapping fields `answered_at`, `answer_text`; contract.md «Added:»). answered_at
 * is when the executor (the appeal's agency) answered: the response time prefers it (db/sql/deadline.ts
 * ANSWERED_AT). answer_text is the answer as written; it may name the citizen, so it is staff-only like `text` and
 * no public route or export selects it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE appeals ADD COLUMN IF NOT EXISTS answered_at timestamptz`).execute(db);
  await sql.raw(`ALTER TABLE appeals ADD COLUMN IF NOT EXISTS answer_text text`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE appeals DROP COLUMN IF EXISTS answer_text`).execute(db);
  await sql.raw(`ALTER TABLE appeals DROP COLUMN IF EXISTS answered_at`).execute(db);
}
