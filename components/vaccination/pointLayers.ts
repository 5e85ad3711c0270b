import type { CircleLayerSpecification, SymbolLayerSpecification } from 'maplibre-gl';

export const POINTS_SOURCE = 'points';
export const SELECTED_SOURCE = 'selected-point';
export const ORIGIN_SOURCE = 'origin';
export const CLUSTER_LAYER = 'points-clusters';
export const CLUSTER_COUNT_LAYER = 'points-cluster-count';
export const POINT_LAYER = 'points';
export const SELECTED_LAYER = 'points-selected';
export const ORIGIN_LAYER = 'origin';
export const ORIGIN_LABEL_LAYER = 'origin-label';

/** Open points green, closed grey, unknown hours blue: the same meaning as the list's status line. */
export const OPEN_COLORS = { open: '#15803d', closed: '#6b7280', unknown: '#2563eb' } as const;

export const clusterLayer: CircleLayerSpecification = {
  id: CLUSTER_LAYER,
  type: 'circle',
  source: POINTS_SOURCE,
  filter: ['has', 'point_count'],
  paint: {
    'circle-color': '#1e3a8a',
    'circle-opacity': 0.85,
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 2,
    // Size says how many points a cluster holds (labels need glyphs, which the offline style lacks).
    'circle-radius': ['step', ['get', 'point_count'], 13, 10, 16, 50, 20, 200, 25, 1000, 30],
  },
};

export function clusterCountLayer(font: string[]): SymbolLayerSpecification {
  return {
    id: CLUSTER_COUNT_LAYER,
    type: 'symbol',
    source: POINTS_SOURCE,
    filter: ['has', 'point_count'],
    layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': font, 'text-size': 12 },
    paint: { 'text-color': '#ffffff' },
  };
}

export const pointLayer: CircleLayerSpecification = {
  id: POINT_LAYER,
  type: 'circle',
  source: POINTS_SOURCE,
  filter: ['!', ['has', 'point_count']],
  paint: {
    'circle-color': ['match', ['get', 'open'], 1, OPEN_COLORS.open, 0, OPEN_COLORS.closed, OPEN_COLORS.unknown],
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 6, 12, 8, 16, 10],
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 1.5,
  },
};

export const selectedLayer: CircleLayerSpecification = {
  id: SELECTED_LAYER,
  type: 'circle',
  source: SELECTED_SOURCE,
  paint: {
    'circle-color': '#f59e0b',
    'circle-radius': 11,
    'circle-stroke-color': '#111827',
    'circle-stroke-width': 3,
  },
};

export const originLayer: CircleLayerSpecification = {
  id: ORIGIN_LAYER,
  type: 'circle',
  source: ORIGIN_SOURCE,
  paint: {
    'circle-color': '#b91c1c',
    'circle-radius': 7,
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 3,
  },
};

/** «Вы здесь» beside the origin marker (needs the style's glyphs, like the cluster counts). */
export const originLabelLayer = (font: string[]): SymbolLayerSpecification => ({
  id: ORIGIN_LABEL_LAYER,
  type: 'symbol',
  source: ORIGIN_SOURCE,
  layout: {
    'text-field': ['get', 'label'],
    'text-font': font,
    'text-size': 13,
    'text-offset': [0, 1.1],
    'text-anchor': 'top',
    'text-allow-overlap': true,
  },
  paint: { 'text-color': '#7f1d1d', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
});
