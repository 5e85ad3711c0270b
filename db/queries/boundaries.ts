import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';

/* Server-only. Boundaries for display. */

/** Boundaries of one level as a GeoJSON FeatureCollection (text), simplified (about 50 m), with code, name and level only. */
export async function boundariesGeoJson(s: Session, level: 'region' | 'municipality'): Promise<string> {
  const [r] = await runSql<{ fc: string }>(
    s,
    sql`SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
        'type', 'Feature',
        'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.0005), 5)::json,
        'properties', json_build_object('code', code, 'name', name, 'level', level)) ORDER BY code), '[]'::json))::text AS fc
     FROM boundaries WHERE level = ${level}`,
  );
  return r.fc;
}
