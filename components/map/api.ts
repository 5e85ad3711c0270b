import type { HotspotLabel } from '@/lib/aggregate/hotspots/label';
import type { Summary as SummaryResponse } from '@/lib/aggregate/summary';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { Bbox } from '@/lib/render/bbox';
import type { HexCell } from '@/lib/render/hexGeojson';
import { ApiError, getJson } from '@/components/ui/http';

export interface MetaResponse {
  topics: { code: string; name_ru: string; name_en: string }[];
  dateRange: { min: string | null; max: string | null };
  bounds: Bbox | null;
  approximateBoundaries: boolean;
  basemapStyleUrl: string | null;
}

export interface HexagonsResponse {
  res: number;
  cells: HexCell[];
  total: number;
  max: number;
}

/** A hexagon response together with the exact request it answers. */
export interface HexagonsResult extends HexagonsResponse {
  url: string;
}

export type BoundaryLevel = 'municipality' | 'region';
export type BoundaryCollection = FeatureCollection<
  Polygon | MultiPolygon,
  { code: string; name: string; level: string }
>;

export const fetchMeta = (signal?: AbortSignal) => getJson<MetaResponse>('/api/meta', signal);

export async function fetchHexagons(search: string, signal?: AbortSignal): Promise<HexagonsResult> {
  const url = `/api/appeals/hexagons?${search}`;
  return { ...(await getJson<HexagonsResponse>(url, signal)), url };
}

export const fetchBoundaries = (level: BoundaryLevel, signal?: AbortSignal) =>
  getJson<BoundaryCollection>(`/api/boundaries?level=${level}`, signal);

/** `GET /api/summary`: the server's own type (type-only, erased from the client bundle). */
export type { Summary as SummaryResponse } from '@/lib/aggregate/summary';

export type { HotspotLabel } from '@/lib/aggregate/hotspots/label';
export interface HotspotsResponse {
  res: number;
  alpha: number;
  weeks: number;
  cells: {
    h3: string;
    label: HotspotLabel;
    z: number;
    p: number;
    trend: number;
    count: number;
    place?: string | null;
  }[];
}

/** TileJSON 3.0, the fields the map uses. */
export interface TileJson {
  tiles: string[];
  minzoom?: number;
  maxzoom?: number;
}

export const fetchSummary = (search: string, signal?: AbortSignal) =>
  getJson<SummaryResponse>(`/api/summary?${search}`, signal);
export const fetchHotspots = (search: string, signal?: AbortSignal) =>
  getJson<HotspotsResponse>(`/api/hotspots?${search}`, signal);

/** A tile layer's TileJSON, or null while the endpoint does not exist (404): the layer then says so. */
export async function fetchTileJson(
  layer: 'appeals' | 'roads',
  search: string,
  signal?: AbortSignal,
): Promise<TileJson | null> {
  try {
    const tj = await getJson<TileJson>(`/api/tiles/${layer}.json?${search}`, signal);
    // MapLibre fetches tiles in a worker: give it absolute URLs (string concatenation keeps the {z} braces).
    return { ...tj, tiles: tj.tiles.map((u) => (u.startsWith('/') ? `${window.location.origin}${u}` : u)) };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

/** Public vaccination points: only id and position from the compact list (lib/points/compact.ts). */
export async function fetchVaccinationPoints(
  signal?: AbortSignal,
): Promise<FeatureCollection<Point, { id: number; name: string }>> {
  const body = await getJson<{ points: [number, number, number, string, ...unknown[]][] }>(
    '/api/public/points',
    signal,
  );
  return {
    type: 'FeatureCollection',
    features: body.points.map(([id, lon, lat, name]) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { id, name },
    })),
  };
}
