import type { Session } from '../../db';
import type { AppealFilter } from '../domain/filters';
import type { SegmentStats } from '../roads/types';
import { appealWhere } from './appealFilterSql';

/** Service point kinds that make a road matter more; points of these kinds are the optional facility layers. */
export const FACILITY_KINDS = ['school', 'kindergarten', 'hospital', 'clinic', 'polyclinic', 'stop', 'bus_stop'] as const;
export const FACILITY_RADIUS_M = 150;

export interface StatsScope {
  /** Only segments of this owner (a road agency's own); null for every owner. */
  owner: string | null;
  filter: AppealFilter;
  /** Only this segment (the detail view). */
  segmentId?: number;
}

export interface StatsWindow {
  asOf: string;
  from: string;
  facilities: boolean;
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The as-of day and the period: `to` when the filter has one, else the newest road appeal (never after today), so a
 * dataset that ends last month still has a "last 90 days". The period starts at `from`, else 365 days before.
 */
export async function statsWindow(s: Session, f: AppealFilter): Promise<StatsWindow> {
  const [r] = await s.query<{ last: string | null; fac: boolean }>(
    `SELECT to_char(least(max(created_at), now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS last,
            EXISTS (SELECT 1 FROM service_points WHERE kind = ANY($1::text[])) AS fac
     FROM appeals WHERE topic = 'roads' AND road_segment_id IS NOT NULL`,
    [FACILITY_KINDS],
  );
  const asOf = f.to ?? r?.last ?? isoDay(Date.now());
  const from = f.from ?? isoDay(Date.parse(asOf) - 364 * DAY);
  return { asOf, from, facilities: Boolean(r?.fac) };
}

interface Row {
  id: number; external_id: string; name: string | null; owner: string | null; road_class: string | null; rating: number | null;
  length_m: number; complaints: number; citizens: number; last90: number; prev90: number; facilities: number;
  active_status: 'planned' | 'in_progress' | null; active_year: number | null; active_work: string | null;
  done_at: string | null; warranty_until: string | null; done_work: string | null; since_repair: number; thanks: number;
}

/**
 * Per-segment statistics of road appeals snapped to each segment (appeals.road_segment_id, written at import and by
 * `pmap enrich`). The map's filters apply (channel, status, municipality); the topic is always roads. Complaints are
 * appeals that are not thanks; the period is [from, asOf]; the trend compares the 90 days up to asOf with the 90 before.
 */
export async function segmentStats(s: Session, scope: StatsScope, win: StatsWindow): Promise<SegmentStats[]> {
  const base = appealWhere({ ...scope.filter, topic: ['roads'], from: undefined, to: undefined, gratitude: 'include' }, 6);
  const rows = await s.query<Row>(
    `WITH seg AS (
       SELECT id, external_id, name, owner, road_class, rating, length_m, geom FROM road_segments
       WHERE ($1::text IS NULL OR owner = $1) AND ($2::int IS NULL OR id = $2)
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
       WHERE a.road_segment_id IN (SELECT id FROM seg) AND a.created_at < $3::date + 1 AND ${base.sql}
     ), agg AS (
       SELECT ap.sid,
         count(*) FILTER (WHERE NOT is_gratitude AND created_at >= $4::date) AS complaints,
         count(DISTINCT author_pseudonym) FILTER (WHERE NOT is_gratitude AND created_at >= $4::date) AS citizens,
         count(*) FILTER (WHERE NOT is_gratitude AND created_at >= $3::date - 89) AS last90,
         count(*) FILTER (WHERE NOT is_gratitude AND created_at >= $3::date - 179 AND created_at < $3::date - 89) AS prev90,
         count(*) FILTER (WHERE NOT is_gratitude AND created_at >= d.completed_at + 1) AS since_repair,
         count(*) FILTER (WHERE is_gratitude AND created_at >= d.completed_at + 1) AS thanks
       FROM ap LEFT JOIN done d ON d.segment_id = ap.sid GROUP BY ap.sid
     )
     SELECT seg.id, seg.external_id, seg.name, seg.owner, seg.road_class, seg.rating, seg.length_m,
       coalesce(agg.complaints, 0) AS complaints, coalesce(agg.citizens, 0) AS citizens,
       coalesce(agg.last90, 0) AS last90, coalesce(agg.prev90, 0) AS prev90,
       coalesce(agg.since_repair, 0) AS since_repair, coalesce(agg.thanks, 0) AS thanks,
       CASE WHEN $5::boolean THEN (SELECT count(*) FROM service_points p
         WHERE p.kind = ANY($6::text[]) AND p.geom && ST_Expand(seg.geom, ${FACILITY_RADIUS_M} / 70000.0)
           AND ST_DWithin(p.geom::geography, seg.geom::geography, ${FACILITY_RADIUS_M})) ELSE 0 END AS facilities,
       active.status AS active_status, active.year AS active_year, active.work_type AS active_work,
       to_char(done.completed_at, 'YYYY-MM-DD') AS done_at, to_char(done.warranty_until, 'YYYY-MM-DD') AS warranty_until,
       done.work_type AS done_work
     FROM seg LEFT JOIN agg ON agg.sid = seg.id LEFT JOIN active ON active.segment_id = seg.id
     LEFT JOIN done ON done.segment_id = seg.id
     ORDER BY seg.id`,
    [scope.owner, scope.segmentId ?? null, win.asOf, win.from, win.facilities, FACILITY_KINDS, ...base.params],
  );
  return rows.map((r) => ({
    id: r.id,
    externalId: r.external_id,
    name: r.name,
    owner: r.owner,
    roadClass: r.road_class,
    rating: r.rating === null ? null : Number(r.rating),
    lengthM: Number(r.length_m),
    complaints: Number(r.complaints),
    citizens: Number(r.citizens),
    last90: Number(r.last90),
    prev90: Number(r.prev90),
    facilities: Number(r.facilities),
    activePlan: r.active_status ? { status: r.active_status, year: r.active_year, workType: r.active_work } : null,
    lastRepair: r.done_at ? { completedAt: r.done_at, warrantyUntil: r.warranty_until, workType: r.done_work } : null,
    complaintsSinceRepair: Number(r.since_repair),
    thanksAfterRepair: Number(r.thanks),
  }));
}
