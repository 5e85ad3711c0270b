import { sql, type Kysely } from 'kysely';

/*
 * The offline geocoder's gazetteer (lib/enrich/geocode). Addresses keep their normalised parts; streets are a table
 * of their own, keyed by (locality, name, type), because fuzzy matching runs on street names — a few thousand per
 * city — not on every house. Localities are listed apart so the parser can tell "Оренбург Чкалова 32" apart.
 */
const statements = [
  `CREATE TABLE address_localities (
     name text PRIMARY KEY,          -- normalised ("соль илецк"); '' for a gazetteer that names no locality
     label text NOT NULL,            -- as first written ("Соль-Илецк")
     streets int NOT NULL DEFAULT 0,
     houses int NOT NULL DEFAULT 0
   )`,

  `CREATE TABLE address_streets (
     id serial PRIMARY KEY,
     locality text NOT NULL,         -- address_localities.name
     core text NOT NULL,             -- the name's words, normalised and sorted ("жукова", "карла маркса")
     type text NOT NULL,             -- canonical type ("ул", "пр-кт", …) or ''
     name text NOT NULL,             -- as first written ("улица Маршала Жукова")
     houses int NOT NULL DEFAULT 0,
     geom geometry(Point, 4326),     -- the entry nearest the middle of its houses: the answer when no house is given
     label text,                     -- that entry's text
     UNIQUE (locality, core, type)
   )`,
  `CREATE INDEX address_streets_core_idx ON address_streets (core)`,
  // fastupdate off: a pending list made each lookup scan every recently added street (1 ms instead of 0.04 ms).
  `CREATE INDEX address_streets_core_trgm_idx ON address_streets USING gin (core gin_trgm_ops) WITH (fastupdate = off)`,

  `ALTER TABLE addresses
     ADD COLUMN street_id int REFERENCES address_streets(id) ON DELETE CASCADE,
     ADD COLUMN house_num int,
     ADD COLUMN house_key text NOT NULL DEFAULT '',
     ADD COLUMN content_hash text NOT NULL DEFAULT '',
     ADD COLUMN import_job_id bigint,
     ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`,
  // Both in the order the house lookups read them (lib/enrich/geocode/queries.ts), so each is one index probe.
  `CREATE INDEX addresses_street_key_idx ON addresses (street_id, house_key, id)`,
  `CREATE INDEX addresses_street_num_idx ON addresses (street_id, house_num, house_key, id)`,
  // Matching runs on street names (address_streets), never on whole addresses: this index only slowed loads.
  `DROP INDEX IF EXISTS addresses_norm_trgm_idx`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const s of [
    `ALTER TABLE addresses DROP COLUMN IF EXISTS street_id, DROP COLUMN IF EXISTS house_num,
       DROP COLUMN IF EXISTS house_key, DROP COLUMN IF EXISTS content_hash, DROP COLUMN IF EXISTS import_job_id,
       DROP COLUMN IF EXISTS updated_at`,
    `DROP TABLE IF EXISTS address_streets`,
    `DROP TABLE IF EXISTS address_localities`,
    `CREATE INDEX IF NOT EXISTS addresses_norm_trgm_idx ON addresses USING gin (norm gin_trgm_ops)`,
  ])
    await sql.raw(s).execute(db);
}
