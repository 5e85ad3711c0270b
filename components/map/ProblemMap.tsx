'use client';

import 'maplibre-gl/dist/maplibre-gl.css';
import {
  Popup,
  type GeoJSONSource,
  type LayerSpecification,
  type Map as MapLibreMap,
  type MapMouseEvent,
  type VectorTileSource,
} from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import type { Bbox } from '@/lib/render/bbox';
import type { CountColor } from '@/lib/render/colorScale';
import type { DiffColor, DiffFeatureCollection } from '@/lib/render/compare';
import { cellRing, emptyHexagons, type HexFeatureCollection } from '@/lib/render/hexGeojson';
import { cellFillOpacity, type HeatPoints } from '@/lib/render/layerStyles';
import { roundView, type LayerId, type MapViewState, type Selection } from '@/lib/render/urlState';
import type { TileJson } from './api';
import {
  APPEAL_POINT_LAYER,
  APPEAL_TILES,
  appealPointLayer,
  CLICKABLE,
  COMPARE_LAYER,
  COMPARE_OUTLINE_LAYER,
  COMPARE_SOURCE,
  compareFillLayer,
  compareOutlineLayer,
  HEAT_SOURCE,
  heatLayer,
  LAYER_MAP,
  planLayer,
  ROAD_LAYER,
  ROAD_TILES,
  roadLayer,
  SELECTED_LAYER,
  SELECTED_SOURCE,
  selectedCellLayer,
  VACC_SOURCE,
  vaccLayer,
} from './dataLayers';
import { HEX_LAYER, HEX_OUTLINE_LAYER, HEX_SOURCE, hexFillLayer, hexOutlineLayer } from './layers';
import {
  basemapLabelsOverFills,
  createBaseMap,
  EMPTY_FC,
  installBoundaryLabels,
  installBoundaryLayers,
  pointerOver,
  setSourceData,
} from './shared/baseMap';

/** The browser tests' hooks below exist only in a build made for them (lib/config/testHooks.ts). */
const TEST_HOOKS = process.env.NEXT_PUBLIC_PMAP_TEST_HOOKS === '1';

declare global {
  interface Window {
    /** Test hooks: the map instance, set once it has loaded. */
    __pmapMap?: MapLibreMap;
    __pmapMapReady?: boolean;
    /** The hexagon request whose answer the `hexagons` source holds (set after the source took the data). */
    __pmapHexagonsApplied?: string | null;
    /** The same for the period-vs-period source. */
    __pmapCompareApplied?: string | null;
  }
}

export interface MapView {
  zoom: number;
  bounds: Bbox;
  center: { lat: number; lon: number };
}

export interface FlyTarget {
  lon: number;
  lat: number;
  zoom: number;
  /** A new key flies again to the same place. */
  key: number;
}

export interface ProblemMapProps {
  /** Extent to show first when there is no `initialView`; Russia when null. */
  initialBounds: Bbox | null;
  initialView: MapViewState | null;
  basemapStyleUrl: string | null;
  hexagons: HexFeatureCollection;
  /** The request `hexagons` came from, reported through `window.__pmapHexagonsApplied`. */
  hexagonsKey: string | null;
  fillColor: CountColor;
  /** Period-vs-period cells; when given they replace the hexagons. */
  compare: DiffFeatureCollection | null;
  compareKey: string | null;
  compareColor: DiffColor;
  heat: HeatPoints;
  vacc: FeatureCollection | null;
  municipalities: FeatureCollection | null;
  regions: FeatureCollection | null;
  layers: readonly LayerId[];
  appealTiles: TileJson | null;
  roadTiles: TileJson | null;
  selection: Selection | null;
  flyTo: FlyTarget | null;
  text: { failed: string; count: (n: string) => string; compare: (a: string, b: string) => string };
  onViewChange: (view: MapView) => void;
  onSelect: (selection: Selection) => void;
}

function viewOf(map: MapLibreMap): MapView {
  const b = map.getBounds();
  const c = map.getCenter();
  return {
    zoom: map.getZoom(),
    bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
    center: { lat: c.lat, lon: c.lng },
  };
}

/** Our GeoJSON sources and layers, bottom to top; safe to call again after a style swap. */
function installLayers(map: MapLibreMap) {
  const sources: [string, FeatureCollection][] = [
    [HEX_SOURCE, emptyHexagons()],
    [COMPARE_SOURCE, EMPTY_FC],
    [HEAT_SOURCE, EMPTY_FC],
    [VACC_SOURCE, EMPTY_FC],
    [SELECTED_SOURCE, EMPTY_FC],
  ];
  for (const [id, data] of sources) if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data });
  installBoundaryLayers(map);
  const layers: LayerSpecification[] = [
    hexFillLayer,
    hexOutlineLayer,
    compareFillLayer,
    compareOutlineLayer,
    heatLayer,
    vaccLayer,
    selectedCellLayer,
  ];
  for (const layer of layers) if (!map.getLayer(layer.id)) map.addLayer(layer);
  installBoundaryLabels(map);
}

/** Adds or retargets a vector tile source and its layers (below the selection outline). */
function syncTiles(map: MapLibreMap, id: string, tj: TileJson | null, layers: LayerSpecification[]) {
  if (!tj) return;
  const source = map.getSource<VectorTileSource>(id);
  if (source) {
    if (JSON.stringify(source.tiles) !== JSON.stringify(tj.tiles)) source.setTiles(tj.tiles);
  } else {
    map.addSource(id, { type: 'vector', tiles: tj.tiles, minzoom: tj.minzoom ?? 0, maxzoom: tj.maxzoom ?? 16 });
  }
  for (const layer of layers) if (!map.getLayer(layer.id)) map.addLayer(layer, SELECTED_LAYER);
  // Road lines under the basemap's street names, appeal points over them.
  basemapLabelsOverFills(map);
}

const number = new Intl.NumberFormat('ru-RU');

/** What a click at a point selects, top layer first: an appeal, a road segment, a cell. */
function selectionAt(map: MapLibreMap, e: MapMouseEvent): Selection | null {
  const layers = CLICKABLE.filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
  const [f] = map.queryRenderedFeatures(e.point, { layers: [...layers] });
  if (!f) return null;
  if (f.layer.id === APPEAL_POINT_LAYER) return { kind: 'appeal', id: Number(f.properties.id) };
  if (f.layer.id === ROAD_LAYER) return { kind: 'segment', id: Number(f.properties.id) };
  return { kind: 'cell', h3: String(f.properties.h3) };
}

/** The MapLibre map: a client-only leaf. Layers are created once; data changes go through `setData`. */
export default function ProblemMap(props: ProblemMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const callbacks = useRef({ onViewChange: props.onViewChange, onSelect: props.onSelect, text: props.text });
  useEffect(() => {
    callbacks.current = { onViewChange: props.onViewChange, onSelect: props.onSelect, text: props.text };
  }, [props.onViewChange, props.onSelect, props.text]);

  // The first view only: later URL changes come from the map itself, or arrive through `flyTo`.
  const [initial] = useState(() => ({ bounds: props.initialBounds, view: props.initialView }));
  const { basemapStyleUrl } = props;
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = createBaseMap({
      container,
      basemapStyleUrl,
      bounds: initial.bounds,
      view: initial.view ? { center: [initial.view.lon, initial.view.lat], zoom: initial.view.z } : null,
      padding: 24,
      failedText: callbacks.current.text.failed,
      install: installLayers,
    });
    if (!map) return;
    mapRef.current = map;
    map.on('load', () => {
      if (!initial.view) {
        // Snap the fitted first view to the URL's precision, so a copied link opens exactly this view.
        const v = roundView({ z: map.getZoom(), lat: map.getCenter().lat, lon: map.getCenter().lng });
        map.jumpTo({ center: [v.lon, v.lat], zoom: v.z });
      }
      if (TEST_HOOKS) window.__pmapMap = map;
      setReady(true);
      callbacks.current.onViewChange(viewOf(map));
      if (TEST_HOOKS) window.__pmapMapReady = true;
    });
    map.on('moveend', () => callbacks.current.onViewChange(viewOf(map)));
    map.on('click', (e) => {
      const selection = selectionAt(map, e);
      if (!selection) return;
      callbacks.current.onSelect(selection);
      if (selection.kind !== 'cell') return;
      const [f] = map.queryRenderedFeatures(e.point, {
        layers: [COMPARE_LAYER, HEX_LAYER].filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none'),
      });
      if (!f) return;
      const box = document.createElement('div');
      box.className = 'hex-popup';
      const line = document.createElement('strong');
      const { text } = callbacks.current;
      line.textContent =
        f.layer.id === COMPARE_LAYER
          ? `${text.compare(number.format(Number(f.properties.a)), number.format(Number(f.properties.b)))} (${Number(f.properties.diff) > 0 ? '+' : ''}${number.format(Number(f.properties.diff))})`
          : text.count(number.format(Number(f.properties.count)));
      box.append(line);
      new Popup({ maxWidth: '260px' }).setLngLat(e.lngLat).setDOMContent(box).addTo(map);
    });
    pointerOver(map, CLICKABLE);
    return () => {
      setReady(false);
      mapRef.current = null;
      if (TEST_HOOKS && window.__pmapMap === map) {
        delete window.__pmapMap;
        window.__pmapMapReady = false;
        window.__pmapHexagonsApplied = null;
        window.__pmapCompareApplied = null;
      }
      map.remove();
    };
  }, [initial, basemapStyleUrl]);

  const { hexagons, hexagonsKey } = props;
  useEffect(() => {
    const source = ready ? mapRef.current?.getSource<GeoJSONSource>(HEX_SOURCE) : undefined;
    if (!source) return;
    let current = true;
    source
      .setData(hexagons)
      .then(() => {
        if (TEST_HOOKS && current) window.__pmapHexagonsApplied = hexagonsKey;
      })
      .catch((err: unknown) => console.error('hexagons setData failed', err));
    return () => {
      current = false;
    };
  }, [ready, hexagons, hexagonsKey]);

  const { compare, compareKey } = props;
  useEffect(() => {
    if (!ready) return;
    let current = true;
    setSourceData(mapRef.current, COMPARE_SOURCE, compare ?? EMPTY_FC)
      .then(() => {
        if (TEST_HOOKS && current) window.__pmapCompareApplied = compare ? compareKey : null;
      })
      .catch((err: unknown) => console.error('compare setData failed', err));
    return () => {
      current = false;
    };
  }, [ready, compare, compareKey]);

  const { fillColor, compareColor } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (ready && map?.getLayer(HEX_LAYER)) map.setPaintProperty(HEX_LAYER, 'fill-color', fillColor);
  }, [ready, fillColor]);
  useEffect(() => {
    const map = mapRef.current;
    if (ready && map?.getLayer(COMPARE_LAYER)) map.setPaintProperty(COMPARE_LAYER, 'fill-color', compareColor);
  }, [ready, compareColor]);

  const { heat, vacc, municipalities, regions } = props;
  useEffect(() => {
    if (ready) void setSourceData(mapRef.current, HEAT_SOURCE, heat);
  }, [ready, heat]);
  useEffect(() => {
    if (ready) void setSourceData(mapRef.current, VACC_SOURCE, vacc ?? EMPTY_FC);
  }, [ready, vacc]);
  useEffect(() => {
    if (ready) void setSourceData(mapRef.current, 'boundaries', municipalities ?? EMPTY_FC);
  }, [ready, municipalities]);
  useEffect(() => {
    if (ready) void setSourceData(mapRef.current, 'regions', regions ?? EMPTY_FC);
  }, [ready, regions]);

  const { appealTiles, roadTiles } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    syncTiles(map, ROAD_TILES, roadTiles, [planLayer, roadLayer]);
    syncTiles(map, APPEAL_TILES, appealTiles, [appealPointLayer]);
  }, [ready, appealTiles, roadTiles]);

  const { layers } = props;
  const comparing = compare !== null;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const shown = new Set<string>();
    for (const id of layers) for (const layer of LAYER_MAP[id]) shown.add(layer);
    if (comparing && shown.has(HEX_LAYER)) {
      for (const id of [HEX_LAYER, HEX_OUTLINE_LAYER]) shown.delete(id);
      shown.add(COMPARE_LAYER).add(COMPARE_OUTLINE_LAYER);
    }
    const all = [...Object.values(LAYER_MAP).flat(), COMPARE_LAYER, COMPARE_OUTLINE_LAYER];
    for (const id of all) {
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', shown.has(id) ? 'visible' : 'none');
    }
    // Roads drawn over cells: fade the cells so the lines stay readable; at street zoom they fade further anyway.
    const underRoads = layers.includes('roads') || layers.includes('plans');
    for (const id of [HEX_LAYER, COMPARE_LAYER]) {
      if (map.getLayer(id))
        map.setPaintProperty(id, 'fill-opacity', cellFillOpacity(underRoads ? 0.3 : id === HEX_LAYER ? 0.78 : 0.85));
    }
  }, [ready, layers, comparing, appealTiles, roadTiles]);

  const { selection } = props;
  useEffect(() => {
    if (!ready) return;
    const data: FeatureCollection =
      selection?.kind === 'cell'
        ? {
            type: 'FeatureCollection',
            features: [
              { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [cellRing(selection.h3)] } },
            ],
          }
        : EMPTY_FC;
    void setSourceData(mapRef.current, SELECTED_SOURCE, data);
  }, [ready, selection]);

  const { flyTo } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !flyTo) return;
    map.flyTo({ center: [flyTo.lon, flyTo.lat], zoom: flyTo.zoom, essential: true });
  }, [ready, flyTo]);

  return (
    <div className="map-frame">
      <div ref={containerRef} className="map-canvas" data-testid="map" />
    </div>
  );
}
