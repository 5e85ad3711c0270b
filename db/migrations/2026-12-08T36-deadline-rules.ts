import { sql, type Kysely } from 'kysely';

/*
 * Issue 22, part 4: regulated deadlines. `deadline_rules` holds the rules (`pmap deadlines import`, replace all);
 * appeals.due_at is the rule's due time computed by the import in JavaScript (lib/domain/calendar/workdays.ts dueAt).
 * NULL (no rule matched, or a row of an import before this migration): db/sql/deadline.ts falls back to the source's
 * own deadline (pos) or created_at + PMAP_RESPONSE_DEADLINE_DAYS calendar days.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE appeals ADD COLUMN IF NOT EXISTS due_at timestamptz`).execute(db);
  await sql
    .raw(
      `CREATE TABLE IF NOT EXISTS deadline_rules (
        id serial PRIMARY KEY,
        topic text,
        subcategory text,
        channel text,
        unit text NOT NULL CHECK (unit IN ('working_days', 'hours')),
        amount real NOT NULL CHECK (amount > 0),
        moderation_hours real NOT NULL DEFAULT 0 CHECK (moderation_hours >= 0),
        season_from text CHECK (season_from ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
        season_to text CHECK (season_to ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
        note text,
        CHECK ((season_from IS NULL) = (season_to IS NULL))
      )`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`DROP TABLE IF EXISTS deadline_rules`).execute(db);
  await sql.raw(`ALTER TABLE appeals DROP COLUMN IF EXISTS due_at`).execute(db);
}
