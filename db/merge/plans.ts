import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';

/* Server-only. The repair plans' staging table, the join of each plan to its road segment, and the merge. */

/** Columns of the plan staging table, in COPY order. */
export const PLAN_STAGE_COLUMNS = [
  'row_number',
  'external_id',
  'segment_ref',
  'geojson',
  'year',
  'status',
  'work_type',
  'completed_at',
  'warranty_until',
  'raw',
  'content_hash',
] as const;

export async function createPlanStage(s: Session): Promise<void> {
  await s.query(`CREATE TEMP TABLE plan_import_stage (
    row_number int NOT NULL, external_id text NOT NULL, segment_ref text, geojson text, year int, status text NOT NULL,
    work_type text, completed_at date, warranty_until date, raw jsonb NOT NULL, content_hash text NOT NULL,
    segment_id int, join_problem text
  ) ON COMMIT DROP`);
  await s.query(`CREATE TEMP TABLE plan_touched (id int PRIMARY KEY, inserted boolean NOT NULL) ON COMMIT DROP`);
}

/**
 * Finds each staged plan's segment. By id: the segment with that external id (in `segmentSource` when given; an id
 * that several loaded networks share is ambiguous). By geometry: among segments within `maxM` metres, the one that
 * shares the most length with the plan's line (within `maxM` of it), at least half of the shorter of the two; a
 * point plan takes the nearest segment. Rows left without a segment are removed from the stage and returned.
 */
export async function joinPlanSegments(
  s: Session,
  segmentSource: string | null,
  maxM: number,
): Promise<{ row: number; reason: string; raw: Record<string, unknown> }[]> {
  const src = sql`${segmentSource}::text`;
  await runSql(
    s,
    sql`UPDATE plan_import_stage st SET
       segment_id = CASE WHEN m.n = 1 THEN m.id END,
       join_problem = CASE WHEN m.n = 0 THEN 'no road segment has the id "' || st.segment_ref || '"' ||
                                                 CASE WHEN ${src} IS NOT NULL THEN ' in the network "' || ${src} || '"' ELSE '' END
                           WHEN m.n > 1 THEN 'the segment id "' || st.segment_ref || '" exists in ' || m.n ||
                                             ' road networks: set "segment_source" in the mapping' END
     FROM (SELECT st2.row_number, count(r.id) AS n, min(r.id) AS id
           FROM plan_import_stage st2
           LEFT JOIN road_segments r ON r.external_id = st2.segment_ref
             AND (${src} IS NULL OR r.source_id = (SELECT id FROM sources WHERE code = ${src}))
           WHERE st2.segment_ref IS NOT NULL GROUP BY st2.row_number) m
     WHERE m.row_number = st.row_number`,
  );
  const m = sql`${maxM}::float8`;
  await runSql(
    s,
    sql`WITH plan AS (
       SELECT st.row_number, ST_SetSRID(ST_GeomFromGeoJSON(st.geojson), 4326) AS g FROM plan_import_stage st
       WHERE st.segment_ref IS NULL AND st.geojson IS NOT NULL
     ), cand AS (
       SELECT p.row_number, r.id, ST_Distance(r.geom::geography, p.g::geography) AS d,
         CASE WHEN GeometryType(p.g) = 'POINT' THEN NULL
              ELSE ST_Length(ST_Intersection(r.geom, ST_Buffer(p.g::geography, ${m})::geometry)::geography) END AS shared,
         r.length_m, ST_Length(p.g::geography) AS plan_m
       FROM plan p JOIN road_segments r
         ON r.geom && ST_Expand(p.g, ${m} / 70000.0) AND ST_DWithin(r.geom::geography, p.g::geography, ${m})
     ), best AS (
       SELECT DISTINCT ON (row_number) row_number, id FROM cand
       WHERE shared IS NULL OR shared >= 0.5 * least(length_m, plan_m)
       ORDER BY row_number, shared DESC NULLS LAST, d, id
     )
     UPDATE plan_import_stage st SET segment_id = best.id FROM best WHERE best.row_number = st.row_number`,
  );
  const rows = await runSql<{ row_number: number; reason: string; raw: Record<string, unknown> }>(
    s,
    sql`DELETE FROM plan_import_stage WHERE segment_id IS NULL
     RETURNING row_number, coalesce(join_problem, 'no road segment lies along the plan''s geometry (within ' || ${maxM} || ' m)') AS reason, raw`,
  );
  return rows.map((r) => ({ row: r.row_number, reason: r.reason, raw: r.raw }));
}

/** How many of the joined plans were joined by segment id and how many by geometry. */
export async function planJoinCounts(s: Session): Promise<{ byId: number; byGeometry: number }> {
  const [j] = await runSql<{ by_id: number; by_geom: number }>(
    s,
    sql`SELECT count(*) FILTER (WHERE segment_ref IS NOT NULL) AS by_id, count(*) FILTER (WHERE segment_ref IS NULL) AS by_geom FROM plan_import_stage`,
  );
  return { byId: Number(j!.by_id), byGeometry: Number(j!.by_geom) };
}

/** Upserts the joined plans by (source, external id); unchanged content (including the segment) is not touched. */
export async function mergePlanStage(s: Session, sourceId: number): Promise<{ inserted: number; updated: number }> {
  await runSql(
    s,
    sql`WITH up AS (
       INSERT INTO repair_plans AS p (source_id, external_id, segment_id, year, status, work_type, completed_at, warranty_until, geom, content_hash)
       SELECT ${sourceId}, st.external_id, st.segment_id, st.year, st.status, st.work_type, st.completed_at, st.warranty_until,
              CASE WHEN st.geojson IS NOT NULL AND st.geojson LIKE '%LineString%'
                   THEN ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(st.geojson), 4326)) END,
              st.content_hash || ':' || st.segment_id
       FROM plan_import_stage st
       ON CONFLICT (source_id, external_id) DO UPDATE SET
         segment_id = excluded.segment_id, year = excluded.year, status = excluded.status, work_type = excluded.work_type,
         completed_at = excluded.completed_at, warranty_until = excluded.warranty_until, geom = excluded.geom,
         content_hash = excluded.content_hash
       WHERE p.content_hash IS DISTINCT FROM excluded.content_hash
       RETURNING p.id, (xmax = 0) AS inserted
     )
     INSERT INTO plan_touched (id, inserted) SELECT id, inserted FROM up`,
  );
  const [c] = await runSql<{ ins: number; upd: number }>(
    s,
    sql`SELECT count(*) FILTER (WHERE inserted) AS ins, count(*) FILTER (WHERE NOT inserted) AS upd FROM plan_touched`,
  );
  return { inserted: Number(c!.ins), updated: Number(c!.upd) };
}
