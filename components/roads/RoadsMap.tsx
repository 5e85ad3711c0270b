'use client';

import 'maplibre-gl/dist/maplibre-gl.css';
import { LngLatBounds, type GeoJSONSource, type Map as MapLibreMap, type MapLayerMouseEvent } from 'maplibre-gl';
import { createBaseMap } from '@/components/map/shared/baseMap';
import type { FeatureCollection } from 'geojson';
import { useEffect, useMemo, useRef } from 'react';
import { MAP_LOCALE_RU } from '@/components/map/layers';
import { scoreBands } from '@/lib/roads/bands';
import { SEGMENTS_LAYER, SEGMENTS_SOURCE, SELECTED_LAYER, scoreColor, segmentsLayer, selectedLayer } from './roadLayers';
import styles from './roads.module.css';

declare global {
  interface Window {
    /** Test hooks: the roads map once loaded, and the id it highlights. */
    __pmapRoadsMap?: MapLibreMap;
    __pmapRoadsSelected?: number | null;
  }
}

export interface RoadsMapProps {
  /** Segments with their current score in properties.score. */
  segments: FeatureCollection;
  selected: number | null;
  basemapStyleUrl: string | null;
  onSelect: (id: number) => void;
}

function boundsOf(fc: FeatureCollection): LngLatBounds | null {
  const b = new LngLatBounds();
  let any = false;
  for (const f of fc.features) {
    const g = f.geometry;
    const lines = g?.type === 'MultiLineString' ? g.coordinates : g?.type === 'LineString' ? [g.coordinates] : [];
    for (const l of lines) for (const p of l) {
      b.extend([p[0], p[1]]);
      any = true;
    }
  }
  return any ? b : null;
}

/** The segments map: lines coloured by score, the selected one drawn over in blue; a click selects a segment. */
export default function RoadsMap({ segments, selected, basemapStyleUrl, onSelect }: RoadsMapProps) {
  const ref = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const loaded = useRef(false);
  const fitted = useRef(false);
  // Quantile bands of the scores shown, so that segments separate however the scores cluster.
  const bands = useMemo(() => scoreBands(segments.features.map((f) => Number(f.properties?.score ?? 0))), [segments]);
  const latest = useRef({ segments, selected, onSelect, bands });
  useEffect(() => {
    latest.current = { segments, selected, onSelect, bands };
  });

  useEffect(() => {
    if (!ref.current) return;
    const map = createBaseMap({
      container: ref.current,
      basemapStyleUrl,
      view: { center: [55.1, 51.77], zoom: 11 },
      bounds: null,
      padding: 24,
      locale: { ...MAP_LOCALE_RU, 'Map.Title': 'Карта участков дорог' },
      failedText: 'Карта не запустилась в этом браузере',
      // Runs on load and after a basemap swap: adds what is missing.
      install: (m) => {
        if (!m.getSource(SEGMENTS_SOURCE)) m.addSource(SEGMENTS_SOURCE, { type: 'geojson', data: latest.current.segments });
        if (!m.getLayer(SEGMENTS_LAYER)) m.addLayer(segmentsLayer(latest.current.bands));
        if (!m.getLayer(SELECTED_LAYER)) m.addLayer(selectedLayer(latest.current.selected));
        loaded.current = true;
        window.__pmapRoadsMap = m;
        const b = boundsOf(latest.current.segments);
        if (b && !fitted.current) {
          m.fitBounds(b, { padding: 24, duration: 0 });
          fitted.current = true;
        }
      },
    });
    if (!map) return;
    mapRef.current = map;
    map.on('click', SEGMENTS_LAYER, (e: MapLayerMouseEvent) => {
      const id = Number(e.features?.[0]?.properties?.id);
      if (Number.isFinite(id)) latest.current.onSelect(id);
    });
    map.on('mouseenter', SEGMENTS_LAYER, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', SEGMENTS_LAYER, () => (map.getCanvas().style.cursor = ''));
    return () => {
      loaded.current = false;
      map.remove();
      mapRef.current = null;
    };
  }, [basemapStyleUrl]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded.current) return;
    (map.getSource(SEGMENTS_SOURCE) as GeoJSONSource | undefined)?.setData(segments);
    if (map.getLayer(SEGMENTS_LAYER)) map.setPaintProperty(SEGMENTS_LAYER, 'line-color', scoreColor(bands));
    if (!fitted.current) {
      const b = boundsOf(segments);
      if (b) {
        map.fitBounds(b, { padding: 24, duration: 0 });
        fitted.current = true;
      }
    }
  }, [segments, bands]);

  useEffect(() => {
    window.__pmapRoadsSelected = selected;
    const map = mapRef.current;
    if (!map || !loaded.current) return;
    map.setFilter(SELECTED_LAYER, ['==', ['get', 'id'], selected ?? -1]);
    if (selected === null) return;
    const f = segments.features.find((x) => x.properties?.id === selected);
    const b = f ? boundsOf({ type: 'FeatureCollection', features: [f] }) : null;
    if (b) map.fitBounds(b, { padding: 120, maxZoom: 16, duration: 400 });
  }, [selected, segments]);

  return (
    <div className={styles.mapFrame}>
      <div ref={ref} className={styles.mapCanvas} role="region" aria-label="Карта участков дорог" />
      {/* Below the map, never over the lines. */}
      <div className={styles.legend} aria-label="Легенда карты" data-testid="roads-legend">
        <strong>Балл приоритета (по квартилям)</strong>
        <ul>
          {bands.map((b) => (
            <li key={b.from} data-color={b.color} data-from={b.from}><span className={styles.swatch} style={{ background: b.color }} />{b.label}</li>
          ))}
          <li><span className={styles.swatch} style={{ background: '#1d4ed8' }} />выбранный участок</li>
        </ul>
      </div>
    </div>
  );
}
