import type { FeatureCollection } from 'geojson';
import { getJson, postJson } from '@/components/ui/http';
import type { Weights } from '@/lib/roads/types';
import type { PrioritiesResponse, SegmentDetailResponse } from './types';

export interface StoredWeights {
  weights: Weights;
  defaults: Weights;
}

/** Query keys: everything under ['roads'] is refetched after the weights are saved. */
export const roadsKeys = {
  all: ['roads'] as const,
  priorities: (query: string) => ['roads', 'priorities', query] as const,
  weights: ['roads', 'weights'] as const,
  geojson: (owner: string) => ['roads', 'geojson', owner] as const,
  segment: (id: number, query: string) => ['roads', 'segment', id, query] as const,
};

export const fetchPriorities = (query: string, signal?: AbortSignal) =>
  getJson<PrioritiesResponse>(`/api/roads/priorities?${query}`, signal);
export const fetchWeights = (signal?: AbortSignal) => getJson<StoredWeights>('/api/roads/weights', signal);
export const fetchRoadsGeojson = (owner: string, signal?: AbortSignal) =>
  getJson<FeatureCollection>(`/api/roads/geojson${owner ? `?owner=${encodeURIComponent(owner)}` : ''}`, signal);
export const fetchSegment = (id: number, query: string, signal?: AbortSignal) =>
  getJson<SegmentDetailResponse>(`/api/roads/segments/${id}?${query}`, signal);
export const saveWeights = (w: Weights) => postJson<unknown>('/api/roads/weights', w);
