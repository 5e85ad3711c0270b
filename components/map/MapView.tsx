'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useCallback, useMemo, useState } from 'react';
import { isTopic, TOPIC_LABELS, TOPICS, type Topic } from '@/lib/domain/vocab';
import { snapBbox, type Bbox } from '@/lib/render/bbox';
import { countBreaks, countColorExpression, legendClasses } from '@/lib/render/colorScale';
import { h3ResolutionForZoom } from '@/lib/render/h3Resolution';
import { cellsToFeatureCollection, emptyHexagons } from '@/lib/render/hexGeojson';
import { hexagonQueryKey, hexagonSearchParams, type HexQuery } from '@/lib/render/hexQuery';
import { fetchBoundaries, fetchHexagons, fetchMeta, type MetaResponse } from './api';
import { FilterPanel } from './FilterPanel';
import type { MapView as MapViewport } from './ProblemMap';
import type { TopicOption } from './TopicFilter';

const ProblemMap = dynamic(() => import('./ProblemMap'), {
  ssr: false,
  loading: () => <MapPlaceholder text="Загрузка карты…" />,
});

function MapPlaceholder({ text }: { text: string }) {
  return (
    <div className="map-frame map-placeholder" role="status">
      {text}
    </div>
  );
}

function topicOptions(meta: MetaResponse | undefined): TopicOption[] {
  const fromMeta = (meta?.topics ?? []).filter((t) => isTopic(t.code));
  if (fromMeta.length === 0) return TOPICS.map((code) => ({ code, label: TOPIC_LABELS[code].ru }));
  return fromMeta.map((t) => ({ code: t.code as Topic, label: t.name_ru || TOPIC_LABELS[t.code as Topic].ru }));
}

const message = (what: string, err: unknown) => `${what}: ${err instanceof Error ? err.message : String(err)}`;

/** The staff problem map: filters and legend beside a MapLibre map of H3 hexagons. */
export function MapView() {
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

  const options = useMemo(() => topicOptions(meta.data), [meta.data]);
  const [pickedTopics, setTopics] = useState<Topic[] | null>(null);
  const topics = pickedTopics ?? options.map((o) => o.code);
  /** null until the user touches a date: then the data's own date range applies. */
  const [pickedDates, setDates] = useState<{ from: string | null; to: string | null } | null>(null);
  const from = pickedDates ? pickedDates.from : (meta.data?.dateRange.min ?? null);
  const to = pickedDates ? pickedDates.to : (meta.data?.dateRange.max ?? null);
  const [showGratitude, setShowGratitude] = useState(false);

  const [viewport, setViewport] = useState<{ res: number; bbox: Bbox } | null>(null);
  const onViewChange = useCallback(({ zoom, bounds }: MapViewport) => {
    const next = { res: h3ResolutionForZoom(zoom), bbox: snapBbox(bounds, zoom) };
    setViewport((prev) =>
      prev && prev.res === next.res && prev.bbox.every((v, i) => v === next.bbox[i]) ? prev : next,
    );
  }, []);

  const datesValid = !(from && to && from > to);
  const query: HexQuery | null =
    viewport && topics.length > 0 && datesValid
      ? { ...viewport, topics, from, to, gratitude: showGratitude ? 'include' : 'exclude' }
      : null;
  const hexagons = useQuery({
    queryKey: query ? hexagonQueryKey(query) : ['appeals-hexagons', 'idle'],
    queryFn: ({ signal }) => fetchHexagons(hexagonSearchParams(query!), signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });

  const noTopics = topics.length === 0;
  const data = query ? hexagons.data : undefined;
  const features = useMemo(() => (data ? cellsToFeatureCollection(data.cells) : emptyHexagons()), [data]);
  const minCount = useMemo(() => data?.cells.reduce((m, c) => Math.min(m, c.count), Infinity) ?? 1, [data]);
  const legend = useMemo(() => legendClasses(countBreaks(data?.max ?? 0, undefined, minCount)), [data?.max, minCount]);
  const fillColor = useMemo(() => countColorExpression(legend), [legend]);

  const errors: string[] = [];
  if (meta.error) errors.push(message('Не удалось загрузить сведения о данных', meta.error));
  if (hexagons.error) errors.push(message('Не удалось загрузить обращения', hexagons.error));
  if (municipalities.error) errors.push(message('Не удалось загрузить границы муниципалитетов', municipalities.error));

  const metaSettled = meta.isSuccess || meta.isError;
  return (
    <div className="map-layout">
      <FilterPanel
        topicOptions={options}
        topics={topics}
        onTopicsChange={setTopics}
        from={from}
        to={to}
        dateBounds={meta.data?.dateRange ?? { min: null, max: null }}
        onDatesChange={(f, t) => setDates({ from: f, to: t })}
        showGratitude={showGratitude}
        onShowGratitudeChange={setShowGratitude}
        total={noTopics ? 0 : (data?.total ?? null)}
        totalQuery={noTopics ? null : (data?.url ?? null)}
        loading={query !== null && (hexagons.isFetching || hexagons.isPlaceholderData || !data)}
        legend={legend}
        approximateBoundaries={meta.data?.approximateBoundaries ?? false}
        errors={errors}
      />
      {metaSettled ? (
        <ProblemMap
          initialBounds={meta.data?.bounds ?? null}
          basemapStyleUrl={meta.data?.basemapStyleUrl ?? null}
          hexagons={features}
          hexagonsKey={noTopics ? null : (data?.url ?? null)}
          fillColor={fillColor}
          municipalities={municipalities.data ?? null}
          regions={regions.data ?? null}
          onViewChange={onViewChange}
        />
      ) : (
        <MapPlaceholder text="Загрузка сведений о данных…" />
      )}
    </div>
  );
}
