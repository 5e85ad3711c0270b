import type { FeatureCollection } from 'geojson';
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
  geojson: (owner: string) => ['roads', 'geojson', owner] as const,
  segment: (id: number, query: string) => ['roads', 'segment', id, query] as const,
};

export const fetchPriorities = (query: string, signal?: AbortSignal) =>
  getJson<PrioritiesResponse>(`/api/roads/priorities?${query}`, signal);
/** `owner` '' : a road agency's own owner, or (staff) the global default. */
export const fetchWeights = (owner: string, signal?: AbortSignal) =>
  getJson<StoredWeights>(`/api/roads/weights${owner ? `?owner=${encodeURIComponent(owner)}` : ''}`, signal);
export const fetchRoadsGeojson = (owner: string, signal?: AbortSignal) =>
  getJson<FeatureCollection>(`/api/roads/geojson${owner ? `?owner=${encodeURIComponent(owner)}` : ''}`, signal);
export const fetchSegment = (id: number, query: string, signal?: AbortSignal) =>
  getJson<SegmentDetailResponse>(`/api/roads/segments/${id}?${query}`, signal);
/** Saves `w` for `owner` ('' : a road agency's own owner, or the global default when an admin saves). */
export const saveWeights = ({ w, owner }: { w: Weights; owner: string }) =>
  postJson<unknown>('/api/roads/weights', owner ? { ...w, owner } : w);
