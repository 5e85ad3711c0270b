import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Bbox } from '@/lib/render/bbox';
import type { HexCell } from '@/lib/render/hexGeojson';

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
export type BoundaryCollection = FeatureCollection<Polygon | MultiPolygon, { code: string; name: string; level: string }>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) {
    let detail = res.statusText;
    try {
      const body = (await res.json()) as { message?: string; error?: string | { message?: string } };
      detail = body.message ?? (typeof body.error === 'string' ? body.error : body.error?.message) ?? detail;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(res.status, url, `${res.status} ${detail}`);
  }
  return (await res.json()) as T;
}

export const fetchMeta = (signal?: AbortSignal) => getJson<MetaResponse>('/api/meta', signal);

export async function fetchHexagons(search: string, signal?: AbortSignal): Promise<HexagonsResult> {
  const url = `/api/appeals/hexagons?${search}`;
  return { ...(await getJson<HexagonsResponse>(url, signal)), url };
}

export const fetchBoundaries = (level: BoundaryLevel, signal?: AbortSignal) =>
  getJson<BoundaryCollection>(`/api/boundaries?level=${level}`, signal);
