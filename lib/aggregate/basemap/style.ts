import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';

/**
 * The basemap's MapLibre style, built from plain inputs (no I/O). Its tiles use OpenMapTiles' layer and field names
 * (transportation, transportation_name, boundary, place, housenumber, water), both for the tiles the app draws from
 * its own tables and for a regional PMTiles extract, so one style serves either.
 */

export const BASEMAP_VARIANTS = ['muted', 'clear'] as const;
/** muted: under data (problem map, roads, briefing); clear: the public vaccination map, where the streets are the point. */
export type BasemapVariant = (typeof BASEMAP_VARIANTS)[number];

/** The font stacks the style names; exactly the folders served under /glyphs (public/glyphs). */
export const BASEMAP_FONTS = { regular: 'Open Sans Regular', semibold: 'Open Sans Semibold' } as const;
export const BASEMAP_SOURCE = 'basemap';
/** Every basemap layer id starts with this, so maps can put their data between the basemap's lines and labels. */
export const BASEMAP_LAYER_PREFIX = 'basemap-';
/** Layers (besides the labels) that a map moves above its data fills: the muted variant's street lines at street zoom. */
export const OVER_DATA_SUFFIX = '-over-data';

export interface BasemapStyleInput {
  variant: BasemapVariant;
  /** The tile URL template, absolute ({z}/{x}/{y}). */
  tiles: string;
  /** The glyphs URL template, absolute ({fontstack}/{range}). */
  glyphs: string;
  minzoom: number;
  maxzoom: number;
  bounds?: [number, number, number, number] | null;
  /** Shown by MapLibre's attribution control; null names no one. */
  attribution: string | null;
}

interface Palette {
  background: string;
  water: string;
  minor: string;
  major: string;
  casing: string;
  region: string;
  municipality: string;
  roadText: string;
  placeText: string;
  houseText: string;
  halo: string;
  /** Multiplies road widths. */
  width: number;
}

const PALETTES: Record<BasemapVariant, Palette> = {
  muted: {
    background: '#f3f2ef',
    water: '#dbe4ea',
    minor: '#ffffff',
    major: '#fbf6ea',
    casing: '#d6d3cc',
    region: '#8d8a99',
    municipality: '#b3aebb',
    roadText: '#7c8088',
    placeText: '#555a63',
    houseText: '#9a9ca3',
    halo: '#f3f2ef',
    width: 1,
  },
  clear: {
    background: '#f1efe9',
    water: '#b9d3e6',
    minor: '#ffffff',
    major: '#fde6a8',
    casing: '#c9c3b6',
    region: '#6e5f87',
    municipality: '#9d8fb0',
    roadText: '#3e4350',
    placeText: '#1f2430',
    houseText: '#6b6f78',
    halo: '#ffffff',
    width: 1.3,
  },
};

/**
 * Settlement names may stand beside their point: the data's own labels (a cluster count over a town) are placed
 * first and would otherwise hide the name.
 */
const AROUND: {
  'text-variable-anchor': ('center' | 'top' | 'bottom' | 'left' | 'right')[];
  'text-radial-offset': number;
} = {
  'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'],
  'text-radial-offset': 1.1,
};

const NAME: ExpressionSpecification = ['coalesce', ['get', 'name:ru'], ['get', 'name']];
const MAJOR = ['motorway', 'trunk', 'primary', 'secondary'];

const byClass = (major: number, tertiary: number, minor: number): ExpressionSpecification => [
  'match',
  ['get', 'class'],
  MAJOR,
  major,
  'tertiary',
  tertiary,
  minor,
];

function layers(p: Palette, variant: BasemapVariant): LayerSpecification[] {
  const src = { source: BASEMAP_SOURCE } as const;
  const id = (s: string) => `${BASEMAP_LAYER_PREFIX}${s}`;
  // Roads widen with the map like real ones: ×9 from z12 to z18; main roads 2× a courtyard street.
  const line = (w: number, casing: boolean): ExpressionSpecification => {
    const at = (k: number) => byClass(1.6 * k * w, 1.2 * k * w, 0.8 * k * w);
    return ['interpolate', ['exponential', 1.6], ['zoom'], 10, at(0.3), 12, at(1), 18, at(casing ? 9.5 : 9)];
  };
  return [
    { id: id('background'), type: 'background', paint: { 'background-color': p.background } },
    { id: id('water'), type: 'fill', ...src, 'source-layer': 'water', paint: { 'fill-color': p.water } },
    {
      id: id('boundary-municipality'),
      type: 'line',
      ...src,
      'source-layer': 'boundary',
      minzoom: 6,
      filter: ['>=', ['to-number', ['get', 'admin_level']], 5],
      paint: { 'line-color': p.municipality, 'line-width': 1, 'line-dasharray': [3, 2] },
    },
    {
      id: id('boundary-region'),
      type: 'line',
      ...src,
      'source-layer': 'boundary',
      filter: ['<=', ['to-number', ['get', 'admin_level']], 4],
      paint: { 'line-color': p.region, 'line-width': 1.6 },
    },
    {
      id: id('road-casing'),
      type: 'line',
      ...src,
      'source-layer': 'transportation',
      minzoom: 12,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': p.casing, 'line-width': line(1.4 * p.width, true), 'line-gap-width': 0 },
    },
    {
      id: id('road'),
      type: 'line',
      ...src,
      'source-layer': 'transportation',
      minzoom: 9,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': ['match', ['get', 'class'], MAJOR, p.major, p.minor],
        'line-width': line(p.width, false),
      },
    },
    // Under data the streets vanish beneath hexagons; from z14 a faint copy of them runs over the data's fills.
    ...(variant === 'muted'
      ? [
          {
            id: id(`road${OVER_DATA_SUFFIX}`),
            type: 'line',
            ...src,
            'source-layer': 'transportation',
            minzoom: 14,
            layout: { 'line-cap': 'round', 'line-join': 'round' },
            paint: {
              'line-color': '#ffffff',
              'line-width': line(0.5, false),
              'line-opacity': ['interpolate', ['linear'], ['zoom'], 14, 0, 15.5, 0.55],
            },
          } satisfies LayerSpecification,
        ]
      : []),
    {
      id: id('road-name'),
      type: 'symbol',
      ...src,
      'source-layer': 'transportation_name',
      minzoom: 13,
      layout: {
        'symbol-placement': 'line',
        'text-field': NAME,
        'text-font': [BASEMAP_FONTS.regular],
        'text-size': ['interpolate', ['linear'], ['zoom'], 13, 10, 17, 13],
        'text-max-angle': 30,
        'symbol-spacing': 300,
      },
      paint: { 'text-color': p.roadText, 'text-halo-color': p.halo, 'text-halo-width': 1.4 },
    },
    {
      id: id('housenumber'),
      type: 'symbol',
      ...src,
      'source-layer': 'housenumber',
      minzoom: 16,
      layout: {
        'text-field': ['get', 'housenumber'],
        'text-font': [BASEMAP_FONTS.regular],
        'text-size': 10,
        'text-padding': 1,
      },
      paint: { 'text-color': p.houseText, 'text-halo-color': p.halo, 'text-halo-width': 1 },
    },
    {
      id: id('place-municipality'),
      type: 'symbol',
      ...src,
      'source-layer': 'place',
      minzoom: 6,
      maxzoom: 11,
      filter: ['==', ['get', 'class'], 'county'],
      layout: {
        'text-field': NAME,
        'text-font': [BASEMAP_FONTS.regular],
        'text-size': 11,
        'text-transform': 'uppercase',
        'text-letter-spacing': 0.08,
        'text-max-width': 8,
      },
      paint: { 'text-color': p.municipality, 'text-halo-color': p.halo, 'text-halo-width': 1.2 },
    },
    {
      id: id('place-village'),
      type: 'symbol',
      ...src,
      'source-layer': 'place',
      minzoom: 9,
      filter: ['match', ['get', 'class'], ['village', 'hamlet', 'suburb'], true, false],
      layout: { 'text-field': NAME, 'text-font': [BASEMAP_FONTS.regular], 'text-size': 11, ...AROUND },
      paint: { 'text-color': p.placeText, 'text-halo-color': p.halo, 'text-halo-width': 1.4 },
    },
    {
      id: id('place-town'),
      type: 'symbol',
      ...src,
      'source-layer': 'place',
      minzoom: 6,
      filter: ['==', ['get', 'class'], 'town'],
      layout: {
        'text-field': NAME,
        'text-font': [BASEMAP_FONTS.semibold],
        'text-size': ['interpolate', ['linear'], ['zoom'], 6, 11, 12, 14],
        ...AROUND,
      },
      paint: { 'text-color': p.placeText, 'text-halo-color': p.halo, 'text-halo-width': 1.5 },
    },
    {
      id: id('place-city'),
      type: 'symbol',
      ...src,
      'source-layer': 'place',
      minzoom: 4,
      maxzoom: 15,
      filter: ['==', ['get', 'class'], 'city'],
      layout: {
        'text-field': NAME,
        'text-font': [BASEMAP_FONTS.semibold],
        'text-size': ['interpolate', ['linear'], ['zoom'], 4, 12, 12, 18],
        ...AROUND,
      },
      paint: { 'text-color': p.placeText, 'text-halo-color': p.halo, 'text-halo-width': 1.8 },
    },
  ];
}

/** The whole style for a variant: one vector source, the glyphs, the attribution. */
export function basemapStyle(i: BasemapStyleInput): StyleSpecification {
  return {
    version: 8,
    name: `pmap-basemap-${i.variant}`,
    glyphs: i.glyphs,
    sources: {
      [BASEMAP_SOURCE]: {
        type: 'vector',
        tiles: [i.tiles],
        minzoom: i.minzoom,
        maxzoom: i.maxzoom,
        ...(i.bounds ? { bounds: i.bounds } : {}),
        ...(i.attribution ? { attribution: i.attribution } : {}),
      },
    },
    layers: layers(PALETTES[i.variant], i.variant),
  };
}

/** The style URL a map starts from: the deployment's own (PMAP_BASEMAP_STYLE_URL) or ours for the variant. */
export function basemapStyleUrl(variant: BasemapVariant, configured?: string | null): string {
  return configured || `/api/basemap/style.json?variant=${variant}`;
}
