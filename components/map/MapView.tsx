'use client';

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { cellToLatLng, getResolution } from 'h3-js';
import dynamic from 'next/dynamic';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { isTopic, TOPICS, type Topic } from '@/lib/domain/vocab';
import { mapLangOf, mapText, type MapText } from '@/lib/i18n/map';
import { snapBbox, type Bbox } from '@/lib/render/bbox';
import { countBreaks, countColorExpression, legendClasses } from '@/lib/render/colorScale';
import {
  cellDifference,
  defaultComparison,
  diffColorExpression,
  diffFeatureCollection,
  diffSummary,
  divergingClasses,
} from '@/lib/render/compare';
import { h3ResolutionForZoom, ZOOM_RES_TABLE } from '@/lib/domain/h3Resolution';
import { cellsToFeatureCollection, emptyHexagons } from '@/lib/render/hexGeojson';
import {
  filterSearchParams,
  hexagonQueryKey,
  hexagonSearchParams,
  toAppealFilter,
  type HexQuery,
} from '@/lib/render/hexQuery';
import { heatPoints } from '@/lib/render/layerStyles';
import { effectivePeriod, weeksOf, type LayerId, type Selection } from '@/lib/render/urlState';
import {
  fetchBoundaries,
  fetchHexagons,
  fetchHotspots,
  fetchMeta,
  fetchSummary,
  fetchTileJson,
  fetchVaccinationPoints,
  type MetaResponse,
} from './api';
import { DrillSlot, ExportSlot } from './DrillSlot';
import { FilterPanel } from './FilterPanel';
import { LayerPanel } from './LayerPanel';
import styles from './mapui.module.css';
import type { FlyTarget, MapView as MapViewport } from './ProblemMap';
import { SidePanel } from './SidePanel';
import { TimePanel } from './TimePanel';
import type { TopicOption } from './TopicFilter';
import { useMapUrlState } from './useMapUrlState';

const ProblemMap = dynamic(() => import('./ProblemMap'), {
  ssr: false,
  loading: () => <MapPlaceholder text="…" />,
});

function MapPlaceholder({ text }: { text: string }) {
  return (
    <div className="map-frame map-placeholder" role="status">
      {text}
    </div>
  );
}

function topicOptions(meta: MetaResponse | undefined, t: MapText): TopicOption[] {
  const fromMeta = (meta?.topics ?? []).filter((x) => isTopic(x.code));
  const codes = fromMeta.length === 0 ? [...TOPICS] : fromMeta.map((x) => x.code as Topic);
  const metaName = new Map(fromMeta.map((x) => [x.code, t.locale.startsWith('ru') ? x.name_ru : x.name_en]));
  return codes.map((code) => ({ code, label: metaName.get(code) || t.topic(code) }));
}

const message = (what: string, err: unknown) => `${what}: ${err instanceof Error ? err.message : String(err)}`;

/** Playback speed of the time slider: one week per step. */
const PLAY_STEP_MS = 1000;

/** The zoom at which cells of a resolution are drawn (the first zoom of its band, plus a little). */
const zoomForRes = (res: number) => (ZOOM_RES_TABLE.find(([, r]) => r === res)?.[0] ?? 10) + 0.5;

/** The staff problem map: filters and layers, the MapLibre map, and the summary / drill-down panel. */
export function MapView() {
  const [state, update, langParam] = useMapUrlState();
  const lang = mapLangOf(langParam);
  const t = mapText(lang);
  const queryClient = useQueryClient();

  const meta = useQuery({ queryKey: ['meta'], queryFn: ({ signal }) => fetchMeta(signal), staleTime: Infinity });
  const municipalities = useQuery({
    queryKey: ['boundaries', 'municipality'],
    queryFn: ({ signal }) => fetchBoundaries('municipality', signal),
    staleTime: Infinity,
  });
  const regions = useQuery({
    queryKey: ['boundaries', 'region'],
    queryFn: ({ signal }) => fetchBoundaries('region', signal),
    staleTime: Infinity,
  });

  const options = useMemo(() => topicOptions(meta.data, t), [meta.data, t]);
  const topics = useMemo(() => state.topics ?? options.map((o) => o.code), [state.topics, options]);
  // No dates in the URL: the data's own range applies.
  const from = state.from ?? meta.data?.dateRange.min ?? null;
  const to = state.to ?? meta.data?.dateRange.max ?? null;
  const period = effectivePeriod({ week: state.week, from, to });
  const weeks = useMemo(() => (from && to ? weeksOf(from, to) : []), [from, to]);

  const [viewport, setViewport] = useState<{ res: number; bbox: Bbox; zoom: number } | null>(null);
  const onViewChange = useCallback(
    ({ zoom, bounds, center }: MapViewport) => {
      const next = { res: h3ResolutionForZoom(zoom), bbox: snapBbox(bounds, zoom), zoom };
      setViewport((prev) =>
        prev && prev.res === next.res && prev.zoom === next.zoom && prev.bbox.every((v, i) => v === next.bbox[i])
          ? prev
          : next,
      );
      update({ view: { z: zoom, lat: center.lat, lon: center.lon } }, 'replace');
    },
    [update],
  );

  const filters = useMemo(
    () => ({
      topics,
      channels: state.channels,
      statuses: state.statuses,
      municipality: state.municipality,
      from: period.from,
      to: period.to,
      gratitude: state.gratitude,
    }),
    [topics, state.channels, state.statuses, state.municipality, period.from, period.to, state.gratitude],
  );
  const nothingSelected = topics.length === 0 || state.channels?.length === 0 || state.statuses?.length === 0;
  const datesValid = !(from && to && from > to);
  const query = useMemo<HexQuery | null>(
    () => (viewport && !nothingSelected && datesValid ? { res: viewport.res, bbox: viewport.bbox, ...filters } : null),
    [viewport, nothingSelected, datesValid, filters],
  );
  const hexagons = useQuery({
    queryKey: query ? hexagonQueryKey(query) : ['appeals-hexagons', 'idle'],
    queryFn: ({ signal }) => fetchHexagons(hexagonSearchParams(query!), signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });

  // Period A of the comparison: the same view and filters over another period.
  const compareQuery: HexQuery | null = query && state.compare ? { ...query, ...state.compare } : null;
  const compareA = useQuery({
    queryKey: compareQuery ? hexagonQueryKey(compareQuery) : ['appeals-hexagons', 'idle-compare'],
    queryFn: ({ signal }) => fetchHexagons(hexagonSearchParams(compareQuery!), signal),
    enabled: compareQuery !== null,
    placeholderData: keepPreviousData,
  });

  const layerOn = (id: LayerId) => state.layers.includes(id);
  // Road complaints for the heatmap: the same query restricted to the roads topic.
  const heatWanted = layerOn('heat') && topics.includes('roads');
  const heatQuery = useMemo<HexQuery | null>(
    () => (query && heatWanted ? { ...query, topics: ['roads'] } : null),
    [query, heatWanted],
  );
  const heat = useQuery({
    queryKey: heatQuery ? hexagonQueryKey(heatQuery) : ['appeals-hexagons', 'idle-heat'],
    queryFn: ({ signal }) => fetchHexagons(hexagonSearchParams(heatQuery!), signal),
    enabled: heatQuery !== null,
    placeholderData: keepPreviousData,
  });
  const vacc = useQuery({
    queryKey: ['public-points'],
    queryFn: ({ signal }) => fetchVaccinationPoints(signal),
    enabled: layerOn('vacc'),
    staleTime: 300_000,
  });

  const filterSearch = filterSearchParams(filters);
  const appealTiles = useQuery({
    queryKey: ['tilejson', 'appeals', filterSearch],
    queryFn: ({ signal }) => fetchTileJson('appeals', filterSearch, signal),
    enabled: layerOn('points') && !nothingSelected,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const roadTiles = useQuery({
    queryKey: ['tilejson', 'roads', filterSearch],
    queryFn: ({ signal }) => fetchTileJson('roads', filterSearch, signal),
    enabled: (layerOn('roads') || layerOn('plans')) && !nothingSelected,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

  const summary = useQuery({
    queryKey: ['summary', filterSearch],
    queryFn: ({ signal }) => fetchSummary(filterSearch, signal),
    enabled: !nothingSelected && datesValid,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const hotspots = useQuery({
    queryKey: ['hotspots', filterSearch],
    queryFn: ({ signal }) => fetchHotspots(`${filterSearch}&res=7`, signal),
    enabled: !nothingSelected && datesValid,
    placeholderData: keepPreviousData,
    retry: false,
  });

  // Weekly playback: one step a second, the next week's cells fetched ahead so the map does not wait.
  const [playing, setPlaying] = useState(false);
  const weekIndex = state.week ? weeks.indexOf(state.week) : -1;
  const atEnd = weekIndex >= weeks.length - 1;
  const isPlaying = playing && state.week !== null && !atEnd;
  useEffect(() => {
    if (!isPlaying) return;
    const timer = setTimeout(() => update({ week: weeks[weekIndex + 1] }, 'replace'), PLAY_STEP_MS);
    return () => clearTimeout(timer);
  }, [isPlaying, weekIndex, weeks, update]);
  useEffect(() => {
    const nextWeek = weekIndex >= 0 ? weeks[weekIndex + 1] : undefined;
    if (!query || !nextWeek) return;
    const next: HexQuery = { ...query, ...effectivePeriod({ week: nextWeek, from: null, to: null }) };
    void queryClient.prefetchQuery({
      queryKey: hexagonQueryKey(next),
      queryFn: ({ signal }) => fetchHexagons(hexagonSearchParams(next), signal),
    });
  }, [query, weeks, weekIndex, queryClient]);

  const data = query ? hexagons.data : undefined;
  const features = useMemo(() => (data ? cellsToFeatureCollection(data.cells) : emptyHexagons()), [data]);
  const minCount = useMemo(() => data?.cells.reduce((m, c) => Math.min(m, c.count), Infinity) ?? 1, [data]);
  const legend = useMemo(() => legendClasses(countBreaks(data?.max ?? 0, undefined, minCount)), [data?.max, minCount]);
  const fillColor = useMemo(() => countColorExpression(legend), [legend]);

  const dataA = compareQuery ? compareA.data : undefined;
  const diff = useMemo(() => (dataA && data ? cellDifference(dataA.cells, data.cells) : null), [dataA, data]);
  const diffInfo = useMemo(() => (diff ? diffSummary(diff) : null), [diff]);
  const diffLegend = useMemo(() => (diffInfo ? divergingClasses(diffInfo.maxAbs) : null), [diffInfo]);
  const compareFeatures = useMemo(() => (diff ? diffFeatureCollection(diff) : null), [diff]);
  const compareColor = useMemo(() => diffColorExpression(diffLegend ?? divergingClasses(0)), [diffLegend]);
  const heatCells = heatQuery ? heat.data?.cells : undefined;
  const heatData = useMemo(() => heatPoints(heatCells ?? []), [heatCells]);

  const [flyTo, setFlyTo] = useState<FlyTarget | null>(null);
  const onHotspot = useCallback(
    (h3: string) => {
      const [lat, lon] = cellToLatLng(h3);
      setFlyTo({ lat, lon, zoom: zoomForRes(getResolution(h3)), key: Date.now() });
      update({ selection: { kind: 'cell', h3 } });
    },
    [update],
  );
  const onSelect = useCallback((selection: Selection) => update({ selection }), [update]);

  const errors: string[] = [];
  if (meta.error) errors.push(message(t.loadFailed.meta, meta.error));
  if (hexagons.error) errors.push(message(t.loadFailed.hexagons, hexagons.error));
  if (compareA.error) errors.push(message(t.loadFailed.compare, compareA.error));
  if (municipalities.error) errors.push(message(t.loadFailed.boundaries, municipalities.error));

  const municipalityList = useMemo(
    () =>
      (municipalities.data?.features ?? [])
        .map((f) => ({ code: f.properties.code, name: f.properties.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'ru')),
    [municipalities.data],
  );
  const appealFilter = toAppealFilter(filters);
  const otherLanguageHref = useMemo(() => {
    const p = new URLSearchParams(typeof window === 'undefined' ? '' : window.location.search);
    if (t.otherLanguage.lang === 'en') p.set('lang', 'en');
    else p.delete('lang');
    const qs = p.toString();
    return `/map${qs ? `?${qs}` : ''}`;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the URL is what changes with `state`
  }, [state, t]);
  const mapTextProps = useMemo(() => ({ failed: t.mapFailed, count: t.count, compare: t.compareCounts }), [t]);

  const onCompare = (on: boolean) => {
    if (!on) return update({ compare: null });
    if (!from || !to || !meta.data?.dateRange.min) return;
    const { a, b } = defaultComparison({ from, to }, meta.data.dateRange.min);
    update({ compare: a, from: b.from, to: b.to, week: null });
  };

  const metaSettled = meta.isSuccess || meta.isError;
  return (
    <div className={styles.layout}>
      <FilterPanel
        t={t}
        otherLanguageHref={otherLanguageHref}
        topicOptions={options}
        topics={topics}
        onTopicsChange={(next) => update({ topics: next.length === options.length ? null : next })}
        channels={state.channels}
        onChannelsChange={(channels) => update({ channels })}
        statuses={state.statuses}
        onStatusesChange={(statuses) => update({ statuses })}
        municipalities={municipalityList}
        municipality={state.municipality}
        onMunicipalityChange={(municipality) => update({ municipality })}
        from={from}
        to={to}
        dateBounds={meta.data?.dateRange ?? { min: null, max: null }}
        onDatesChange={(f, tt) => update({ from: f, to: tt, week: null })}
        gratitude={state.gratitude}
        onGratitudeChange={(gratitude) => update({ gratitude })}
        total={nothingSelected ? 0 : (data?.total ?? null)}
        totalQuery={nothingSelected ? null : (data?.url ?? null)}
        loading={query !== null && (hexagons.isFetching || hexagons.isPlaceholderData || !data)}
        approximateBoundaries={meta.data?.approximateBoundaries ?? false}
        errors={errors}
      >
        <LayerPanel
          t={t}
          layers={state.layers}
          onToggle={(id, on) => update((s) => ({ layers: on ? [...s.layers, id] : s.layers.filter((l) => l !== id) }))}
          countLegend={legend}
          diffLegend={state.compare ? diffLegend : null}
          empty={nothingSelected || data?.total === 0}
          zoom={viewport?.zoom ?? null}
          tilesMissing={{ appeals: appealTiles.data === null, roads: roadTiles.data === null }}
        />
        <TimePanel
          t={t}
          weeks={weeks}
          week={state.week}
          playing={isPlaying}
          onWeek={(week) => update({ week }, 'replace')}
          onPlaying={(on) => {
            // Play from the start when the slider stands at the last week.
            if (on && atEnd && weeks.length > 0) update({ week: weeks[0] }, 'replace');
            setPlaying(on);
          }}
          compare={state.compare}
          current={period}
          onCompare={onCompare}
          onComparePeriod={(compare) => update({ compare })}
          compareSummary={diffInfo}
          dateBounds={meta.data?.dateRange ?? { min: null, max: null }}
        />
      </FilterPanel>
      {metaSettled ? (
        <ProblemMap
          initialBounds={meta.data?.bounds ?? null}
          initialView={state.view}
          basemapStyleUrl={meta.data?.basemapStyleUrl ?? null}
          hexagons={features}
          hexagonsKey={nothingSelected ? null : (data?.url ?? null)}
          fillColor={fillColor}
          compare={state.compare ? compareFeatures : null}
          compareKey={dataA && data ? `${dataA.url}|${data.url}` : null}
          compareColor={compareColor}
          heat={heatData}
          vacc={layerOn('vacc') ? (vacc.data ?? null) : null}
          municipalities={municipalities.data ?? null}
          regions={regions.data ?? null}
          layers={state.layers}
          appealTiles={appealTiles.data ?? null}
          roadTiles={roadTiles.data ?? null}
          selection={state.selection}
          flyTo={flyTo}
          text={mapTextProps}
          onViewChange={onViewChange}
          onSelect={onSelect}
        />
      ) : (
        <MapPlaceholder text={t.metaLoading} />
      )}
      <SidePanel
        t={t}
        summary={summary}
        hotspots={hotspots}
        municipality={state.municipality}
        onMunicipality={(municipality) => update({ municipality })}
        briefingHref={(code) =>
          `/briefing?${new URLSearchParams({ municipality: code, ...(from ? { from } : {}), ...(to ? { to } : {}) })}`
        }
        onHotspot={onHotspot}
        drill={
          <DrillSlot filter={appealFilter} selection={state.selection} onClose={() => update({ selection: null })} />
        }
        exportMenu={<ExportSlot filter={appealFilter} />}
        blocked={datesValid ? null : t.datesInverted}
        listHref={(location) => `/appeals?${filterSearch}${filterSearch ? '&' : ''}location=${location}`}
      />
    </div>
  );
}
