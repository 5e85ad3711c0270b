import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';
import { boundaryAtSql } from '../sql/boundaryAt';

/* Server-only. Place names for points (hotspot cells' centres). */

export interface PointPlaceRow {
  key: string;
  municipality: string | null;
  street: string | null;
}

/**
 * For each point (`keys[i]` at `lats[i]`, `lons[i]`): the name of the municipality whose boundary covers it, and the
 * name of the nearest named road segment within `streetM` metres (a KNN search over road_segments' GiST index first,
 * then the metric cap).
 */
export async function pointPlaceRows(
  s: Session,
  keys: readonly string[],
  lats: readonly number[],
  lons: readonly number[],
  streetM: number,
): Promise<PointPlaceRow[]> {
  return runSql<PointPlaceRow>(
    s,
    sql`WITH c AS (
       SELECT h3, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS pt FROM unnest(${keys}::text[], ${lats}::float8[], ${lons}::float8[]) AS u(h3, lat, lon)
     )
     SELECT c.h3 AS key,
       ${sql.raw(boundaryAtSql('municipality', 'c.pt', 'name'))} AS municipality,
       n.name AS street
     FROM c
     -- KNN over the GiST index first, then the metric cap.
     LEFT JOIN LATERAL (SELECT r.name, r.geom FROM road_segments r WHERE r.name IS NOT NULL AND r.name <> ''
                        ORDER BY r.geom <-> c.pt LIMIT 1) n ON ST_DWithin(n.geom::geography, c.pt::geography, ${streetM})`,
  );
}
