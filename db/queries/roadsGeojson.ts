import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';

/*
 * Server-only. The road segments as one GeoJSON FeatureCollection page for scripts (app/api/roads/geojson), built by
 * the database: lines simplified to about 1 m, 6 decimals, by id.
 */

export interface RoadsGeojsonWhere {
  /** One road agency's segments; null: all. */
  owner: string | null;
  ids: readonly number[] | null;
  /** [w, s, e, n] in degrees; null: anywhere. */
  bbox: readonly number[] | null;
}

/** One page of segments (`fc`) and how many match in all (`n`). */
export async function roadsGeojsonPage(s: Session, w: RoadsGeojsonWhere, page: { limit: number; offset: number }) {
  const b = w.bbox;
  const where = sql`(${w.owner}::text IS NULL OR owner = ${w.owner}) AND (${w.ids}::int[] IS NULL OR id = ANY(${w.ids}::int[]))
    AND (${b?.[0] ?? null}::float8 IS NULL OR geom && ST_MakeEnvelope(${b?.[0] ?? null}, ${b?.[1] ?? null}, ${b?.[2] ?? null}, ${b?.[3] ?? null}, 4326))`;
  const [r] = await runSql<{ fc: { features: unknown[] } & Record<string, unknown>; n: number }>(
    s,
    sql`SELECT (SELECT count(*)::int FROM road_segments WHERE ${where}) AS n,
       json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
       'type', 'Feature', 'id', id,
       'properties', json_build_object('id', id, 'external_id', external_id, 'name', name, 'owner', owner),
       'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.00001), 6)::json) ORDER BY id), '[]'::json)) AS fc
     FROM (SELECT * FROM road_segments WHERE ${where} ORDER BY id LIMIT ${page.limit} OFFSET ${page.offset}) s`,
  );
  return r!;
}
