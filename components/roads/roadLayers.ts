import type { ExpressionSpecification, LineLayerSpecification } from 'maplibre-gl';
import type { ScoreBand } from '@/lib/roads/bands';

export const SEGMENTS_SOURCE = 'road-segments';
/** The layer of the vector tiles /api/tiles/roads (lib/aggregate/tiles/roads.ts ROADS_LAYER). */
export const SEGMENTS_SOURCE_LAYER = 'roads';
export const SEGMENTS_LAYER = 'road-segments-line';
export const SELECTED_LAYER = 'road-segments-selected';

/**
 * The line colour: a step over the score at the bands' lower bounds (see lib/roads/bands.ts). The score is the
 * table's, set on each tile feature as its feature state (the tiles carry the statistics, not the weighted score).
 */
export function scoreColor(bands: readonly ScoreBand[]): ExpressionSpecification {
  return [
    'step',
    ['coalesce', ['feature-state', 'score'], 0],
    bands[0]?.color ?? '#9ca3af',
    ...bands.slice(1).flatMap((b) => [b.from, b.color]),
  ] as unknown as ExpressionSpecification;
}

/** Staff who picked one owner see that owner's segments only (a road agency's tiles hold its own only). */
export const ownerFilter = (owner: string | null): ExpressionSpecification | undefined =>
  owner ? (['==', ['get', 'owner'], owner] as unknown as ExpressionSpecification) : undefined;

export function segmentsLayer(bands: readonly ScoreBand[], owner: string | null): LineLayerSpecification {
  const filter = ownerFilter(owner);
  return {
    id: SEGMENTS_LAYER,
    type: 'line',
    source: SEGMENTS_SOURCE,
    'source-layer': SEGMENTS_SOURCE_LAYER,
    ...(filter ? { filter } : {}),
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-color': scoreColor(bands),
      'line-width': ['interpolate', ['linear'], ['zoom'], 10, 2, 14, 5, 17, 10],
    },
  };
}

export function selectedLayer(id: number | null): LineLayerSpecification {
  return {
    id: SELECTED_LAYER,
    type: 'line',
    source: SEGMENTS_SOURCE,
    'source-layer': SEGMENTS_SOURCE_LAYER,
    filter: ['==', ['get', 'id'], id ?? -1],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-color': '#1d4ed8',
      'line-width': ['interpolate', ['linear'], ['zoom'], 10, 6, 14, 10, 17, 16],
      'line-opacity': 0.85,
    },
  };
}
