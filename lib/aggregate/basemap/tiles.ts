import type { Feature, Geometry } from 'geojson';
import type { Database } from '../../../db';
import { encodeGeojsonTile } from '../tiles/encode';
import { BUFFER, EXTENT, tileBounds, type TileCoord } from '../tiles/geometry';

/** Our tables give street detail up to z16; MapLibre overzooms beyond. */
export const BASEMAP_MAX_ZOOM = 16;
/** From this zoom the tiles carry house numbers from the gazetteer. */
export const HOUSENUMBER_ZOOM = 16;

/**
 * One basemap layer: columns (never from appeals: these tiles are public) and a geometry expression over `$1..$4`
 * (the tile's box in degrees, with the buffer).
 */
interface LayerSql {
  name: string;
  columns: string;
  geom: string;
  from: string;
}

// OpenMapTiles' road classes (the style reads them); our residential streets are its 'minor'.
const ROAD_CLASS = `CASE s.road_class WHEN 'residential' THEN 'minor' WHEN 'service' THEN 'service'
  WHEN 'motorway' THEN 'motorway' WHEN 'trunk' THEN 'trunk' WHEN 'primary' THEN 'primary'
  WHEN 'secondary' THEN 'secondary' WHEN 'tertiary' THEN 'tertiary' ELSE 'minor' END`;
const BOX = 'ST_MakeEnvelope($1, $2, $3, $4, 4326)';

function layersFor(z: number): LayerSql[] {
  // A tile unit in degrees: finer detail than that is invisible (and ST_AsMVTGeom would snap it away anyway).
  const tol = 360 / 2 ** z / EXTENT;
  const out: LayerSql[] = [{
    name: 'boundary',
    columns: `CASE b.level WHEN 'region' THEN 4 ELSE 6 END AS admin_level`,
    geom: `ST_Boundary(ST_SimplifyPreserveTopology(b.geom, ${tol}))`,
    from: `FROM boundaries b WHERE b.geom && ${BOX} AND (b.level = 'region' OR ${z} >= 6)`,
  }, {
    name: 'place',
    columns: `p.name, p.class`,
    geom: 'p.geom',
    // Municipality names stand at a point inside them, except where a settlement of that name labels the place.
    from: `FROM (
        SELECT s.name, s.kind AS class, s.geom FROM settlements s
        WHERE s.geom && ${BOX} AND (s.kind = 'city' OR ${z} >= 6) AND (s.kind <> 'village' OR ${z} >= 9)
        UNION ALL
        SELECT b.name, 'county', ST_PointOnSurface(b.geom) FROM boundaries b
        WHERE ${z} BETWEEN 6 AND 10 AND b.level = 'municipality' AND b.geom && ${BOX}
          AND NOT EXISTS (SELECT 1 FROM settlements s WHERE s.name = b.name)
      ) p WHERE p.geom && ${BOX}`,
  }];
  if (z >= 9) {
    // Below z12 only the main roads: a whole town's streets would be a grey smear.
    const roads = `FROM road_segments s WHERE s.geom && ${BOX} AND (${z} >= 12 OR s.road_class IN ('motorway', 'trunk', 'primary', 'secondary'))`;
    out.push({ name: 'transportation', columns: `${ROAD_CLASS} AS class`, geom: `ST_SimplifyPreserveTopology(s.geom, ${tol})`, from: roads });
    if (z >= 13) {
      out.push({ name: 'transportation_name', columns: `${ROAD_CLASS} AS class, s.name`, geom: 's.geom', from: `${roads} AND s.name IS NOT NULL` });
    }
  }
  if (z >= HOUSENUMBER_ZOOM) {
    out.push({
      name: 'housenumber', columns: 'a.house AS housenumber', geom: 'a.geom',
      from: `FROM addresses a WHERE a.geom && ${BOX} AND a.house IS NOT NULL AND a.house <> ''`,
    });
  }
  return out;
}

async function layerTile(db: Database, l: LayerSql, t: TileCoord, params: unknown[]): Promise<Uint8Array> {
  if (db.kind === 'postgres') {
    const [r] = await db.query<{ mvt: Buffer | null }>(
      `SELECT ST_AsMVT(q, '${l.name}', ${EXTENT}, 'geom') AS mvt FROM (
         SELECT ${l.columns}, ST_AsMVTGeom(ST_Transform(${l.geom}, 3857), ST_TileEnvelope($5, $6, $7), ${EXTENT}, ${BUFFER}, true) AS geom
         ${l.from}) q WHERE q.geom IS NOT NULL`,
      [...params, t.z, t.x, t.y],
    );
    return r?.mvt ? new Uint8Array(r.mvt) : new Uint8Array(0);
  }
  const rows = await db.query<Record<string, unknown> & { g: string }>(
    `SELECT ${l.columns}, ST_AsGeoJSON(${l.geom}) AS g ${l.from}`, params);
  const features: Feature[] = rows.map(({ g, ...props }) => ({ type: 'Feature', geometry: JSON.parse(g) as Geometry, properties: props }));
  return encodeGeojsonTile(l.name, features, t);
}

/**
 * One basemap tile from our own tables: boundaries, settlement and municipality names, roads with names and (from
 * z16) house numbers. MVT layers are a repeated field, so the per-layer encodings concatenate into one tile.
 */
export async function basemapTile(db: Database, t: TileCoord): Promise<Uint8Array> {
  const params = tileBounds(t, BUFFER / EXTENT);
  const parts: Uint8Array[] = [];
  for (const l of layersFor(t.z)) parts.push(await layerTile(db, l, t, params));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
