'use client';

import 'maplibre-gl/dist/maplibre-gl.css';
import { Map as MapLibreMap, Popup, type GeoJSONSource, type MapLayerMouseEvent } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import { MAP_LOCALE_RU, MUNICIPALITY_SOURCE, REGION_SOURCE, styleTextFont } from '@/components/map/layers';
import { createBaseMap, installBoundaryLayers, pointerOver } from '@/components/map/shared/baseMap';
import type { Bbox } from '@/lib/points/filter';
import {
  CLUSTER_COUNT_LAYER,
  CLUSTER_LAYER,
  clusterCountLayer,
  clusterLayer,
  ORIGIN_SOURCE,
  originLabelLayer,
  originLayer,
  ORIGIN_LABEL_LAYER,
  POINT_LAYER,
  pointLayer,
  POINTS_SOURCE,
  SELECTED_SOURCE,
  selectedLayer,
} from './pointLayers';
import styles from './vaccination.module.css';

/** The browser tests' hooks below exist only in a build made for them (lib/config/testHooks.ts). */
const TEST_HOOKS = process.env.NEXT_PUBLIC_PMAP_TEST_HOOKS === '1';

declare global {
  interface Window {
    /** Test hooks: the points map once loaded, and how many points its source holds. */
    __pmapPointsMap?: MapLibreMap;
    __pmapPointsReady?: boolean;
    __pmapPointsApplied?: number;
  }
}

export type PointFeatures = FeatureCollection<Point, { id: number; open: 0 | 1 | 2 }>;
export interface LonLat {
  lon: number;
  lat: number;
}

export interface PointsMapProps {
  points: PointFeatures;
  selected: (LonLat & { id: number; name: string }) | null;
  /** Region and municipality outlines: orientation without a basemap. */
  regions: FeatureCollection | null;
  municipalities: FeatureCollection | null;
  origin: LonLat | null;
  /** What the origin marker is, as its label («Вы здесь», «Искомый адрес»); null: no label. */
  originLabel: string | null;
  initialBounds: Bbox | null;
  /** A request to move the map; a new `key` moves it again to the same place. */
  flyTo: (LonLat & { zoom: number; key: number }) | null;
  basemapStyleUrl: string | null;
  lang: 'ru' | 'en';
  label: string;
  failedText: string;
  onSelect: (id: number) => void;
  /** The map centre after the user moved the map (not after our own flyTo). */
  onUserMove: (center: LonLat) => void;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const pointFeature = (p: LonLat, properties: Record<string, string> = {}): FeatureCollection => ({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } }],
});

function installLayers(map: MapLibreMap) {
  installBoundaryLayers(map);
  if (!map.getSource(POINTS_SOURCE)) {
    // Clustering in the worker keeps 20 k points smooth: the main thread only ever draws a few hundred circles.
    map.addSource(POINTS_SOURCE, {
      type: 'geojson',
      data: EMPTY,
      cluster: true,
      clusterRadius: 44,
      clusterMaxZoom: 13,
    });
  }
  if (!map.getSource(SELECTED_SOURCE)) map.addSource(SELECTED_SOURCE, { type: 'geojson', data: EMPTY });
  if (!map.getSource(ORIGIN_SOURCE)) map.addSource(ORIGIN_SOURCE, { type: 'geojson', data: EMPTY });
  for (const layer of [clusterLayer, pointLayer, originLayer, selectedLayer]) {
    if (!map.getLayer(layer.id)) map.addLayer(layer);
  }
  const font = styleTextFont(map.getStyle());
  if (font && !map.getLayer(CLUSTER_COUNT_LAYER)) map.addLayer(clusterCountLayer(font));
  if (font && !map.getLayer(ORIGIN_LABEL_LAYER)) map.addLayer(originLabelLayer(font));
}

/**
 * Cluster sizes as text over the map when the style has no glyphs (the offline style): a few dozen absolutely
 * placed spans, rebuilt after each frame the map draws, hidden from assistive technology (the list says it all).
 */
function clusterLabeller(map: MapLibreMap, box: HTMLElement): () => void {
  let queued = false;
  const draw = () => {
    queued = false;
    if (map.getLayer(CLUSTER_COUNT_LAYER) || !map.getLayer(CLUSTER_LAYER)) return box.replaceChildren();
    const seen = new Set<number>();
    const spans: HTMLElement[] = [];
    for (const f of map.queryRenderedFeatures({ layers: [CLUSTER_LAYER] })) {
      const id = Number(f.properties.cluster_id);
      if (seen.has(id) || f.geometry.type !== 'Point') continue;
      seen.add(id);
      const { x, y } = map.project(f.geometry.coordinates as [number, number]);
      const span = document.createElement('span');
      span.textContent = String(f.properties.point_count_abbreviated ?? f.properties.point_count);
      span.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px) translate(-50%, -50%)`;
      spans.push(span);
    }
    box.replaceChildren(...spans);
  };
  return () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(draw);
    }
  };
}

/** The public points map: a client-only leaf; data changes go through setData, layers are created once. */
export default function PointsMap(props: PointsMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const labelsRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const callbacks = useRef({ onSelect: props.onSelect, onUserMove: props.onUserMove });
  useEffect(() => {
    callbacks.current = { onSelect: props.onSelect, onUserMove: props.onUserMove };
  }, [props.onSelect, props.onUserMove]);

  const { initialBounds, basemapStyleUrl, lang, label, failedText } = props;
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = createBaseMap({
      container,
      basemapStyleUrl,
      bounds: initialBounds,
      padding: 32,
      locale: lang === 'ru' ? { ...MAP_LOCALE_RU, 'Map.Title': label } : { 'Map.Title': label },
      failedText,
      install: installLayers,
    });
    if (!map) return;
    mapRef.current = map;
    if (labelsRef.current) map.on('render', clusterLabeller(map, labelsRef.current));
    map.on('load', () => {
      setReady(true);
      if (TEST_HOOKS) {
        window.__pmapPointsMap = map;
        window.__pmapPointsReady = true;
      }
    });
    map.on('moveend', (e) => {
      if (!('originalEvent' in e) || !e.originalEvent) return;
      const c = map.getCenter();
      callbacks.current.onUserMove({ lon: c.lng, lat: c.lat });
    });
    map.on('click', POINT_LAYER, (e: MapLayerMouseEvent) => {
      const id = Number(e.features?.[0]?.properties?.id);
      if (Number.isFinite(id)) callbacks.current.onSelect(id);
    });
    map.on('click', CLUSTER_LAYER, async (e: MapLayerMouseEvent) => {
      const f = e.features?.[0];
      const source = map.getSource<GeoJSONSource>(POINTS_SOURCE);
      if (!f || !source || f.geometry.type !== 'Point') return;
      const zoom = await source.getClusterExpansionZoom(Number(f.properties?.cluster_id));
      map.easeTo({ center: f.geometry.coordinates as [number, number], zoom });
    });
    pointerOver(map, [POINT_LAYER, CLUSTER_LAYER]);
    return () => {
      setReady(false);
      mapRef.current = null;
      if (TEST_HOOKS && window.__pmapPointsMap === map) {
        delete window.__pmapPointsMap;
        window.__pmapPointsReady = false;
      }
      map.remove();
    };
  }, [initialBounds, basemapStyleUrl, lang, label, failedText]);

  const { points } = props;
  useEffect(() => {
    const source = ready ? mapRef.current?.getSource<GeoJSONSource>(POINTS_SOURCE) : undefined;
    if (!source) return;
    let current = true;
    source
      .setData(points)
      .then(() => {
        if (TEST_HOOKS && current) window.__pmapPointsApplied = points.features.length;
      })
      .catch((err: unknown) => console.error('points setData failed', err));
    return () => {
      current = false;
    };
  }, [ready, points]);

  const { selected, origin } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    void map.getSource<GeoJSONSource>(SELECTED_SOURCE)?.setData(selected ? pointFeature(selected) : EMPTY);
    if (!selected) return;
    // The name beside the highlighted point; text only, no close button to trap focus.
    const popup = new Popup({
      closeButton: false,
      closeOnClick: false,
      offset: 14,
      maxWidth: '240px',
      className: styles.popup,
    })
      .setLngLat([selected.lon, selected.lat])
      .setText(selected.name)
      .addTo(map);
    return () => {
      popup.remove();
    };
  }, [ready, selected]);
  const { regions, municipalities } = props;
  useEffect(() => {
    if (ready) void mapRef.current?.getSource<GeoJSONSource>(REGION_SOURCE)?.setData(regions ?? EMPTY);
  }, [ready, regions]);
  useEffect(() => {
    if (ready) void mapRef.current?.getSource<GeoJSONSource>(MUNICIPALITY_SOURCE)?.setData(municipalities ?? EMPTY);
  }, [ready, municipalities]);
  const { originLabel } = props;
  useEffect(() => {
    const data = origin ? pointFeature(origin, originLabel ? { label: originLabel } : {}) : EMPTY;
    if (ready) void mapRef.current?.getSource<GeoJSONSource>(ORIGIN_SOURCE)?.setData(data);
  }, [ready, origin, originLabel]);

  const { flyTo } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !flyTo) return;
    map.flyTo({ center: [flyTo.lon, flyTo.lat], zoom: Math.max(map.getZoom(), flyTo.zoom), essential: true });
  }, [ready, flyTo]);

  return (
    <div className={styles.mapStage}>
      <div ref={containerRef} className="map-canvas" data-testid="points-map" />
      <div ref={labelsRef} className={styles.clusterLabels} aria-hidden="true" />
    </div>
  );
}
