import { sql } from 'kysely';
import type { Session } from '../client';
import type { AppealFilter } from '../../lib/domain/filters';
import { appealFilterSql } from '../sql/appealFilter';
import { runSql } from '../sql/builder';

/* Server-only. The road statistics' two reads: the data's last day, and the per-segment statistics. */

/**
 * The day (UTC, YYYY-MM-DD) of the newest road appeal snapped to a segment, never after today (null when none), and
 * whether any service point of `facilityKinds` is loaded.
 */
export async function roadAppealsLastDay(
  s: Session,
  facilityKinds: readonly string[],
): Promise<{ last: string | null; fac: boolean } | undefined> {
  const [r] = await runSql<{ last: string | null; fac: boolean }>(
    s,
    sql`SELECT to_char(least(max(created_at), now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS last,
            EXISTS (SELECT 1 FROM service_points WHERE kind = ANY(${facilityKinds}::text[])) AS fac
     FROM appeals WHERE topic = 'roads' AND road_segment_id IS NOT NULL`,
  );
  return r;
}

export interface SegmentStatsRow {
  id: number;
  external_id: string;
  name: string | null;
  owner: string | null;
  road_class: string | null;
  rating: number | null;
  length_m: number;
  complaints: number;
  citizens: number;
  last90: number;
  prev90: number;
  facilities: number;
  active_status: 'planned' | 'in_progress' | null;
  active_year: number | null;
  active_work: string | null;
  done_at: string | null;
  warranty_until: string | null;
  done_work: string | null;
  since_repair: number;
  thanks: number;
}

export interface SegmentStatsQuery {
  /** Only segments of this owner; null for every owner. */
  owner: string | null;
  /** Only this segment; null for all. */
  segmentId: number | null;
  /** Appeals that pass it (its dates are not read: the period is asOf/from). */
  filter: AppealFilter;
  asOf: string;
  from: string;
  /** Count the facilities of `facilityKinds` within `facilityRadiusM` of each segment. */
  facilities: boolean;
  facilityKinds: readonly string[];
  facilityRadiusM: number;
}

/**
 * Per segment (by id): counts of its snapped appeals that pass the filter — complaints and distinct citizens in
 * [from, asOf], complaints in the 90 days up to asOf and the 90 before, complaints and thanks since its last repair —,
 * nearby facilities, its active plan and its last completed repair.
 */
export async function segmentStatsRows(s: Session, q: SegmentStatsQuery): Promise<SegmentStatsRow[]> {
  const asOf = sql`${q.asOf}::date`;
  const from = sql`${q.from}::date`;
  const radius = sql.lit(q.facilityRadiusM);
  return runSql<SegmentStatsRow>(
    s,
    sql`WITH seg AS (
       SELECT id, external_id, name, owner, road_class, rating, length_m, geom FROM road_segments
       WHERE (${q.owner}::text IS NULL OR owner = ${q.owner}) AND (${q.segmentId}::int IS NULL OR id = ${q.segmentId})
     ), active AS (
       SELECT DISTINCT ON (segment_id) segment_id, status, year, work_type FROM repair_plans
       WHERE status IN ('planned', 'in_progress') AND segment_id IN (SELECT id FROM seg)
       ORDER BY segment_id, (status = 'in_progress') DESC, year DESC NULLS LAST, id DESC
     ), done AS (
       SELECT DISTINCT ON (segment_id) segment_id, completed_at, warranty_until, work_type FROM repair_plans
       WHERE status = 'done' AND completed_at IS NOT NULL AND segment_id IN (SELECT id FROM seg)
       ORDER BY segment_id, completed_at DESC, id DESC
     ), ap AS (
       SELECT a.road_segment_id AS sid, a.created_at, a.is_gratitude, a.author_pseudonym FROM appeals a
       WHERE a.road_segment_id IN (SELECT id FROM seg) AND a.created_at < ${asOf} + 1 AND ${appealFilterSql(q.filter)}
     ), agg AS (
       SELECT ap.sid,
         count(*) FILTER (WHERE NOT is_gratitude AND created_at >= ${from}) AS complaints,
         count(DISTINCT author_pseudonym) FILTER (WHERE NOT is_gratitude AND created_at >= ${from}) AS citizens,
         count(*) FILTER (WHERE NOT is_gratitude AND created_at >= ${asOf} - 89) AS last90,
         count(*) FILTER (WHERE NOT is_gratitude AND created_at >= ${asOf} - 179 AND created_at < ${asOf} - 89) AS prev90,
         count(*) FILTER (WHERE NOT is_gratitude AND created_at >= d.completed_at + 1) AS since_repair,
         count(*) FILTER (WHERE is_gratitude AND created_at >= d.completed_at + 1) AS thanks
       FROM ap LEFT JOIN done d ON d.segment_id = ap.sid GROUP BY ap.sid
     )
     SELECT seg.id, seg.external_id, seg.name, seg.owner, seg.road_class, seg.rating, seg.length_m,
       coalesce(agg.complaints, 0) AS complaints, coalesce(agg.citizens, 0) AS citizens,
       coalesce(agg.last90, 0) AS last90, coalesce(agg.prev90, 0) AS prev90,
       coalesce(agg.since_repair, 0) AS since_repair, coalesce(agg.thanks, 0) AS thanks,
       CASE WHEN ${q.facilities}::boolean THEN (SELECT count(*) FROM service_points p
         WHERE p.kind = ANY(${q.facilityKinds}::text[]) AND p.geom && ST_Expand(seg.geom, ${radius} / 70000.0)
           AND ST_DWithin(p.geom::geography, seg.geom::geography, ${radius})) ELSE 0 END AS facilities,
       active.status AS active_status, active.year AS active_year, active.work_type AS active_work,
       to_char(done.completed_at, 'YYYY-MM-DD') AS done_at, to_char(done.warranty_until, 'YYYY-MM-DD') AS warranty_until,
       done.work_type AS done_work
     FROM seg LEFT JOIN agg ON agg.sid = seg.id LEFT JOIN active ON active.segment_id = seg.id
     LEFT JOIN done ON done.segment_id = seg.id
     ORDER BY seg.id`,
  );
}
