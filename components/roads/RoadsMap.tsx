'use client';

import 'maplibre-gl/dist/maplibre-gl.css';
import type { Map as MapLibreMap, MapLayerMouseEvent, VectorSourceSpecification } from 'maplibre-gl';
import { createBaseMap } from '@/components/map/shared/baseMap';
import { useEffect, useRef } from 'react';
import { MAP_LOCALE_RU } from '@/components/map/layers';
import type { Bounds, RoadsTileJson as TileJson } from './api';
import type { ScoreBand } from '@/lib/roads/bands';
import {
  SEGMENTS_LAYER,
  SEGMENTS_SOURCE,
  SEGMENTS_SOURCE_LAYER,
  SELECTED_LAYER,
  ownerFilter,
  scoreColor,
  segmentsLayer,
  selectedLayer,
} from './roadLayers';
import styles from './roads.module.css';

/** The browser tests' hooks below exist only in a build made for them (lib/config/testHooks.ts). */
const TEST_HOOKS = process.env.NEXT_PUBLIC_PMAP_TEST_HOOKS === '1';

declare global {
  interface Window {
    /** Test hooks: the roads map once loaded, and the id it highlights. */
    __pmapRoadsMap?: MapLibreMap;
    __pmapRoadsSelected?: number | null;
  }
}

export interface RoadsMapProps {
  /** TileJSON of /api/tiles/roads for the list's period (absolute tile URLs). */
  tiles: TileJson;
  /** Every listed segment's score by id, and the quantile bands over them. */
  scores: Record<string, number>;
  bands: ScoreBand[];
  /** Staff's chosen owner (null: every owner the viewer may see). */
  owner: string | null;
  selected: number | null;
  /** Where the map opens: the bounds of the list's first page and of its top segment (null: the data's bounds). */
  initialView: { all: Bounds; first: Bounds | null } | null;
  /** The selected segment's bounds [w, s, e, n], to zoom to it. */
  selectedBounds: [number, number, number, number] | null;
  basemapStyleUrl: string | null;
  onSelect: (id: number) => void;
}

const sourceOf = (tj: TileJson): VectorSourceSpecification => ({
  type: 'vector',
  tiles: tj.tiles,
  minzoom: tj.minzoom,
  maxzoom: tj.maxzoom,
  promoteId: 'id',
  ...(tj.bounds ? { bounds: tj.bounds } : {}),
});

/** Each segment's score as its feature state: the colour expression reads it. */
function paintScores(m: MapLibreMap, scores: Record<string, number>) {
  m.removeFeatureState({ source: SEGMENTS_SOURCE, sourceLayer: SEGMENTS_SOURCE_LAYER });
  for (const [id, score] of Object.entries(scores))
    m.setFeatureState({ source: SEGMENTS_SOURCE, sourceLayer: SEGMENTS_SOURCE_LAYER, id: Number(id) }, { score });
}

/** Lines are drawn from this zoom on (the tiles' minzoom); the map never opens further out, where it would be blank. */
const OPEN_MIN_ZOOM = 10;

/**
 * Opens on the first page's segments; when they spread wider than OPEN_MIN_ZOOM shows, on the top segment at that
 * zoom (a whole region's bounds would be too far out for any line to be drawn).
 */
function openView(m: MapLibreMap, v: { all: Bounds; first: Bounds | null } | null, tj: TileJson) {
  const b = v?.all ?? tj.bounds;
  if (!b) return;
  m.fitBounds(
    [
      [b[0], b[1]],
      [b[2], b[3]],
    ],
    { padding: 24, duration: 0, maxZoom: 15 },
  );
  if (m.getZoom() >= Math.max(OPEN_MIN_ZOOM, tj.minzoom ?? 0)) return;
  const f = v?.first ?? b;
  m.jumpTo({ center: [(f[0] + f[2]) / 2, (f[1] + f[3]) / 2], zoom: Math.max(OPEN_MIN_ZOOM, tj.minzoom ?? 0) });
}

/**
 * The segments map: the vector tiles /api/tiles/roads (only the segments in view are loaded), lines coloured by the
 * table's score in quantile bands, the selected one drawn over in blue; a click selects a segment.
 */
export default function RoadsMap({
  tiles,
  scores,
  bands,
  owner,
  selected,
  initialView,
  selectedBounds,
  basemapStyleUrl,
  onSelect,
}: RoadsMapProps) {
  const ref = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const loaded = useRef(false);
  const fitted = useRef(false);
  const latest = useRef({ tiles, scores, bands, owner, selected, onSelect, initialView });
  useEffect(() => {
    latest.current = { tiles, scores, bands, owner, selected, onSelect, initialView };
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
        const l = latest.current;
        if (!m.getSource(SEGMENTS_SOURCE)) m.addSource(SEGMENTS_SOURCE, sourceOf(l.tiles));
        if (!m.getLayer(SEGMENTS_LAYER)) m.addLayer(segmentsLayer(l.bands, l.owner));
        if (!m.getLayer(SELECTED_LAYER)) m.addLayer(selectedLayer(l.selected));
        paintScores(m, l.scores);
        loaded.current = true;
        if (TEST_HOOKS) window.__pmapRoadsMap = m;
        if (!fitted.current) {
          fitted.current = true;
          openView(m, l.initialView, l.tiles);
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

  // Another period: other tiles (their complaint counts follow the period).
  const tileUrl = tiles.tiles[0];
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded.current) return;
    const src = map.getSource(SEGMENTS_SOURCE) as { setTiles?: (t: string[]) => void } | undefined;
    src?.setTiles?.([tileUrl]);
  }, [tileUrl]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded.current) return;
    paintScores(map, scores);
    if (map.getLayer(SEGMENTS_LAYER)) {
      map.setPaintProperty(SEGMENTS_LAYER, 'line-color', scoreColor(bands));
      map.setFilter(SEGMENTS_LAYER, ownerFilter(owner) ?? null);
    }
  }, [scores, bands, owner]);

  useEffect(() => {
    if (TEST_HOOKS) window.__pmapRoadsSelected = selected;
    const map = mapRef.current;
    if (!map || !loaded.current) return;
    map.setFilter(SELECTED_LAYER, ['==', ['get', 'id'], selected ?? -1]);
    if (selected === null || !selectedBounds) return;
    const [w, s, e, n] = selectedBounds;
    map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: 120, maxZoom: 16, duration: 400 },
    );
  }, [selected, selectedBounds]);

  return (
    <div className={styles.mapFrame}>
      <div ref={ref} className={styles.mapCanvas} role="region" aria-label="Карта участков дорог" />
      {/* Below the map, never over the lines. */}
      <div className={styles.legend} aria-label="Легенда карты" data-testid="roads-legend">
        <strong>Балл приоритета (по квартилям)</strong>
        <ul>
          {bands.map((b) => (
            <li key={b.from} data-color={b.color} data-from={b.from}>
              <span className={styles.swatch} style={{ background: b.color }} />
              {b.label}
            </li>
          ))}
          <li>
            <span className={styles.swatch} style={{ background: '#1d4ed8' }} />
            выбранный участок
          </li>
        </ul>
      </div>
    </div>
  );
}
