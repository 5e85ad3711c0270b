'use client';

import 'maplibre-gl/dist/maplibre-gl.css';
import type { Geometry } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import { countBreaks, countColorExpression, legendClasses } from '@/lib/render/colorScale';
import { cellsToFeatureCollection } from '@/lib/render/hexGeojson';
import { OFFLINE_STYLE } from '@/components/map/layers';
import { absoluteUrl, basemapLabelsOverFills, startMap } from '@/components/map/shared/baseMap';
import { basemapStyleUrl, BASEMAP_SOURCE } from '@/lib/aggregate/basemap/style';
import styles from './briefing.module.css';

export interface BriefingMapProps {
  name: string;
  geometry: Geometry;
  bbox: [number, number, number, number];
  cells: { h3: string; count: number }[];
  /** A deployment's own basemap style (PMAP_BASEMAP_STYLE_URL); null: the app's muted basemap. */
  basemapUrl?: string | null;
}

/** The browser tests' hooks below exist only in a build made for them (lib/config/testHooks.ts). */
const TEST_HOOKS = process.env.NEXT_PUBLIC_PMAP_TEST_HOOKS === '1';

declare global {
  interface Window {
    /** Test hook: the snapshot is drawn and frozen into an image. */
    __pmapBriefingMap?: 'ready' | 'failed';
  }
}

const fmt = new Intl.NumberFormat('ru-RU');

/**
 * A static map of the municipality with its complaint hexagons, drawn once with MapLibre on the offline style
 * (no network) and frozen into an <img> from the canvas, so that print and "save as PDF" always carry it.
 */
export function BriefingMap({ name, geometry, bbox, cells, basemapUrl = null }: BriefingMapProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [image, setImage] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [attribution, setAttribution] = useState<string | null>(null);
  const classes = legendClasses(countBreaks(cells.reduce((m, c) => Math.max(m, c.count), 0)));

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const m = startMap(
      {
        container,
        style: absoluteUrl(basemapStyleUrl('muted', basemapUrl)),
        bounds: bbox,
        fitBoundsOptions: { padding: 16 },
        interactive: false,
        attributionControl: false,
        canvasContextAttributes: { preserveDrawingBuffer: true },
        pixelRatio: 2,
      },
      () => {
        // No WebGL: report it after this render (the constructor throws synchronously).
        queueMicrotask(() => {
          setFailed(true);
          if (TEST_HOOKS) window.__pmapBriefingMap = 'failed';
        });
      },
    );
    if (!m) return;
    let loaded = false;
    m.on('load', () => {
      loaded = true;
      const basemap = m.getStyle().sources[BASEMAP_SOURCE];
      setAttribution(basemap && 'attribution' in basemap ? (basemap.attribution ?? null) : null);
      m.addSource('municipality', { type: 'geojson', data: { type: 'Feature', geometry, properties: {} } });
      m.addSource('cells', { type: 'geojson', data: cellsToFeatureCollection(cells) });
      // A light veil outside nothing, inside the municipality: its streets and names stay legible under the cells.
      m.addLayer({
        id: 'municipality-fill',
        type: 'fill',
        source: 'municipality',
        paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.35 },
      });
      m.addLayer({
        id: 'cells',
        type: 'fill',
        source: 'cells',
        paint: { 'fill-color': countColorExpression(classes) as never, 'fill-opacity': 0.85 },
      });
      m.addLayer({
        id: 'cells-line',
        type: 'line',
        source: 'cells',
        paint: { 'line-color': '#7a2a0a', 'line-width': 0.4, 'line-opacity': 0.5 },
      });
      m.addLayer({
        id: 'municipality-line',
        type: 'line',
        source: 'municipality',
        paint: { 'line-color': '#2d3748', 'line-width': 1.5 },
      });
      basemapLabelsOverFills(m);
      m.once('idle', () => {
        setImage(m.getCanvas().toDataURL('image/png'));
        if (TEST_HOOKS) window.__pmapBriefingMap = 'ready';
        m.remove();
      });
    });
    m.on('error', () => {
      // The basemap style unreachable: draw on the plain offline style rather than nothing.
      if (!loaded && m.getStyle()?.name !== OFFLINE_STYLE.name) {
        m.setStyle(OFFLINE_STYLE);
        return;
      }
      setFailed(true);
      if (TEST_HOOKS) window.__pmapBriefingMap = 'failed';
    });
    return () => {
      try {
        m.remove();
      } catch {
        // already removed after the snapshot
      }
    };
    // The map is drawn once from the server's data; the props never change for one page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <figure
      className={styles.mapFigure}
      data-testid="briefing-map"
      data-state={image ? 'ready' : failed ? 'failed' : 'loading'}
    >
      {image ? (
        // eslint-disable-next-line @next/next/no-img-element -- a data: URL snapshot, nothing for next/image to optimise
        <img src={image} alt={`Карта обращений: ${name}`} className={styles.mapImage} />
      ) : (
        <div ref={ref} className={styles.mapCanvas} aria-hidden="true" />
      )}
      {failed && <p className={styles.muted}>Карту не удалось нарисовать в этом браузере (нет WebGL).</p>}
      <figcaption className={styles.legend}>
        <span>Жалоб в ячейке:</span>
        {classes.map((c) => (
          <span key={c.from} className={styles.legendItem}>
            <i style={{ background: c.color }} aria-hidden="true" />
            {c.to === null
              ? `${fmt.format(c.from)}+`
              : c.to === c.from
                ? fmt.format(c.from)
                : `${fmt.format(c.from)}–${fmt.format(c.to)}`}
          </span>
        ))}
        {cells.length === 0 && <span>за период жалоб с координатами нет</span>}
        {attribution && <span className={styles.attribution}>Подложка: {attribution}</span>}
      </figcaption>
    </figure>
  );
}
