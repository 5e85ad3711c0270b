import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';
import { boundaryAtSql } from '../sql/boundaryAt';

/* Server-only. The service points' staging table and its merge. */

/** Columns of the point staging table, in COPY order. */
export const POINT_STAGE_COLUMNS = [
  'row_number',
  'external_id',
  'kind',
  'name',
  'address',
  'phone',
  'url',
  'walk_in',
  'appointments',
  'accessible',
  'vaccines',
  'hours',
  'timezone',
  'verified_at',
  'lat',
  'lon',
  'location_source',
  'geocode_confidence',
  'raw',
  'content_hash',
] as const;

export async function createPointStage(s: Session): Promise<void> {
  await s.query(`CREATE TEMP TABLE point_stage (
    row_number int NOT NULL, external_id text NOT NULL, kind text NOT NULL, name text NOT NULL, address text,
    phone text, url text, walk_in boolean, appointments boolean, accessible boolean, vaccines jsonb NOT NULL,
    hours jsonb NOT NULL, timezone text NOT NULL, verified_at timestamptz, lat float8 NOT NULL, lon float8 NOT NULL,
    location_source text NOT NULL, geocode_confidence real, raw jsonb NOT NULL, content_hash text NOT NULL
  ) ON COMMIT DROP`);
  await s.query(`CREATE TEMP TABLE point_touched (id int PRIMARY KEY, inserted boolean NOT NULL) ON COMMIT DROP`);
}

/**
 * Upserts the staged points by (source, external id); a point whose content hash is unchanged is not touched.
 * Then each touched point learns its region from the boundaries it lies in.
 */
export async function mergePointStage(
  s: Session,
  sourceId: number,
  jobId: number,
): Promise<{ inserted: number; updated: number }> {
  await runSql(
    s,
    sql`WITH up AS (
       INSERT INTO service_points AS p (source_id, external_id, kind, name, address, phone, url, walk_in, appointments,
         accessible, vaccines, hours, timezone, verified_at, geom, location_source, geocode_confidence, raw,
         content_hash, import_job_id)
       SELECT ${sourceId}, s.external_id, s.kind, s.name, s.address, s.phone, s.url, s.walk_in, s.appointments, s.accessible,
         ARRAY(SELECT jsonb_array_elements_text(s.vaccines)), s.hours, s.timezone, s.verified_at,
         ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326), s.location_source, s.geocode_confidence, s.raw,
         s.content_hash, ${jobId}
       FROM point_stage s
       ON CONFLICT (source_id, external_id) DO UPDATE SET
         kind = excluded.kind, name = excluded.name, address = excluded.address, phone = excluded.phone,
         url = excluded.url, walk_in = excluded.walk_in, appointments = excluded.appointments,
         accessible = excluded.accessible, vaccines = excluded.vaccines, hours = excluded.hours,
         timezone = excluded.timezone, verified_at = excluded.verified_at, geom = excluded.geom,
         location_source = excluded.location_source, geocode_confidence = excluded.geocode_confidence,
         raw = excluded.raw, content_hash = excluded.content_hash, import_job_id = excluded.import_job_id,
         updated_at = now()
       WHERE p.content_hash IS DISTINCT FROM excluded.content_hash
       RETURNING p.id, (xmax = 0) AS inserted
     )
     INSERT INTO point_touched (id, inserted) SELECT id, inserted FROM up`,
  );
  await runSql(
    s,
    sql`UPDATE service_points p SET region_id =
      ${sql.raw(boundaryAtSql('region', 'p.geom'))}
    WHERE p.id IN (SELECT id FROM point_touched)`,
  );
  const [c] = await runSql<{ ins: number; upd: number }>(
    s,
    sql`SELECT count(*) FILTER (WHERE inserted) AS ins, count(*) FILTER (WHERE NOT inserted) AS upd FROM point_touched`,
  );
  return { inserted: Number(c!.ins), updated: Number(c!.upd) };
}
