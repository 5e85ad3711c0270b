import { sql } from 'kysely';
import type { AppealFilter } from '../../lib/domain/filters';
import type { Database } from '../client';
import { appealFilterSql } from '../sql/appealFilter';
import { runSql } from '../sql/builder';

/* Server-only. The rows of an appeals export (lib/store/exportAppeals.ts): no text, author or contacts. */

export interface AppealExportRow {
  id: number;
  source: string;
  external_id: string;
  created_at: Date;
  closed_at: Date | null;
  channel: string;
  status: string;
  topic: string;
  is_gratitude: boolean;
  lat: number | null;
  lon: number | null;
  h3: string | null;
  address: string | null;
  municipality_code: string | null;
  municipality_name: string | null;
  road_segment_id: string | null;
  road_distance_m: number | null;
  problem_id: number | null;
  geocode_confidence: number | null;
  topic_confidence: number | null;
}

/** The appeals of filter `f` with ids above `after`, in id order, at most `limit` (a keyset page). */
export async function appealExportPage(
  db: Database,
  f: AppealFilter,
  after: number,
  limit: number,
): Promise<AppealExportRow[]> {
  return runSql<AppealExportRow>(
    db,
    sql`SELECT a.id, s.code AS source, a.external_id, a.created_at, a.closed_at, a.channel, a.status, a.topic,
    a.is_gratitude, ST_Y(a.geom) AS lat, ST_X(a.geom) AS lon, to_hex(a.h3) AS h3, a.address,
    m.code AS municipality_code, m.name AS municipality_name, r.external_id AS road_segment_id,
    round(a.road_distance_m::numeric, 1) AS road_distance_m, a.problem_id,
    a.geocode_confidence, a.topic_confidence
  FROM appeals a JOIN sources s ON s.id = a.source_id
  LEFT JOIN boundaries m ON m.id = a.municipality_id
  LEFT JOIN road_segments r ON r.id = a.road_segment_id
  WHERE a.id > ${after} AND ${appealFilterSql(f)} ORDER BY a.id LIMIT ${limit}`,
  );
}
