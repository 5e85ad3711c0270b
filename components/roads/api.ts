import { getJson, postJson } from '@/components/ui/http';
import type { Weights } from '@/lib/roads/types';
import type { PrioritiesResponse, SegmentDetailResponse } from './types';

/** One owner's weights (owner null: the global default) and what they fall back to (app/api/roads/weights). */
export interface StoredWeights {
  owner: string | null;
  weights: Weights;
  defaults: Weights;
  /** The owner has saved weights of its own (otherwise it follows the default). */
  own: boolean;
}

/** Query keys: everything under ['roads'] is refetched after the weights are saved. */
export const roadsKeys = {
  all: ['roads'] as const,
  priorities: (query: string) => ['roads', 'priorities', query] as const,
  weights: (owner: string) => ['roads', 'weights', owner] as const,
  scores: (query: string) => ['roads', 'scores', query] as const,
  tiles: (query: string) => ['roads', 'tiles', query] as const,
  bounds: (ids: string) => ['roads', 'bounds', ids] as const,
  segment: (id: number, query: string) => ['roads', 'segment', id, query] as const,
};

export const fetchPriorities = (query: string, signal?: AbortSignal) =>
  getJson<PrioritiesResponse>(`/api/roads/priorities?${query}`, signal);
/** `owner` '' : a road agency's own owner, or (staff) the global default. */
export const fetchWeights = (owner: string, signal?: AbortSignal) =>
  getJson<StoredWeights>(`/api/roads/weights${owner ? `?owner=${encodeURIComponent(owner)}` : ''}`, signal);
/** TileJSON of the roads vector tiles (lib/aggregate/tiles/tilejson.ts), with absolute tile URLs. */
export interface RoadsTileJson {
  tiles: string[];
  minzoom?: number;
  maxzoom?: number;
  bounds?: [number, number, number, number] | null;
}

/** The roads layer's TileJSON for `search` (the appeal filters of the list's complaint counts). */
export async function fetchRoadsTileJson(search: string, signal?: AbortSignal): Promise<RoadsTileJson> {
  const tj = await getJson<RoadsTileJson>(`/api/tiles/roads.json?${search}`, signal);
  // MapLibre fetches tiles in a worker: give it absolute URLs (string concatenation keeps the {z} braces).
  return { ...tj, tiles: tj.tiles.map((u) => (u.startsWith('/') ? `${window.location.origin}${u}` : u)) };
}

export type Bounds = [number, number, number, number];

/** The bounds [w, s, e, n] of the segments `ids` (at most 500), all together and of the first one alone. */
export const fetchSegmentBounds = async (
  ids: number[],
  signal?: AbortSignal,
): Promise<{ all: Bounds; first: Bounds | null } | null> => {
  const fc = await getJson<{ features: { id: number; geometry: { coordinates: unknown } }[] }>(
    `/api/roads/geojson?ids=${ids.slice(0, 500).join(',')}`,
    signal,
  );
  const boxOf = (c: unknown): Bounds | null => {
    const pts: number[][] = [];
    const walk = (x: unknown) => {
      if (Array.isArray(x) && typeof x[0] === 'number') pts.push(x as number[]);
      else if (Array.isArray(x)) x.forEach(walk);
    };
    walk(c);
    if (!pts.length) return null;
    return [
      Math.min(...pts.map((p) => p[0])),
      Math.min(...pts.map((p) => p[1])),
      Math.max(...pts.map((p) => p[0])),
      Math.max(...pts.map((p) => p[1])),
    ];
  };
  const all = boxOf(fc.features.map((f) => f.geometry.coordinates));
  const first = fc.features.find((f) => Number(f.id) === ids[0]);
  return all ? { all, first: first ? boxOf(first.geometry.coordinates) : null } : null;
};
export const fetchSegment = (id: number, query: string, signal?: AbortSignal) =>
  getJson<SegmentDetailResponse>(`/api/roads/segments/${id}?${query}`, signal);
/** Saves `w` for `owner` ('' : a road agency's own owner, or the global default when an admin saves). */
export const saveWeights = ({ w, owner }: { w: Weights; owner: string }) =>
  postJson<unknown>('/api/roads/weights', owner ? { ...w, owner } : w);
