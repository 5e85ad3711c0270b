import type { ExpressionSpecification, LineLayerSpecification } from 'maplibre-gl';

export const SEGMENTS_SOURCE = 'road-segments';
export const SEGMENTS_LAYER = 'road-segments-line';
export const SELECTED_LAYER = 'road-segments-selected';

/** Score bands of the map and its legend: [lower bound, colour, label]. */
export const SCORE_BANDS: readonly [number, string, string][] = [
  [0, '#9ca3af', 'ниже 20'],
  [20, '#facc15', '20–40'],
  [40, '#f97316', '40–60'],
  [60, '#dc2626', '60 и выше'],
];

const scoreColor: ExpressionSpecification = [
  'step', ['coalesce', ['get', 'score'], 0], SCORE_BANDS[0][1],
  ...SCORE_BANDS.slice(1).flatMap(([from, color]) => [from, color]),
] as unknown as ExpressionSpecification;

export const segmentsLayer: LineLayerSpecification = {
  id: SEGMENTS_LAYER,
  type: 'line',
  source: SEGMENTS_SOURCE,
  layout: { 'line-cap': 'round', 'line-join': 'round' },
  paint: {
    'line-color': scoreColor,
    'line-width': ['interpolate', ['linear'], ['zoom'], 10, 2, 14, 5, 17, 10],
  },
};

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
