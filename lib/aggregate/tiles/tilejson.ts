import type { AppealFilter } from '../../domain/filters';
import { APPEAL_FIELDS, APPEALS_LAYER } from './appeals';
import { MAX_ZOOM, ROADS_MIN_ZOOM } from './geometry';
import { ROAD_FIELDS, ROADS_LAYER } from './roads';

export const TILE_LAYERS = [APPEALS_LAYER, ROADS_LAYER] as const;
export type TileLayer = (typeof TILE_LAYERS)[number];

/** The filter as a query string in one fixed order, so equal filters give equal tile URLs (and cache entries). */
export function canonicalQuery(f: AppealFilter): string {
  const q = new URLSearchParams();
  for (const k of ['topic', 'channel', 'status'] as const) if (f[k]?.length) q.set(k, [...f[k]!].sort().join(','));
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.municipality) q.set('municipality', f.municipality);
  q.set('gratitude', f.gratitude);
  return q.toString();
}

export interface TileJson {
  tilejson: '3.0.0';
  name: string;
  scheme: 'xyz';
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
  vector_layers: {
    id: string;
    fields: Record<string, string>;
    minzoom: number;
    maxzoom: number;
    description: string;
  }[];
}

const WORLD: [number, number, number, number] = [-180, -85.0511, 180, 85.0511];

/** TileJSON 3.0 for one layer; the tiles template is relative to the app and carries the filter's query string. */
export function tileJson(layer: TileLayer, filter: AppealFilter, bounds: readonly number[] | null): TileJson {
  const minzoom = layer === ROADS_LAYER ? ROADS_MIN_ZOOM : 0;
  const b: [number, number, number, number] = bounds
    ? [
        Math.max(WORLD[0], bounds[0]),
        Math.max(WORLD[1], bounds[1]),
        Math.min(WORLD[2], bounds[2]),
        Math.min(WORLD[3], bounds[3]),
      ]
    : WORLD;
  return {
    tilejson: '3.0.0',
    name: layer,
    scheme: 'xyz',
    tiles: [`/api/tiles/${layer}/{z}/{x}/{y}.pbf?${canonicalQuery(filter)}`],
    minzoom,
    maxzoom: MAX_ZOOM,
    bounds: b,
    vector_layers: [
      {
        id: layer,
        fields: { ...(layer === ROADS_LAYER ? ROAD_FIELDS : APPEAL_FIELDS) },
        minzoom,
        maxzoom: MAX_ZOOM,
        description:
          layer === ROADS_LAYER
            ? 'Road segments with filtered complaints per km and the latest repair plan'
            : 'H3 hexagons with appeal counts below z15 (resolution follows the zoom), single appeals from z15',
      },
    ],
  };
}
