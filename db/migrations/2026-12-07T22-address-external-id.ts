import { sql, type Kysely } from 'kysely';

/*
 * Gazetteers have ids (issue 26, item 9): an address mapping may name `external_id` (a ФИАС/ГАР object GUID, a
 * registry's building id), and an entry with one is upserted by (source, external id): its text or point may change
 * and it stays one entry. Entries without one keep the normalised address as their key, so that uniqueness now holds
 * only among them (two GUIDs may carry the same address: a building and a structure on one plot).
 */
const statements = [
  `ALTER TABLE addresses ADD COLUMN external_id text`,
  `ALTER TABLE addresses ADD CONSTRAINT addresses_source_external_key UNIQUE (source_id, external_id)`,
  `ALTER TABLE addresses DROP CONSTRAINT IF EXISTS addresses_source_id_norm_key`,
  `CREATE UNIQUE INDEX addresses_source_norm_key ON addresses (source_id, norm) WHERE external_id IS NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    `DELETE FROM addresses WHERE external_id IS NOT NULL`,
    `DROP INDEX IF EXISTS addresses_source_norm_key`,
    `ALTER TABLE addresses ADD CONSTRAINT addresses_source_id_norm_key UNIQUE (source_id, norm)`,
    `ALTER TABLE addresses DROP CONSTRAINT IF EXISTS addresses_source_external_key`,
    `ALTER TABLE addresses DROP COLUMN IF EXISTS external_id`,
  ])
    await sql.raw(s).execute(db);
}
