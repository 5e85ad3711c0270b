'use client';

import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useCallback, useMemo, useState } from 'react';
import { fetchBoundaries } from '@/components/map/api';
import { openStatesAt } from '@/lib/hours/status';
import { dictionary, type Lang } from '@/lib/i18n/vaccination';
import { decodePoints } from '@/lib/points/compact';
import { byDistance, filterPoints, vaccinesOf, type Bbox } from '@/lib/points/filter';
import type { PublicPoint } from '@/lib/points/types';
import { fetchPoints, geocode } from './api';
import { NO_FILTERS, PointFilters, type Filters } from './PointFilters';
import { PointList } from './PointList';
import { OPEN_COLORS } from './pointLayers';
import type { LonLat, PointFeatures } from './PointsMap';
import { SearchBox } from './SearchBox';
import { useNow } from './useNow';
import styles from './vaccination.module.css';

const PointsMap = dynamic(() => import('./PointsMap'), {
  ssr: false,
  loading: () => <div className={styles.mapPlaceholder} aria-hidden="true" />,
});

const PAGE = 50;

interface Origin extends LonLat {
  kind: 'address' | 'me' | 'points';
}

function extent(points: readonly PublicPoint[]): Bbox | null {
  if (!points.length) return null;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    w = Math.min(w, p.lon);
    s = Math.min(s, p.lat);
    e = Math.max(e, p.lon);
    n = Math.max(n, p.lat);
  }
  return [w, s, e, n];
}

/** A point whose address or name holds every word of the query: the fallback when the gazetteer has no answer. */
function pointMatching(points: readonly PublicPoint[], query: string): PublicPoint | null {
  const words = query
    .toLowerCase()
    .split(/[\s,.]+/)
    .filter((w) => w.length >= 3);
  if (!words.length) return null;
  return (
    points.find((p) => {
      const hay = `${p.address ?? ''} ${p.name}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    }) ?? null
  );
}

export interface VaccinationAppProps {
  lang: Lang;
  staleDays: number;
  basemapStyleUrl: string | null;
}

/** The public vaccination-point page: search, filters and a list beside a map, kept in sync. */
export function VaccinationApp({ lang, staleDays, basemapStyleUrl }: VaccinationAppProps) {
  const t = dictionary(lang);
  const now = useNow();
  const data = useQuery({
    queryKey: ['public-points'],
    queryFn: ({ signal }) => fetchPoints(signal),
    staleTime: 300_000,
  });
  const points = useMemo(() => (data.data ? decodePoints(data.data) : []), [data.data]);
  const bounds = useMemo(() => extent(points), [points]);
  const vaccines = useMemo(() => vaccinesOf(points), [points]);
  const regions = useQuery({
    queryKey: ['boundaries', 'region'],
    queryFn: ({ signal }) => fetchBoundaries('region', signal),
    staleTime: Infinity,
  });
  const municipalities = useQuery({
    queryKey: ['boundaries', 'municipality'],
    queryFn: ({ signal }) => fetchBoundaries('municipality', signal),
    staleTime: Infinity,
  });

  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [origin, setOrigin] = useState<Origin | null>(null);
  const [mapCenter, setMapCenter] = useState<LonLat | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const [search, setSearch] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null });
  const [flyTo, setFlyTo] = useState<(LonLat & { zoom: number; key: number }) | null>(null);

  const filtered = useMemo(
    () =>
      filterPoints(
        points,
        {
          openNow: filters.openNow,
          walkIn: filters.walkIn,
          accessible: filters.accessible,
          vaccine: filters.vaccine || null,
        },
        now,
      ),
    [points, filters, now],
  );
  const reference = useMemo(
    () =>
      origin ?? mapCenter ?? (bounds ? { lon: (bounds[0] + bounds[2]) / 2, lat: (bounds[1] + bounds[3]) / 2 } : null),
    [origin, mapCenter, bounds],
  );
  const sorted = useMemo(
    () => (reference ? byDistance(filtered, reference) : filtered.map((p) => ({ ...p, distanceKm: 0 }))),
    [filtered, reference],
  );
  const rows = sorted.slice(0, limit);
  const selectedRow = sorted.find((p) => p.id === selectedId) ?? null;
  const pinned = selectedRow && !rows.includes(selectedRow) ? selectedRow : null;

  const features: PointFeatures = useMemo(() => {
    const stateOf = openStatesAt(now);
    const code = { closed: 0, open: 1, unknown: 2 } as const;
    return {
      type: 'FeatureCollection',
      features: filtered.map((p) => ({
        type: 'Feature',
        properties: { id: p.id, open: code[stateOf(p.hours, p.timezone).state] },
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      })),
    };
  }, [filtered, now]);

  const changeFilters = (f: Filters) => {
    setFilters(f);
    setLimit(PAGE);
  };
  const goTo = useCallback((o: Origin, message: string) => {
    setOrigin(o);
    setLimit(PAGE);
    setSelectedId(null);
    setSearch({ busy: false, message });
    setFlyTo({ lon: o.lon, lat: o.lat, zoom: 11, key: Date.now() });
  }, []);

  const onSearch = async (q: string) => {
    setSearch({ busy: true, message: t.searchState.searching });
    try {
      const hit = await geocode(q);
      if (hit) return goTo({ lon: hit.lon, lat: hit.lat, kind: 'address' }, t.searchState.foundAddress(hit.matched));
    } catch {
      // the gazetteer being down is no reason to give up: the points' own addresses may still match
    }
    const p = pointMatching(points, q);
    if (p) return goTo({ lon: p.lon, lat: p.lat, kind: 'points' }, t.searchState.foundInPoints(q));
    setSearch({ busy: false, message: t.searchState.notFound(q) });
  };

  const onNearMe = () => {
    if (!('geolocation' in navigator)) return setSearch({ busy: false, message: t.searchState.geoUnavailable });
    setSearch({ busy: true, message: t.searchState.locating });
    navigator.geolocation.getCurrentPosition(
      (pos) => goTo({ lon: pos.coords.longitude, lat: pos.coords.latitude, kind: 'me' }, t.searchState.nearMe),
      () => setSearch({ busy: false, message: t.searchState.geoDenied }),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  };

  const onClear = () => {
    setOrigin(null);
    setSearch({ busy: false, message: null });
  };

  const selectFromList = useCallback(
    (id: number) => {
      setSelectedId((cur) => {
        if (cur === id) return null;
        const p = points.find((x) => x.id === id);
        if (p) setFlyTo({ lon: p.lon, lat: p.lat, zoom: 11, key: Date.now() });
        return id;
      });
    },
    [points],
  );

  const selectFromMap = useCallback((id: number) => {
    setSelectedId(id);
    // The list follows: bring the item into view once it has rendered.
    requestAnimationFrame(() =>
      document.querySelector(`[data-testid="point-item"][data-id="${id}"]`)?.scrollIntoView({ block: 'nearest' }),
    );
  }, []);
  const onUserMove = useCallback((c: LonLat) => {
    setMapCenter(c);
    setLimit(PAGE);
  }, []);

  const selectedPoint = useMemo(
    () =>
      selectedRow ? { id: selectedRow.id, lon: selectedRow.lon, lat: selectedRow.lat, name: selectedRow.name } : null,
    [selectedRow?.id], // eslint-disable-line react-hooks/exhaustive-deps -- the same point must not re-open its popup
  );
  const state = data.isPending ? 'loading' : data.isError ? 'error' : 'ready';
  const other = t.otherLanguage;

  return (
    <div className={styles.page} lang={lang}>
      <a className={styles.skip} href="#points-list">
        {t.skipToList}
      </a>
      <header className={styles.header}>
        <div>
          <h1>{t.title}</h1>
          <p className={styles.intro}>{t.intro}</p>
        </div>
        <a
          className={styles.langSwitch}
          href={`?lang=${other.lang}`}
          hrefLang={other.lang}
          lang={other.lang}
          data-testid="lang-switch"
        >
          {other.label}
        </a>
      </header>
      <main className={styles.layout}>
        <div className={styles.controls}>
          <SearchBox
            t={t}
            busy={search.busy}
            message={search.message}
            hasOrigin={origin !== null}
            onSearch={onSearch}
            onNearMe={onNearMe}
            onClear={onClear}
          />
          <PointFilters t={t} value={filters} vaccines={vaccines} onChange={changeFilters} />
        </div>
        <div className={styles.map}>
          {state === 'ready' && (
            <PointsMap
              points={features}
              selected={selectedPoint}
              origin={origin}
              originLabel={
                origin?.kind === 'me' ? t.map.here.me : origin?.kind === 'address' ? t.map.here.address : null
              }
              initialBounds={bounds}
              flyTo={flyTo}
              regions={regions.data ?? null}
              municipalities={municipalities.data ?? null}
              basemapStyleUrl={basemapStyleUrl}
              lang={lang}
              label={t.map.label}
              failedText={t.map.failed}
              onSelect={selectFromMap}
              onUserMove={onUserMove}
            />
          )}
          <ul className={styles.legend} aria-label={t.map.legend.title}>
            <li>
              <i style={{ background: OPEN_COLORS.open }} />
              {t.map.legend.open}
            </li>
            <li>
              <i style={{ background: OPEN_COLORS.closed }} />
              {t.map.legend.closed}
            </li>
            <li>
              <i style={{ background: OPEN_COLORS.unknown }} />
              {t.map.legend.unknown}
            </li>
            <li>
              <i style={{ background: '#1e3a8a', width: 16, height: 16 }} />
              {t.map.legend.cluster}
            </li>
            {origin && (
              <li>
                <i style={{ background: '#b91c1c' }} />
                {t.map.legend.origin}
              </li>
            )}
          </ul>
        </div>
        <PointList
          t={t}
          lang={lang}
          rows={rows}
          total={sorted.length}
          pinned={pinned}
          more={Math.min(PAGE, sorted.length - rows.length)}
          byOrigin={origin !== null}
          selectedId={selectedId}
          now={now}
          staleDays={staleDays}
          state={state}
          onSelect={selectFromList}
          onMore={() => setLimit((l) => l + PAGE)}
        />
      </main>
    </div>
  );
}
