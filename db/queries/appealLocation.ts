import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';

/* Server-only. An appeal placed by hand (lib/store/appealLocation.ts). */

/** An appeal's place as stored, with its source's code. */
export interface StoredPlace {
  id: number;
  lat: number | null;
  lon: number | null;
  level: string;
  h3: string | null;
  municipality_id: number | null;
  road_segment_id: number | null;
  problem_id: number | null;
  source: string;
}

/** Appeal `id`'s place; `lock`: FOR UPDATE of the appeal (inside a transaction). */
export async function readPlace(s: Session, id: number, lock = false): Promise<StoredPlace | undefined> {
  const [r] = await runSql<StoredPlace>(
    s,
    sql`SELECT a.id, ST_Y(a.geom) AS lat, ST_X(a.geom) AS lon, a.geocode_level AS level, a.h3::text AS h3,
  a.municipality_id, a.road_segment_id, a.problem_id, s.code AS source
  FROM appeals a JOIN sources s ON s.id = a.source_id WHERE a.id = ${id}${sql.raw(lock ? ' FOR UPDATE OF a' : '')}`,
  );
  return r;
}

/** Writes the point a person chose: location_source 'manual', its level, its stored cell (decimal text); no geocoder confidence. */
export async function writeManualPlace(
  s: Session,
  id: number,
  p: { lat: number; lon: number; level: string; h3: string },
): Promise<void> {
  await runSql(
    s,
    sql`UPDATE appeals SET geom = ST_SetSRID(ST_MakePoint(${p.lon}, ${p.lat}), 4326), h3 = ${p.h3}::bigint,
        location_source = 'manual', geocode_level = ${p.level}, geocode_confidence = NULL WHERE id = ${id}`,
  );
}

/** What the place decided after the recomputation: municipality, road segment, problem. */
export async function placeOutcome(
  s: Session,
  id: number,
): Promise<
  | {
      municipality_id: number | null;
      road_segment_id: number | null;
      problem_id: number | null;
      municipality: string | null;
    }
  | undefined
> {
  const [r] = await runSql<{
    municipality_id: number | null;
    road_segment_id: number | null;
    problem_id: number | null;
    municipality: string | null;
  }>(
    s,
    sql`SELECT a.municipality_id, a.road_segment_id, a.problem_id, m.name AS municipality
       FROM appeals a LEFT JOIN boundaries m ON m.id = a.municipality_id WHERE a.id = ${id}`,
  );
  return r;
}
