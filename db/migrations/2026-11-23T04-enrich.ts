import { sql, type Kysely } from 'kysely';

/*
 * Enrichment re-runs (`pmap enrich`), the stored topic model, street-name keys for road snapping, and boundaries that
 * cross the antimeridian. Written for PostgreSQL 15 / PostGIS 3.3 and PGlite's PostGIS 3.6 alike.
 */
const statements = [
  // One row per enrichment step: the fingerprint of the inputs the whole table was last enriched with.
  `CREATE TABLE enrichment_state (
     step text PRIMARY KEY,
     fingerprint text NOT NULL,
     detail jsonb NOT NULL DEFAULT '{}',
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
  // What each boundary / road segment looked like when appeals were last enriched: diffing it against the live table
  // gives the changed items, and their old and new extents give the appeals that may be affected.
  `CREATE TABLE enrichment_inputs (
     step text NOT NULL,
     item_id bigint NOT NULL,
     hash text NOT NULL,
     extent geometry(Geometry, 4326),
     PRIMARY KEY (step, item_id)
   )`,
  `CREATE INDEX enrichment_inputs_extent_idx ON enrichment_inputs USING gist (extent)`,

  // The topic model lives with the data it was trained on (server mode has no shared .data directory, and the app
  // and the CLI must agree on one version). One row is active; older ones stay for comparison.
  `CREATE TABLE topic_models (
     version text PRIMARY KEY,
     created_at timestamptz NOT NULL DEFAULT now(),
     active boolean NOT NULL DEFAULT false,
     examples int NOT NULL,
     training_fingerprint text NOT NULL,
     rules jsonb NOT NULL,
     model jsonb
   )`,
  `CREATE UNIQUE INDEX topic_models_one_active ON topic_models (active) WHERE active`,

  // A street name reduced to what identifies it: lower case, ё as е, no type word (улица, пр-т, …), words sorted,
  // so "ул. Чкалова", "Чкалова улица" and "улица ЧКАЛОВА" are equal. Uppercase Cyrillic is folded explicitly because
  // lower() only knows the database's locale.
  `CREATE OR REPLACE FUNCTION pmap_street_key(name text) RETURNS text
     LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
   $$ SELECT nullif(array_to_string(ARRAY(
        SELECT w FROM unnest(regexp_split_to_array(
          regexp_replace(
            regexp_replace(
              translate(lower(coalesce(name, '')), 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯё', 'абвгдеежзийклмнопрстуфхцчшщъыьэюяе'),
              '(^|[^0-9a-zа-я])(пр-кт|пр-т|пр-д|б-р|кв-л|ш-се)([^0-9a-zа-я]|$)', '\\1 \\3', 'g'),
            '[^0-9a-zа-я]+', ' ', 'g'), ' ')) AS w
        WHERE w <> '' AND NOT w = ANY (ARRAY['улица', 'ул', 'проспект', 'просп', 'пр', 'пркт', 'переулок', 'пер',
          'бульвар', 'бул', 'шоссе', 'ш', 'проезд', 'площадь', 'пл', 'набережная', 'наб', 'тупик', 'туп', 'аллея',
          'линия', 'тракт', 'им', 'имени', 'street', 'st', 'avenue', 'ave', 'road', 'rd', 'boulevard', 'blvd'])
        ORDER BY w), ' '), '') $$`,

  // Computed once per segment rather than per snapped appeal: snapping compares it with the appeal's street.
  `ALTER TABLE road_segments ADD COLUMN street_key text GENERATED ALWAYS AS (pmap_street_key(coalesce(name, name_norm))) STORED`,

  // The street part of a free-text address, without its house number: the comma-separated part that names a street
  // type; else the part before one that starts with a house number; else the last part that ends with one.
  `CREATE OR REPLACE FUNCTION pmap_address_street(address text) RETURNS text
     LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
   $$ WITH parts AS (
        SELECT btrim(p) AS p, n FROM unnest(string_to_array(coalesce(address, ''), ',')) WITH ORDINALITY AS u(p, n)
      ), typed AS (
        SELECT p, n FROM parts
        WHERE lower(p) ~ '(^|[^0-9a-zа-яё])(ул|улица|пр-кт|пр-т|просп|проспект|пер|переулок|б-р|бульвар|ш|шоссе|пр-д|проезд|пл|площадь|наб|набережная|тупик|аллея|тракт)([^0-9a-zа-яё]|$)'
      ), named AS (
        SELECT p, n FROM parts WHERE p !~ '^(г|п|с|пгт|д|рп)\\.\\s' AND p !~* 'обл|р-н|район' AND p ~ '[^0-9[:space:]]'
      ), chosen AS (
        SELECT coalesce(
          (SELECT p FROM typed ORDER BY n LIMIT 1),
          (SELECT a.p FROM named a JOIN parts b ON b.n = a.n + 1 WHERE b.p ~ '^(д\\.?\\s*|дом\\s+)?[0-9]' ORDER BY a.n LIMIT 1),
          (SELECT p FROM named WHERE p ~ '[^0-9[:space:]]\\s+[0-9]+' ORDER BY n DESC LIMIT 1)) AS p
      )
      SELECT nullif(btrim(regexp_replace(p,
        '\\s+(д\\.?\\s*|дом\\s+)?[0-9]+\\s?[а-яёa-z]?(/[0-9]+[а-яёa-z]?)?(\\s*(к|корп|стр|лит)\\.?\\s*[0-9а-яёa-z]+)?$', '', 'i')), '')
      FROM chosen $$`,

  // Boundaries are stored with every ring inside -180..180: a polygon drawn across the antimeridian (Chukotka:
  // 179 → -179, or longitudes past 180) is shifted to 0..360 and split back at 180, so plain ST_Covers is right.
  `CREATE OR REPLACE FUNCTION pmap_lon_jumps(g geometry) RETURNS boolean
     LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
   $$ SELECT EXISTS (
        SELECT 1 FROM (
          SELECT ST_X(d.geom) AS x,
                 lag(ST_X(d.geom)) OVER (PARTITION BY d.path[1:array_length(d.path, 1) - 1]
                                         ORDER BY d.path[array_length(d.path, 1)]) AS px
          FROM ST_DumpPoints(g) d) s
        WHERE abs(x - px) > 180) $$`,
  `CREATE OR REPLACE FUNCTION pmap_fix_antimeridian(g geometry) RETURNS geometry
     LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
   $$ SELECT CASE
        WHEN g IS NULL THEN g
        WHEN ST_XMax(g) > 180 THEN ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_WrapX(g, 180, -360)), 3))
        WHEN ST_XMin(g) < -180 THEN ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_WrapX(g, -180, 360)), 3))
        WHEN ST_XMax(g) - ST_XMin(g) > 180 AND pmap_lon_jumps(g)
          THEN ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_WrapX(ST_ShiftLongitude(g), 180, -360)), 3))
        ELSE g
      END $$`,
  `CREATE OR REPLACE FUNCTION pmap_boundaries_antimeridian() RETURNS trigger
     LANGUAGE plpgsql AS
   $$ BEGIN NEW.geom := pmap_fix_antimeridian(NEW.geom); RETURN NEW; END $$`,
  `CREATE TRIGGER boundaries_antimeridian BEFORE INSERT OR UPDATE OF geom ON boundaries
     FOR EACH ROW EXECUTE FUNCTION pmap_boundaries_antimeridian()`,
  `UPDATE boundaries SET geom = geom WHERE ST_XMax(geom) - ST_XMin(geom) > 180 OR ST_XMax(geom) > 180 OR ST_XMin(geom) < -180`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TRIGGER IF EXISTS boundaries_antimeridian ON boundaries').execute(db);
  await sql.raw('ALTER TABLE road_segments DROP COLUMN IF EXISTS street_key').execute(db);
  for (const f of [
    'pmap_boundaries_antimeridian()',
    'pmap_fix_antimeridian(geometry)',
    'pmap_lon_jumps(geometry)',
    'pmap_address_street(text)',
    'pmap_street_key(text)',
  ]) {
    await sql.raw(`DROP FUNCTION IF EXISTS ${f}`).execute(db);
  }
  for (const t of ['topic_models', 'enrichment_inputs', 'enrichment_state'])
    await sql.raw(`DROP TABLE IF EXISTS ${t}`).execute(db);
}
