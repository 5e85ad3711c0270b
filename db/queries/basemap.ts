import { sql, type RawBuilder } from 'kysely';
import { EXTENT, type TileCoord } from '../../lib/aggregate/tiles/geometry';
import type { Session } from '../client';
import { runSql } from '../sql/builder';
import { asMvt, asMvtGeom, envelope4326, mvtBytes } from '../sql/mvt';

/*
 * Server-only. The layers of the basemap tiles (lib/aggregate/basemap/tiles.ts) from our own tables, never from
 * appeals: these tiles are public. `box` is the tile's [w, s, e, n] in degrees with the buffer; the zoom and the
 * simplification tolerance are literals, so each zoom's query is planned for what it reads.
 */

export type BasemapLayerName = 'boundary' | 'place' | 'transportation' | 'transportation_name' | 'housenumber';

interface LayerSql {
  columns: RawBuilder<unknown>;
  geom: RawBuilder<unknown>;
  from: RawBuilder<unknown>;
}

// OpenMapTiles' road classes (the style reads them); our residential streets are its 'minor'.
const ROAD_CLASS = sql`CASE s.road_class WHEN 'residential' THEN 'minor' WHEN 'service' THEN 'service'
  WHEN 'motorway' THEN 'motorway' WHEN 'trunk' THEN 'trunk' WHEN 'primary' THEN 'primary'
  WHEN 'secondary' THEN 'secondary' WHEN 'tertiary' THEN 'tertiary' ELSE 'minor' END`;

function layerSql(name: BasemapLayerName, zoom: number, box: readonly number[]): LayerSql {
  const z = sql.lit(zoom);
  // A tile unit in degrees: finer detail than that is invisible (and ST_AsMVTGeom would snap it away anyway).
  const tol = sql.lit(360 / 2 ** zoom / EXTENT);
  const BOX = envelope4326(box);
  // Below z12 only the main roads: a whole town's streets would be a grey smear.
  const roads = sql`FROM road_segments s WHERE s.geom && ${BOX} AND (${z} >= 12 OR s.road_class IN ('motorway', 'trunk', 'primary', 'secondary'))`;
  switch (name) {
    case 'boundary':
      return {
        columns: sql`CASE b.level WHEN 'region' THEN 4 ELSE 6 END AS admin_level`,
        geom: sql`ST_Boundary(ST_SimplifyPreserveTopology(b.geom, ${tol}))`,
        from: sql`FROM boundaries b WHERE b.geom && ${BOX} AND (b.level = 'region' OR ${z} >= 6)`,
      };
    case 'place':
      return {
        columns: sql`p.name, p.class`,
        geom: sql`p.geom`,
        // Municipality names stand at a point inside them, except where a settlement of that name labels the place.
        from: sql`FROM (
        SELECT s.name, s.kind AS class, s.geom FROM settlements s
        WHERE s.geom && ${BOX} AND (s.kind = 'city' OR ${z} >= 6) AND (s.kind <> 'village' OR ${z} >= 9)
        UNION ALL
        SELECT b.name, 'county', ST_PointOnSurface(b.geom) FROM boundaries b
        WHERE ${z} BETWEEN 6 AND 10 AND b.level = 'municipality' AND b.geom && ${BOX}
          AND NOT EXISTS (SELECT 1 FROM settlements s WHERE s.name = b.name)
      ) p WHERE p.geom && ${BOX}`,
      };
    case 'transportation':
      return {
        columns: sql`${ROAD_CLASS} AS class`,
        geom: sql`ST_SimplifyPreserveTopology(s.geom, ${tol})`,
        from: roads,
      };
    case 'transportation_name':
      return {
        columns: sql`${ROAD_CLASS} AS class, s.name`,
        geom: sql`s.geom`,
        from: sql`${roads} AND s.name IS NOT NULL`,
      };
    case 'housenumber':
      return {
        columns: sql`a.house AS housenumber`,
        geom: sql`a.geom`,
        from: sql`FROM addresses a WHERE a.geom && ${BOX} AND a.house IS NOT NULL AND a.house <> ''`,
      };
  }
}

/** One basemap layer of tile `t` encoded by ST_AsMVT. */
export async function basemapLayerMvt(s: Session, name: BasemapLayerName, t: TileCoord, box: readonly number[]) {
  const l = layerSql(name, t.z, box);
  const rows = sql`SELECT ${l.columns}, ${asMvtGeom(l.geom, t)} AS geom ${l.from}`;
  const [r] = await runSql(s, asMvt(rows, { alias: 'q', layer: name, dropEmpty: true }));
  return mvtBytes(r);
}

/** The same layer as rows with their GeoJSON geometry (`g`), for the JavaScript encoder. */
export function basemapLayerRows(s: Session, name: BasemapLayerName, t: TileCoord, box: readonly number[]) {
  const l = layerSql(name, t.z, box);
  return runSql<Record<string, unknown> & { g: string }>(
    s,
    sql`SELECT ${l.columns}, ST_AsGeoJSON(${l.geom}) AS g ${l.from}`,
  );
}

/** Whether the tables hold the demo's data (its roads source). */
export async function hasDemoRoads(s: Session): Promise<boolean> {
  const rows = await runSql<{ n: number }>(s, sql`SELECT 1 AS n FROM sources WHERE code = 'demo_roads' LIMIT 1`);
  return rows.length > 0;
}
