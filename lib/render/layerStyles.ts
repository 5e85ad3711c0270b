import { cellToLatLng, isValidCell } from 'h3-js';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { HexCell } from './hexGeojson';

/** From this zoom on, the cells' fill fades so that street names and houses of the basemap stay readable. */
export const CELL_FADE_FROM = 14.5;
/** The cells' fill opacity at street zoom (z16 and closer): a tint, not a cover. */
export const CELL_STREET_OPACITY = 0.18;

/**
 * A cell layer's `fill-opacity` by zoom: `base` up to {@link CELL_FADE_FROM}, then fading to
 * {@link CELL_STREET_OPACITY} at z16. At street zoom the appeals are drawn as points anyway.
 */
export const cellFillOpacity = (
  base: number,
): ['interpolate', ['linear'], ['zoom'], number, number, number, number] => [
  'interpolate',
  ['linear'],
  ['zoom'],
  CELL_FADE_FROM,
  base,
  16,
  Math.min(base, CELL_STREET_OPACITY),
];

/** Complaints per km of road: fixed classes, so that colours mean the same on every view. */
export const ROAD_PER_KM_CLASSES = [
  { from: 0, to: 1, color: '#9ca3af' },
  { from: 1, to: 5, color: '#fecc5c' },
  { from: 5, to: 10, color: '#fd8d3c' },
  { from: 10, to: 20, color: '#f03b20' },
  { from: 20, to: null, color: '#bd0026' },
] as const;

/** `step` over the road feature property `per_km` matching {@link ROAD_PER_KM_CLASSES}. */
export const roadColorExpression = (): ['step', ['get', 'per_km'], string, ...(string | number)[]] => [
  'step',
  ['get', 'per_km'],
  ROAD_PER_KM_CLASSES[0].color,
  ...ROAD_PER_KM_CLASSES.slice(1).flatMap((c) => [c.from, c.color]),
];

export const PLAN_STATUSES = ['planned', 'in_progress', 'done', 'warranty'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_COLORS: Record<PlanStatus, string> = {
  planned: '#2563eb',
  in_progress: '#7c3aed',
  done: '#16a34a',
  warranty: '#0d9488',
};

/** `match` over `plan_status` to the plan colours; segments without a plan get transparent. */
export const planColorExpression = () => [
  'match',
  ['get', 'plan_status'],
  ...PLAN_STATUSES.flatMap((s) => [s, PLAN_COLORS[s]]),
  'rgba(0,0,0,0)',
];

export type HeatPoints = FeatureCollection<Point, { count: number; w: number }>;

/**
 * Cell centres weighted by the square root of their share of the largest cell (`w` in 0..1), for a MapLibre
 * heatmap: the hexagon API already aggregates, so the heatmap needs no raw points. The square root keeps
 * smaller clusters visible next to a regional capital with ten times the complaints.
 */
export function heatPoints(cells: readonly HexCell[]): HeatPoints {
  const max = cells.reduce((m, c) => Math.max(m, c.count), 0);
  const features: Feature<Point, { count: number; w: number }>[] = [];
  for (const { h3, count } of cells) {
    if (!isValidCell(h3) || count <= 0) continue;
    const [lat, lng] = cellToLatLng(h3);
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [Number(lng.toFixed(6)), Number(lat.toFixed(6))] },
      properties: { count, w: Number(Math.sqrt(count / max).toFixed(4)) },
    });
  }
  return { type: 'FeatureCollection', features };
}
