import { sql } from 'kysely';
import type { Session } from '../client';
import type { AppealFilter } from '../../lib/domain/filters';
import { appealFilterSql } from '../sql/appealFilter';
import { qb, run, runFirst, runSql } from '../sql/builder';

/* Server-only. Reads of road segments: an owner, a segment's appeals and plans, geometries. */

/** The segment's row (its owner), or undefined when there is no such segment. */
export async function segmentOwnerRow(s: Session, id: number): Promise<{ owner: string | null } | undefined> {
  return runFirst(s, qb.selectFrom('road_segments').select('owner').where('id', '=', id));
}

export interface SegmentAppealRow {
  id: number;
  created_at: Date;
  channel: string;
  status: string;
  is_gratitude: boolean;
  text: string | null;
  address: string | null;
  d: number | null;
  total: number;
  complaints: number;
}

/**
 * Appeals snapped to the segment that pass `f`, newest first, at most `limit`, each with the count of all that
 * pass (`total`) and of those that are not thanks (`complaints`).
 */
export async function segmentAppealRows(
  s: Session,
  id: number,
  f: AppealFilter,
  limit: number,
): Promise<SegmentAppealRow[]> {
  return runSql<SegmentAppealRow>(
    s,
    sql`SELECT a.id, a.created_at, a.channel, a.status, a.is_gratitude, a.text, a.address,
            a.road_distance_m AS d, count(*) OVER () AS total,
            count(*) FILTER (WHERE NOT a.is_gratitude) OVER () AS complaints
     FROM appeals a WHERE a.road_segment_id = ${id} AND ${appealFilterSql(f)}
     ORDER BY a.created_at DESC, a.id DESC LIMIT ${limit}`,
  );
}

export interface SegmentPlanRow {
  id: number;
  code: string;
  external_id: string;
  year: number | null;
  status: string | null;
  work_type: string | null;
  completed_at: string | null;
  warranty_until: string | null;
}

/** The segment's whole plan history, the latest first; dates as YYYY-MM-DD. */
export async function segmentPlanRows(s: Session, id: number): Promise<SegmentPlanRow[]> {
  return runSql<SegmentPlanRow>(
    s,
    sql`SELECT p.id, s.code, p.external_id, p.year, p.status, p.work_type,
            to_char(p.completed_at, 'YYYY-MM-DD') AS completed_at, to_char(p.warranty_until, 'YYYY-MM-DD') AS warranty_until
     FROM repair_plans p JOIN sources s ON s.id = p.source_id WHERE p.segment_id = ${id}
     ORDER BY p.year DESC NULLS LAST, p.completed_at DESC NULLS LAST, p.id DESC`,
  );
}

/** GeoJSON text of segments' geometries, simplified to about a metre (6 decimals). */
export async function segmentGeoJson(s: Session, ids: number[]): Promise<{ id: number; g: string }[]> {
  return run(
    s,
    qb
      .selectFrom('road_segments')
      .select((eb) => ['id', eb.fn<string>('ST_AsGeoJSON', ['geom', eb.lit(6)]).as('g')])
      .where('id', '=', (eb) => eb.fn.any(sql<number[]>`${ids}::int[]`)),
  );
}
