import type {
  CircleLayerSpecification,
  FillLayerSpecification,
  HeatmapLayerSpecification,
  LineLayerSpecification,
} from 'maplibre-gl';
import type { ExpressionSpecification } from 'maplibre-gl';
import { DIVERGING_RAMP } from '@/lib/render/compare';
import { cellFillOpacity, planColorExpression, roadColorExpression } from '@/lib/render/layerStyles';
import type { LayerId } from '@/lib/render/urlState';
import {
  HEX_LAYER,
  HEX_OUTLINE_LAYER,
  MUNICIPALITY_LABEL_LAYER,
  MUNICIPALITY_LINE_LAYER,
  REGION_LINE_LAYER,
} from './layers';

export const COMPARE_SOURCE = 'compare';
export const COMPARE_LAYER = 'compare';
export const COMPARE_OUTLINE_LAYER = 'compare-outline';
export const HEAT_SOURCE = 'road-heat';
export const HEAT_LAYER = 'road-heat';
export const SELECTED_SOURCE = 'selected-cell';
export const SELECTED_LAYER = 'selected-cell';
export const VACC_SOURCE = 'vacc-points';
export const VACC_LAYER = 'vacc-points';
export const APPEAL_TILES = 'appeal-tiles';
export const APPEAL_POINT_LAYER = 'appeal-points';
export const ROAD_TILES = 'road-tiles';
export const ROAD_LAYER = 'roads';
export const PLAN_LAYER = 'plans';

/** Individual appeals start at this zoom (the appeals tiles carry points from here). */
export const STREET_ZOOM = 15;

export const compareFillLayer: FillLayerSpecification = {
  id: COMPARE_LAYER,
  type: 'fill',
  source: COMPARE_SOURCE,
  layout: { visibility: 'none' },
  paint: { 'fill-color': DIVERGING_RAMP[3], 'fill-opacity': cellFillOpacity(0.85) },
};

export const compareOutlineLayer: LineLayerSpecification = {
  id: COMPARE_OUTLINE_LAYER,
  type: 'line',
  source: COMPARE_SOURCE,
  layout: { visibility: 'none' },
  paint: { 'line-color': '#4b5563', 'line-width': 0.5, 'line-opacity': 0.5 },
};

/** Road complaints as a heatmap of cell centres weighted by count (`w` = share of the largest cell). */
export const heatLayer: HeatmapLayerSpecification = {
  id: HEAT_LAYER,
  type: 'heatmap',
  source: HEAT_SOURCE,
  layout: { visibility: 'none' },
  paint: {
    'heatmap-weight': ['get', 'w'],
    'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 4, 1.4, 12, 3],
    'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 4, 18, 8, 28, 12, 36, 15, 48],
    'heatmap-opacity': 0.8,
    'heatmap-color': [
      'interpolate',
      ['linear'],
      ['heatmap-density'],
      0,
      'rgba(255,255,178,0)',
      0.15,
      '#ffffb2',
      0.35,
      '#fecc5c',
      0.55,
      '#fd8d3c',
      0.75,
      '#f03b20',
      1,
      '#bd0026',
    ],
  },
};

export const selectedCellLayer: LineLayerSpecification = {
  id: SELECTED_LAYER,
  type: 'line',
  source: SELECTED_SOURCE,
  paint: { 'line-color': '#1d4ed8', 'line-width': 3 },
};

export const vaccLayer: CircleLayerSpecification = {
  id: VACC_LAYER,
  type: 'circle',
  source: VACC_SOURCE,
  layout: { visibility: 'none' },
  paint: {
    'circle-color': '#0f766e',
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 4, 2.5, 10, 5, 15, 7],
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 1,
  },
};

export const appealPointLayer: CircleLayerSpecification = {
  id: APPEAL_POINT_LAYER,
  type: 'circle',
  source: APPEAL_TILES,
  'source-layer': 'appeals',
  minzoom: STREET_ZOOM,
  filter: ['==', ['geometry-type'], 'Point'],
  layout: { visibility: 'none' },
  paint: {
    'circle-color': ['case', ['get', 'is_gratitude'], '#16a34a', '#b4361c'],
    'circle-radius': 5,
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 1.2,
  },
};

export const roadLayer: LineLayerSpecification = {
  id: ROAD_LAYER,
  type: 'line',
  source: ROAD_TILES,
  'source-layer': 'roads',
  layout: { visibility: 'none', 'line-cap': 'round', 'line-join': 'round' },
  paint: {
    'line-color': roadColorExpression() as ExpressionSpecification,
    'line-width': ['interpolate', ['linear'], ['zoom'], 6, 1, 12, 3, 16, 6],
  },
};

export const planLayer: LineLayerSpecification = {
  id: PLAN_LAYER,
  type: 'line',
  source: ROAD_TILES,
  'source-layer': 'roads',
  filter: ['!=', ['get', 'plan_status'], ''],
  layout: { visibility: 'none', 'line-cap': 'round' },
  paint: {
    'line-color': planColorExpression() as ExpressionSpecification,
    'line-width': ['interpolate', ['linear'], ['zoom'], 6, 3, 12, 7, 16, 12],
    'line-opacity': 0.55,
  },
};

/** Which MapLibre layers each switch shows or hides. */
export const LAYER_MAP: Record<LayerId, string[]> = {
  bounds: [MUNICIPALITY_LINE_LAYER, REGION_LINE_LAYER, MUNICIPALITY_LABEL_LAYER],
  hex: [HEX_LAYER, HEX_OUTLINE_LAYER],
  heat: [HEAT_LAYER],
  roads: [ROAD_LAYER],
  plans: [PLAN_LAYER],
  points: [APPEAL_POINT_LAYER],
  vacc: [VACC_LAYER],
};

/** Layers the map answers clicks on. */
export const CLICKABLE = [APPEAL_POINT_LAYER, ROAD_LAYER, COMPARE_LAYER, HEX_LAYER] as const;
