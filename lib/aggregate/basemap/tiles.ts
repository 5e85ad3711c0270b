import type { Feature, Geometry } from 'geojson';
import type { Database } from '../../../db';
import { basemapLayerMvt, basemapLayerRows, type BasemapLayerName } from '../../../db/queries/basemap';
import { encodeGeojsonTile } from '../tiles/encode';
import { BUFFER, EXTENT, tileBounds, type TileCoord } from '../tiles/geometry';

/** Our tables give street detail up to z16; MapLibre overzooms beyond. */
export const BASEMAP_MAX_ZOOM = 16;
/** From this zoom the tiles carry house numbers from the gazetteer. */
export const HOUSENUMBER_ZOOM = 16;

/** The layers a tile at zoom z carries. */
function layersFor(z: number): BasemapLayerName[] {
  const out: BasemapLayerName[] = ['boundary', 'place'];
  if (z >= 9) {
    out.push('transportation');
    if (z >= 13) out.push('transportation_name');
  }
  if (z >= HOUSENUMBER_ZOOM) out.push('housenumber');
  return out;
}

async function layerTile(db: Database, name: BasemapLayerName, t: TileCoord, box: number[]): Promise<Uint8Array> {
  if (db.kind === 'postgres') return basemapLayerMvt(db, name, t, box);
  const rows = await basemapLayerRows(db, name, t, box);
  const features: Feature[] = rows.map(({ g, ...props }) => ({
    type: 'Feature',
    geometry: JSON.parse(g) as Geometry,
    properties: props,
  }));
  return encodeGeojsonTile(name, features, t);
}

/**
 * One basemap tile from our own tables: boundaries, settlement and municipality names, roads with names and (from
 * z16) house numbers. MVT layers are a repeated field, so the per-layer encodings concatenate into one tile.
 */
export async function basemapTile(db: Database, t: TileCoord): Promise<Uint8Array> {
  const box = tileBounds(t, BUFFER / EXTENT);
  const parts: Uint8Array[] = [];
  for (const l of layersFor(t.z)) parts.push(await layerTile(db, l, t, box));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
