import type { Database } from '../../db';

/** Boundaries as GeoJSON, simplified for display (about 50 m), with code, name and level only. */
export async function boundariesGeoJson(db: Database, level: 'region' | 'municipality'): Promise<string> {
  const [r] = await db.query<{ fc: string }>(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
        'type', 'Feature',
        'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.0005), 5)::json,
        'properties', json_build_object('code', code, 'name', name, 'level', level)) ORDER BY code), '[]'::json))::text AS fc
     FROM boundaries WHERE level = $1`, [level]);
  return r.fc;
}
