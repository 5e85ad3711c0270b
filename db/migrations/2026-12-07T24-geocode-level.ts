import { sql, type Kysely } from 'kysely';

/*
 * Geocode precision (issue 26), as DaData's qc_geo: every appeal says how precisely its point is known.
 *   point      — the source's own coordinates (a GPS fix or a point the author placed);
 *   house      — geocoded to the house (the gazetteer's entry, or between close neighbours on its side);
 *   street     — geocoded to the street only (the house not found: the street's middle or far neighbours);
 *   settlement — geocoded to the settlement only;
 *   none       — no location.
 * Street- and settlement-level points keep their point for the map, but their stored cell is the res-7 cell they lie
 * in (lib/enrich/h3.ts cellFor), so they count at res ≤ 7 and never in res 8–9 cells; road snapping skips them.
 */
const statements = [
  `ALTER TABLE appeals ADD COLUMN geocode_level text NOT NULL DEFAULT 'none'
     CHECK (geocode_level IN ('point', 'house', 'street', 'settlement', 'none'))`,
  `UPDATE appeals SET geocode_level = CASE WHEN geom IS NULL THEN 'none'
     WHEN location_source = 'geocoded' THEN 'house' ELSE 'point' END WHERE geom IS NOT NULL`,
  `CREATE INDEX appeals_coarse_location_idx ON appeals (geocode_level) WHERE geocode_level IN ('street', 'settlement', 'none')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`DROP INDEX IF EXISTS appeals_coarse_location_idx`).execute(db);
  await sql.raw(`ALTER TABLE appeals DROP COLUMN IF EXISTS geocode_level`).execute(db);
}
