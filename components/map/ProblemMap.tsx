'use client';

import 'maplibre-gl/dist/maplibre-gl.css';
import {
  getVersion,
  Map as MapLibreMap,
  NavigationControl,
  Popup,
  ScaleControl,
  setWorkerUrl,
  type GeoJSONSource,
  type MapLayerMouseEvent,
} from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import type { Bbox } from '@/lib/render/bbox';
import type { CountColor } from '@/lib/render/colorScale';
import { emptyHexagons, type HexFeatureCollection } from '@/lib/render/hexGeojson';
import {
  HEX_LAYER,
  HEX_SOURCE,
  hexFillLayer,
  hexOutlineLayer,
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
} from './layers';

declare global {
  interface Window {
    /** Test hooks: the map instance, set once it has loaded. */
    __pmapMap?: MapLibreMap;
    __pmapMapReady?: boolean;
    /** The hexagon request whose answer the `hexagons` source holds (set after the source took the data). */
    __pmapHexagonsApplied?: string | null;
  }
}

export interface MapView {
  zoom: number;
  bounds: Bbox;
}

export interface ProblemMapProps {
  /** Extent to show first; Russia when null. */
  initialBounds: Bbox | null;
  basemapStyleUrl: string | null;
  hexagons: HexFeatureCollection;
  /** The request `hexagons` came from, reported through `window.__pmapHexagonsApplied`. */
  hexagonsKey: string | null;
  fillColor: CountColor;
  municipalities: FeatureCollection | null;
  regions: FeatureCollection | null;
  onViewChange: (view: MapView) => void;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const countFormat = new Intl.NumberFormat('ru-RU');

function viewOf(map: MapLibreMap): MapView {
  const b = map.getBounds();
  return { zoom: map.getZoom(), bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] };
}

/** Our sources and layers, added on top of whatever style is loaded. Safe to call again after a style swap. */
function installLayers(map: MapLibreMap) {
  if (!map.getSource(HEX_SOURCE)) map.addSource(HEX_SOURCE, { type: 'geojson', data: emptyHexagons() });
  if (!map.getSource(REGION_SOURCE)) map.addSource(REGION_SOURCE, { type: 'geojson', data: EMPTY });
  if (!map.getSource(MUNICIPALITY_SOURCE)) map.addSource(MUNICIPALITY_SOURCE, { type: 'geojson', data: EMPTY });
  for (const layer of [hexFillLayer, hexOutlineLayer, municipalityLineLayer, regionLineLayer]) {
    if (!map.getLayer(layer.id)) map.addLayer(layer);
  }
  const font = styleTextFont(map.getStyle());
  if (font && !map.getLayer(MUNICIPALITY_LABEL_LAYER)) map.addLayer(municipalityLabelLayer(font));
}

function showCellPopup(map: MapLibreMap, e: MapLayerMouseEvent) {
  const props = e.features?.[0]?.properties;
  if (!props) return;
  const box = document.createElement('div');
  box.className = 'hex-popup';
  const count = document.createElement('strong');
  count.textContent = `Обращений: ${countFormat.format(Number(props.count))}`;
  box.append(count);
  new Popup({ maxWidth: '260px' }).setLngLat(e.lngLat).setDOMContent(box).addTo(map);
}

/** The MapLibre map: a client-only leaf. Layers are created once; data changes go through `setData`. */
export default function ProblemMap(props: ProblemMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const onViewChangeRef = useRef(props.onViewChange);
  useEffect(() => {
    onViewChangeRef.current = props.onViewChange;
  }, [props.onViewChange]);

  const { initialBounds, basemapStyleUrl } = props;
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    // Turbopack does not emit MapLibre's worker next to the bundle: serve the copy in public/.
    setWorkerUrl(`/maplibre-gl-worker.mjs?v=${getVersion()}`);
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container,
        style: basemapStyleUrl ?? OFFLINE_STYLE,
        bounds: initialBounds ?? RUSSIA_BOUNDS,
        fitBoundsOptions: { padding: 24 },
        locale: MAP_LOCALE_RU,
        attributionControl: { compact: true },
        dragRotate: false,
        pitchWithRotate: false,
      });
    } catch (err) {
      // No WebGL, typically. The container has no React children, so the message goes straight into it.
      const note = document.createElement('p');
      note.className = 'map-failure';
      note.setAttribute('role', 'alert');
      note.textContent = `Карта не может быть показана: ${err instanceof Error ? err.message : String(err)}`;
      container.replaceChildren(note);
      return;
    }
    mapRef.current = map;
    map.touchZoomRotate.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');

    let styleArrived = false;
    map.on('style.load', () => {
      styleArrived = true;
      installLayers(map);
    });
    map.on('error', (e) => {
      // An unreachable basemap style must not leave a blank page: fall back to the offline style.
      // (Errors after the style arrived are tiles or sprites, which the map survives.)
      if (!styleArrived && basemapStyleUrl) {
        styleArrived = true;
        console.warn('Basemap style failed, using the offline style', e.error);
        map.setStyle(OFFLINE_STYLE);
      }
    });
    map.on('load', () => {
      installLayers(map);
      window.__pmapMap = map;
      setReady(true);
      onViewChangeRef.current(viewOf(map));
      window.__pmapMapReady = true;
    });
    map.on('moveend', () => onViewChangeRef.current(viewOf(map)));
    map.on('click', HEX_LAYER, (e) => showCellPopup(map, e));
    map.on('mouseenter', HEX_LAYER, () => {
      map.getCanvas().style.cursor = 'pointer';
    });
    map.on('mouseleave', HEX_LAYER, () => {
      map.getCanvas().style.cursor = '';
    });

    return () => {
      setReady(false);
      mapRef.current = null;
      if (window.__pmapMap === map) {
        delete window.__pmapMap;
        window.__pmapMapReady = false;
        window.__pmapHexagonsApplied = null;
      }
      map.remove();
    };
  }, [initialBounds, basemapStyleUrl]);

  const { hexagons, hexagonsKey } = props;
  useEffect(() => {
    const source = ready ? mapRef.current?.getSource<GeoJSONSource>(HEX_SOURCE) : undefined;
    if (!source) return;
    let current = true;
    source
      .setData(hexagons)
      .then(() => {
        if (current) window.__pmapHexagonsApplied = hexagonsKey;
      })
      .catch((err: unknown) => console.error('hexagons setData failed', err));
    return () => {
      current = false;
    };
  }, [ready, hexagons, hexagonsKey]);

  const { fillColor } = props;
  useEffect(() => {
    const map = mapRef.current;
    if (ready && map?.getLayer(HEX_LAYER)) map.setPaintProperty(HEX_LAYER, 'fill-color', fillColor);
  }, [ready, fillColor]);

  const { municipalities, regions } = props;
  useEffect(() => {
    if (ready) void mapRef.current?.getSource<GeoJSONSource>(MUNICIPALITY_SOURCE)?.setData(municipalities ?? EMPTY);
  }, [ready, municipalities]);
  useEffect(() => {
    if (ready) void mapRef.current?.getSource<GeoJSONSource>(REGION_SOURCE)?.setData(regions ?? EMPTY);
  }, [ready, regions]);

  return (
    <div className="map-frame">
      <div ref={containerRef} className="map-canvas" data-testid="map" />
    </div>
  );
}
