import { sql, type Kysely } from 'kysely';

/*
 * The whole model of design.md. Written for PostgreSQL 15 + PostGIS 3.3 (CI) and PGlite's PostgreSQL 18 +
 * PostGIS 3.6 alike. Appeals are keyed by (source_id, external_id) so re-imports upsert; region_id is on the
 * big tables so they can be distributed by region later (docs: Citus), created_at so they can be partitioned.
 */
const statements = [
  `CREATE EXTENSION IF NOT EXISTS postgis`,
  `CREATE EXTENSION IF NOT EXISTS pg_trgm`,

  // H3 parent by bit arithmetic: resolution lives in bits 52..55, each finer digit is 3 bits set to 7 when unused.
  `CREATE OR REPLACE FUNCTION h3_parent(cell bigint, res int) RETURNS bigint
     LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
   $$ SELECT (cell & ~(15::bigint << 52)) | (res::bigint << 52) | ((1::bigint << ((15 - res) * 3)) - 1) $$`,

  `CREATE TABLE sources (
     id serial PRIMARY KEY,
     code text NOT NULL UNIQUE,
     name text NOT NULL,
     kind text NOT NULL DEFAULT 'appeals',
     created_at timestamptz NOT NULL DEFAULT now()
   )`,

  `CREATE TABLE topics (
     code text PRIMARY KEY,
     name_ru text NOT NULL,
     name_en text NOT NULL,
     sort int NOT NULL
   )`,

  `INSERT INTO topics (code, name_ru, name_en, sort) VALUES
     ('roads', 'Дороги', 'Roads', 1), ('housing', 'ЖКХ', 'Housing and utilities', 2),
     ('improvement', 'Благоустройство', 'Public spaces', 3), ('health', 'Здравоохранение', 'Health', 4),
     ('education', 'Образование', 'Education', 5), ('transport', 'Общественный транспорт', 'Public transport', 6),
     ('energy', 'Энергетика', 'Energy', 7), ('waste', 'ТКО', 'Solid waste', 8),
     ('social', 'Социальная защита', 'Social protection', 9), ('covid', 'COVID-19 / вакцинация', 'COVID-19', 10),
     ('other', 'Прочее', 'Other', 11)`,

  `CREATE TABLE boundaries (
     id serial PRIMARY KEY,
     level text NOT NULL CHECK (level IN ('region', 'municipality')),
     code text NOT NULL,
     name text NOT NULL,
     parent_id int REFERENCES boundaries(id) ON DELETE SET NULL,
     props jsonb NOT NULL DEFAULT '{}',
     geom geometry(MultiPolygon, 4326) NOT NULL,
     updated_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (level, code)
   )`,
  `CREATE INDEX boundaries_geom_idx ON boundaries USING gist (geom)`,

  `CREATE TABLE agencies (
     id serial PRIMARY KEY,
     code text NOT NULL UNIQUE,
     name text NOT NULL,
     kind text
   )`,

  `CREATE TABLE road_segments (
     id serial PRIMARY KEY,
     source_id int NOT NULL REFERENCES sources(id),
     external_id text NOT NULL,
     name text,
     name_norm text,
     road_class text,
     owner text,
     rating real,
     length_m real NOT NULL,
     region_id int REFERENCES boundaries(id) ON DELETE SET NULL,
     geom geometry(MultiLineString, 4326) NOT NULL,
     content_hash text NOT NULL,
     updated_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (source_id, external_id)
   )`,
  `CREATE INDEX road_segments_geom_idx ON road_segments USING gist (geom)`,
  `CREATE INDEX road_segments_owner_idx ON road_segments (owner)`,
  `CREATE INDEX road_segments_external_idx ON road_segments (external_id)`,

  `CREATE TABLE repair_plans (
     id serial PRIMARY KEY,
     source_id int NOT NULL REFERENCES sources(id),
     external_id text NOT NULL,
     segment_id int REFERENCES road_segments(id) ON DELETE SET NULL,
     year int,
     status text CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
     work_type text,
     completed_at date,
     warranty_until date,
     geom geometry(MultiLineString, 4326),
     content_hash text NOT NULL,
     UNIQUE (source_id, external_id)
   )`,
  `CREATE INDEX repair_plans_segment_idx ON repair_plans (segment_id)`,

  `CREATE TABLE service_points (
     id serial PRIMARY KEY,
     source_id int NOT NULL REFERENCES sources(id),
     external_id text NOT NULL,
     kind text NOT NULL DEFAULT 'vaccination',
     name text NOT NULL,
     address text,
     phone text,
     url text,
     walk_in boolean,
     appointments boolean,
     accessible boolean,
     vaccines text[] NOT NULL DEFAULT '{}',
     hours jsonb NOT NULL DEFAULT '{}',
     timezone text NOT NULL DEFAULT 'Asia/Yekaterinburg',
     verified_at timestamptz,
     region_id int REFERENCES boundaries(id) ON DELETE SET NULL,
     geom geometry(Point, 4326) NOT NULL,
     content_hash text NOT NULL,
     UNIQUE (source_id, external_id)
   )`,
  `CREATE INDEX service_points_geom_idx ON service_points USING gist (geom)`,

  `CREATE TABLE addresses (
     id serial PRIMARY KEY,
     source_id int NOT NULL REFERENCES sources(id),
     text text NOT NULL,
     norm text NOT NULL,
     locality text,
     street text,
     house text,
     geom geometry(Point, 4326) NOT NULL,
     UNIQUE (source_id, norm)
   )`,
  `CREATE INDEX addresses_norm_trgm_idx ON addresses USING gin (norm gin_trgm_ops)`,
  `CREATE INDEX addresses_geom_idx ON addresses USING gist (geom)`,

  `CREATE TABLE problems (
     id bigserial PRIMARY KEY,
     topic text NOT NULL,
     first_at timestamptz NOT NULL,
     last_at timestamptz NOT NULL,
     appeal_count int NOT NULL DEFAULT 0,
     citizen_count int NOT NULL DEFAULT 0,
     geom geometry(Point, 4326)
   )`,

  `CREATE TABLE import_jobs (
     id bigserial PRIMARY KEY,
     kind text NOT NULL,
     file_name text NOT NULL,
     source_id int REFERENCES sources(id),
     mapping jsonb,
     status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
     started_at timestamptz NOT NULL DEFAULT now(),
     finished_at timestamptz,
     read int NOT NULL DEFAULT 0,
     inserted int NOT NULL DEFAULT 0,
     updated int NOT NULL DEFAULT 0,
     unchanged int NOT NULL DEFAULT 0,
     rejected int NOT NULL DEFAULT 0,
     notes text[] NOT NULL DEFAULT '{}',
     error text
   )`,

  `CREATE TABLE import_rejects (
     id bigserial PRIMARY KEY,
     job_id bigint NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
     row_number int NOT NULL,
     reason text NOT NULL,
     raw jsonb NOT NULL
   )`,
  `CREATE INDEX import_rejects_job_idx ON import_rejects (job_id, row_number)`,

  `CREATE TABLE appeals (
     id bigserial PRIMARY KEY,
     source_id int NOT NULL REFERENCES sources(id),
     external_id text NOT NULL,
     channel text NOT NULL CHECK (channel IN ('social','pos','portal','app','bot','hotline','email','web','other')),
     created_at timestamptz NOT NULL,
     updated_at timestamptz,
     closed_at timestamptz,
     status text NOT NULL CHECK (status IN ('new','in_progress','answered','closed','rejected')),
     topic text NOT NULL REFERENCES topics(code),
     topic_confidence real,
     topic_manual boolean NOT NULL DEFAULT false,
     is_gratitude boolean NOT NULL DEFAULT false,
     text text,
     address text,
     street text,
     house text,
     author_pseudonym text,
     author_contact text,
     agency_id int REFERENCES agencies(id) ON DELETE SET NULL,
     geom geometry(Point, 4326),
     location_source text CHECK (location_source IN ('source', 'geocoded')),
     geocode_confidence real,
     h3 bigint,
     region_id int REFERENCES boundaries(id) ON DELETE SET NULL,
     municipality_id int REFERENCES boundaries(id) ON DELETE SET NULL,
     road_segment_id int REFERENCES road_segments(id) ON DELETE SET NULL,
     road_distance_m real,
     problem_id bigint REFERENCES problems(id) ON DELETE SET NULL,
     raw jsonb NOT NULL,
     content_hash text NOT NULL,
     import_job_id bigint REFERENCES import_jobs(id) ON DELETE SET NULL,
     imported_at timestamptz NOT NULL DEFAULT now(),
     UNIQUE (source_id, external_id)
   )`,
  `CREATE INDEX appeals_geom_idx ON appeals USING gist (geom)`,
  `CREATE INDEX appeals_created_idx ON appeals (created_at)`,
  `CREATE INDEX appeals_topic_created_idx ON appeals (topic, created_at)`,
  `CREATE INDEX appeals_h3_idx ON appeals (h3)`,
  `CREATE INDEX appeals_municipality_idx ON appeals (municipality_id)`,
  `CREATE INDEX appeals_segment_idx ON appeals (road_segment_id) WHERE road_segment_id IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'appeals',
    'import_rejects',
    'import_jobs',
    'problems',
    'addresses',
    'service_points',
    'repair_plans',
    'road_segments',
    'agencies',
    'boundaries',
    'topics',
    'sources',
  ]) {
    await sql.raw(`DROP TABLE IF EXISTS ${t} CASCADE`).execute(db);
  }
  await sql.raw('DROP FUNCTION IF EXISTS h3_parent(bigint, int)').execute(db);
}
