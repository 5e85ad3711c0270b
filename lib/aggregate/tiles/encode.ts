import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import GeoJSONVT from 'geojson-vt';
import type { Session } from '../../../db';
import { hexagonsMvt } from '../../../db/queries/tiles';
import { BUFFER, EXTENT, type TileCoord } from './geometry';

/**
 * Encodes GeoJSON features (degrees) as one MVT layer with geojson-vt + vt-pbf: the JavaScript path for PGlite,
 * whose PostGIS lacks protobuf. The index holds only this tile's features, so building it is cheap.
 */
export function encodeGeojsonTile(layer: string, features: Feature[], { z, x, y }: TileCoord): Uint8Array {
  if (!features.length) return new Uint8Array(0);
  const fc: FeatureCollection = { type: 'FeatureCollection', features };
  const index = new GeoJSONVT(fc, { maxZoom: z, indexMaxZoom: 0, extent: EXTENT, buffer: BUFFER, tolerance: 3 });
  const tile = index.getTile(z, x, y);
  if (!tile || !tile.features.length) return new Uint8Array(0);
  // geojson-vt 5's legacy tile is the shape vt-pbf reads (its types name @maplibre/geojson-vt's copy).
  return fromGeojsonVt(
    { [layer]: tile as unknown as Parameters<typeof fromGeojsonVt>[0][string] },
    { version: 2, extent: EXTENT },
  );
}

/** Hexagons with their counts, encoded by PostGIS ST_AsMVT: the server path (the polygons come from h3-js). */
export async function encodeSqlHexagons(
  s: Session,
  layer: string,
  cells: { h3: string; count: number; polygon: Polygon }[],
  t: TileCoord,
): Promise<Uint8Array> {
  if (!cells.length) return new Uint8Array(0);
  return hexagonsMvt(s, layer, cells, t);
}
