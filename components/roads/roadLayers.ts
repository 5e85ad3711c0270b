import type { ExpressionSpecification, LineLayerSpecification } from 'maplibre-gl';
import type { ScoreBand } from '@/lib/roads/bands';

export const SEGMENTS_SOURCE = 'road-segments';
export const SEGMENTS_LAYER = 'road-segments-line';
export const SELECTED_LAYER = 'road-segments-selected';

/** The line colour: a step over the score at the bands' lower bounds (see lib/roads/bands.ts). */
export function scoreColor(bands: readonly ScoreBand[]): ExpressionSpecification {
  return [
    'step', ['coalesce', ['get', 'score'], 0], bands[0]?.color ?? '#9ca3af',
    ...bands.slice(1).flatMap((b) => [b.from, b.color]),
  ] as unknown as ExpressionSpecification;
}

export function segmentsLayer(bands: readonly ScoreBand[]): LineLayerSpecification {
  return {
    id: SEGMENTS_LAYER,
    type: 'line',
    source: SEGMENTS_SOURCE,
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
    filter: ['==', ['get', 'id'], id ?? -1],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': '#1d4ed8', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 6, 14, 10, 17, 16], 'line-opacity': 0.85 },
  };
}
