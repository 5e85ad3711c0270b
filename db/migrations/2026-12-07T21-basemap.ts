import { sql, type Kysely } from 'kysely';

/*
 * Settlements for the basemap's place names: a name, a kind that sets from which zoom it shows, and a point. The
 * demo fills it from its municipality seats; a deployment loads its own (or leaves it empty: municipality names
 * from boundaries still label the map).
 */
const statements = [
  `CREATE TABLE settlements (
     id serial PRIMARY KEY,
     name text NOT NULL,
     kind text NOT NULL CHECK (kind IN ('city', 'town', 'village')),
     population int,
     geom geometry(Point, 4326) NOT NULL,
     UNIQUE (name, kind)
   )`,
  `CREATE INDEX settlements_geom_idx ON settlements USING gist (geom)`,
  // Basemap tiles are cached by the data version: a change of settlements must move it.
  `CREATE TRIGGER settlements_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON settlements
   FOR EACH STATEMENT EXECUTE FUNCTION pmap_data_changed()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS settlements').execute(db);
}
