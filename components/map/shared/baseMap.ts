import {
  getVersion,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type GeoJSONSource,
  type LngLatLike,
  type MapOptions,
} from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { BASEMAP_LAYER_PREFIX, OVER_DATA_SUFFIX } from '@/lib/aggregate/basemap/style';
import type { Bbox } from '@/lib/render/bbox';
import {
  MAP_LOCALE_RU,
  MUNICIPALITY_LABEL_LAYER,
  MUNICIPALITY_SOURCE,
  municipalityLabelLayer,
  municipalityLineLayer,
  OFFLINE_STYLE,
  REGION_SOURCE,
  regionLineLayer,
  RUSSIA_BOUNDS,
  styleTextFont,
} from '../layers';

export const EMPTY_FC: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** MapLibre resolves a style URL on its own terms: give it an absolute one (ours is '/api/basemap/style.json…'). */
export function absoluteUrl(url: string): string {
  return new URL(url, window.location.href).href;
}

export interface BaseMapOptions {
  container: HTMLElement;
  basemapStyleUrl: string | null;
  /** Where to look first: a centre and zoom, else an extent (Russia when null). */
  view?: { center: LngLatLike; zoom: number } | null;
  bounds: Bbox | null;
  padding: number;
  /** MapLibre's control labels; Russian unless given. */
  locale?: Record<string, string>;
  /** Shown in the container, followed by the reason, when the map cannot start (no WebGL, typically). */
  failedText: string;
  /** Adds the caller's sources and layers; runs on load and again after a style swap. */
  install: (map: MapLibreMap) => void;
}

/**
 * Every map's start: MapLibre's worker served from public/ (Turbopack does not emit it next to the bundle), then the
 * map; null, with `onFail` told why, when it cannot start (no WebGL, typically: the constructor throws).
 */
export function startMap(options: MapOptions, onFail: (err: unknown) => void): MapLibreMap | null {
  setWorkerUrl(`/maplibre-gl-worker.mjs?v=${getVersion()}`);
  try {
    return new MapLibreMap(options);
  } catch (err) {
    onFail(err);
    return null;
  }
}

/**
 * The MapLibre setup the interactive maps share: the worker served from public/ (Turbopack does not emit it next to the
 * bundle), the offline style or a configured basemap that falls back to it when unreachable, Russian controls,
 * no rotation. Returns null after writing a message into the container when the map cannot start.
 */
export function createBaseMap(o: BaseMapOptions): MapLibreMap | null {
  const map = startMap(
    {
      container: o.container,
      style: o.basemapStyleUrl ? absoluteUrl(o.basemapStyleUrl) : OFFLINE_STYLE,
      ...(o.view
        ? { center: o.view.center, zoom: o.view.zoom }
        : { bounds: o.bounds ?? RUSSIA_BOUNDS, fitBoundsOptions: { padding: o.padding } }),
      locale: o.locale ?? MAP_LOCALE_RU,
      attributionControl: { compact: true },
      dragRotate: false,
      pitchWithRotate: false,
    },
    (err) => {
      // The container has no React children, so the message goes straight into it.
      const note = document.createElement('p');
      note.className = 'map-failure';
      note.setAttribute('role', 'alert');
      note.textContent = `${o.failedText}: ${err instanceof Error ? err.message : String(err)}`;
      o.container.replaceChildren(note);
    },
  );
  if (!map) return null;
  map.touchZoomRotate.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');

  let styleArrived = false;
  map.on('style.load', () => {
    styleArrived = true;
    o.install(map);
    basemapLabelsOverFills(map);
  });
  map.on('error', (e) => {
    // An unreachable basemap style must not leave a blank page: fall back to the offline style.
    // (Errors after the style arrived are tiles or sprites, which the map survives.)
    if (!styleArrived && o.basemapStyleUrl) {
      styleArrived = true;
      console.warn('Basemap style failed, using the offline style', e.error);
      map.setStyle(OFFLINE_STYLE);
    }
  });
  map.on('load', () => {
    o.install(map);
    basemapLabelsOverFills(map);
  });
  return map;
}

/**
 * The basemap's names above the data's fills and lines (hexagons, road segments would hide street names), below the
 * data's own points and labels, which keep their order and win label collisions. The data's points and labels go to
 * the top first, so a line layer added after them (the problem map's road tiles) still ends up under the names; call
 * again after adding layers.
 */
export function basemapLabelsOverFills(map: MapLibreMap) {
  const layers = map.getStyle().layers;
  const own = (id: string) => id.startsWith(BASEMAP_LAYER_PREFIX);
  const points = layers.filter((l) => !own(l.id) && (l.type === 'symbol' || l.type === 'circle'));
  for (const l of points) map.moveLayer(l.id);
  for (const l of layers) {
    if (own(l.id) && (l.type === 'symbol' || l.id.endsWith(OVER_DATA_SUFFIX))) map.moveLayer(l.id, points[0]?.id);
  }
}

/** Region and municipality outlines (and labels when the style has glyphs); idempotent. */
export function installBoundaryLayers(map: MapLibreMap) {
  if (!map.getSource(REGION_SOURCE)) map.addSource(REGION_SOURCE, { type: 'geojson', data: EMPTY_FC });
  if (!map.getSource(MUNICIPALITY_SOURCE)) map.addSource(MUNICIPALITY_SOURCE, { type: 'geojson', data: EMPTY_FC });
  for (const layer of [municipalityLineLayer, regionLineLayer]) if (!map.getLayer(layer.id)) map.addLayer(layer);
}

/** Municipality names, only where the style has glyphs; call after the data layers so names sit on top. */
export function installBoundaryLabels(map: MapLibreMap) {
  // Our basemap names the municipalities itself: a second set of names would double every one.
  if (map.getLayer(`${BASEMAP_LAYER_PREFIX}place-municipality`)) return;
  const font = styleTextFont(map.getStyle());
  if (font && !map.getLayer(MUNICIPALITY_LABEL_LAYER)) map.addLayer(municipalityLabelLayer(font));
}

/** Puts data into a GeoJSON source if it exists; resolves once the worker took it. */
export async function setSourceData(map: MapLibreMap | null, id: string, data: FeatureCollection): Promise<boolean> {
  const source = map?.getSource<GeoJSONSource>(id);
  if (!source) return false;
  await source.setData(data);
  return true;
}

/** The pointer cursor over the features of clickable layers. */
export function pointerOver(map: MapLibreMap, layers: readonly string[]) {
  for (const layer of layers) {
    map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
  }
}
