import { sql, type Kysely } from 'kysely';

/*
 * Places fixed by hand (issue 26: "a list to fix them by hand"; lib/store/appealLocation.ts). An appeal a person
 * placed has location_source 'manual': a re-import keeps its point, cell, level and boundaries (lib/store/
 * appealsMerge.ts), re-geocoding never clears it (only 'geocoded' rows are), and its level stays what the person's
 * answer was ('point' for coordinates, 'house' for an address). Who changed it, when, from what to what: the audit log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE appeals DROP CONSTRAINT IF EXISTS appeals_location_source_check`).execute(db);
  await sql
    .raw(
      `ALTER TABLE appeals ADD CONSTRAINT appeals_location_source_check
    CHECK (location_source IN ('source', 'geocoded', 'manual'))`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`UPDATE appeals SET location_source = 'source' WHERE location_source = 'manual'`).execute(db);
  await sql.raw(`ALTER TABLE appeals DROP CONSTRAINT IF EXISTS appeals_location_source_check`).execute(db);
  await sql
    .raw(
      `ALTER TABLE appeals ADD CONSTRAINT appeals_location_source_check
    CHECK (location_source IN ('source', 'geocoded'))`,
    )
    .execute(db);
}
