import type { Database } from '../../../db';
import { appealRollupBounds, roadSegmentBounds } from '../../../db/queries/tiles';
import type { AppealFilter } from '../../domain/filters';
import { PmapError } from '../../errors';
import { cached, cachedTile } from '../cache';
import { appealsTile, APPEALS_LAYER } from './appeals';
import { ROADS_MIN_ZOOM, type TileCoord } from './geometry';
import { roadsTile, ROADS_LAYER } from './roads';
import { canonicalQuery, TILE_LAYERS, tileJson, type TileJson, type TileLayer } from './tilejson';

export { parseTileCoord } from './geometry';
export { TILE_LAYERS, type TileLayer } from './tilejson';

/** The layer named by a path segment (`appeals`, `appeals.json`), or a 404 naming the layers there are. */
export function tileLayerOf(segment: string): TileLayer {
  const name = segment.replace(/\.json$/, '');
  if ((TILE_LAYERS as readonly string[]).includes(name)) return name as TileLayer;
  throw PmapError.keyed('not_found', 'tiles.no_layer', { name: name.slice(0, 100), layers: TILE_LAYERS.join(', ') });
}

/**
 * One encoded tile (possibly empty) for a layer, filter and (for road agencies) segment owner, through the tile
 * cache. `owner` null means every owner.
 */
export async function getTile(
  db: Database,
  layer: TileLayer,
  filter: AppealFilter,
  owner: string | null,
  t: TileCoord,
) {
  const key = `tile:${layer}:${t.z}/${t.x}/${t.y}:${owner ?? '*'}:${canonicalQuery(filter)}`;
  return cachedTile(db, key, () => {
    if (layer === APPEALS_LAYER) return appealsTile(db, filter, t);
    if (t.z < ROADS_MIN_ZOOM) return Promise.resolve(new Uint8Array(0));
    return roadsTile(db, filter, owner, t);
  });
}

/** TileJSON for a layer and filter, with the bounds of the data the viewer may see. */
export async function getTileJson(
  db: Database,
  layer: TileLayer,
  filter: AppealFilter,
  owner: string | null,
): Promise<TileJson> {
  const bounds = await cached(db, `tilebounds:${layer}:${owner ?? '*'}`, () => dataBounds(db, layer, owner));
  return tileJson(layer, filter, bounds);
}

async function dataBounds(db: Database, layer: TileLayer, owner: string | null): Promise<number[] | null> {
  // Appeals: the rollup's one point per res-7 cell stands for the data (a few thousand rows, not millions).
  const r = layer === ROADS_LAYER ? await roadSegmentBounds(db, owner) : await appealRollupBounds(db);
  return r && r.w !== null ? [r.w, r.s, r.e, r.n] : null;
}
