import { sql, type Kysely } from 'kysely';

/*
 * Service points as an import target (where each location came from, the raw record, the job that wrote it) and
 * the public "report a mistake" inbox. Reports hold no personal data by design: no name, contact or IP address is
 * asked for or stored; staff read them on /points/reports.
 */
const statements = [
  `ALTER TABLE service_points ADD COLUMN location_source text NOT NULL DEFAULT 'source'
     CHECK (location_source IN ('source', 'geocoded'))`,
  `ALTER TABLE service_points ADD COLUMN geocode_confidence real`,
  `ALTER TABLE service_points ADD COLUMN raw jsonb`,
  `ALTER TABLE service_points ADD COLUMN import_job_id bigint REFERENCES import_jobs(id) ON DELETE SET NULL`,
  `ALTER TABLE service_points ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`,
  `CREATE INDEX service_points_kind_idx ON service_points (kind)`,

  `CREATE TABLE point_reports (
     id bigserial PRIMARY KEY,
     point_id int NOT NULL REFERENCES service_points(id) ON DELETE CASCADE,
     reason text NOT NULL CHECK (reason IN ('wrong_hours', 'closed', 'wrong_location', 'wrong_phone', 'no_vaccine', 'other')),
     comment text CHECK (char_length(comment) <= 1000),
     lang text NOT NULL DEFAULT 'ru',
     status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'resolved')),
     created_at timestamptz NOT NULL DEFAULT now(),
     resolved_at timestamptz
   )`,
  `CREATE INDEX point_reports_created_idx ON point_reports (created_at DESC)`,
  `CREATE INDEX point_reports_point_idx ON point_reports (point_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS point_reports').execute(db);
  await sql.raw('DROP INDEX IF EXISTS service_points_kind_idx').execute(db);
  for (const c of ['location_source', 'geocode_confidence', 'raw', 'import_job_id', 'updated_at']) {
    await sql.raw(`ALTER TABLE service_points DROP COLUMN IF EXISTS ${c}`).execute(db);
  }
}
