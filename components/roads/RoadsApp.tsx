'use client';

import dynamic from 'next/dynamic';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { DateField } from '@/components/map/DateField';
import { PERIOD_REVERSED, periodReversed } from '@/lib/domain/params';
import { roadsDictionary } from '@/lib/i18n/roads';
import { PARTS, type Weights } from '@/lib/roads/types';
import {
  fetchPriorities,
  fetchRoadsTileJson,
  fetchSegmentBounds,
  fetchWeights,
  roadsKeys,
  saveWeights,
  type StoredWeights,
} from './api';
import { PriorityTable } from './PriorityTable';
import { SegmentDetail } from './SegmentDetail';
import { WeightsEditor } from './WeightsEditor';
import styles from './roads.module.css';
import type { SortKey, Tab } from './types';
import { roadClassName } from '@/lib/i18n/names';

/** Dates shown and typed as ДД.ММ.ГГГГ in every browser locale (DateField; a native date input shows the browser's own format). */
const DATE_TEXT = { pick: 'выбрать в календаре', format: 'ДД.ММ.ГГГГ', invalid: 'нет такой даты: ДД.ММ.ГГГГ' };

const RoadsMap = dynamic(() => import('./RoadsMap'), {
  ssr: false,
  loading: () => <div className="map-placeholder">Загрузка карты…</div>,
});

const t = roadsDictionary('ru');

/** Rows per page of the table: the server cuts the list (18 000 segments do not go to the browser). */
const PAGE_SIZE = 50;

export interface RoadsAppProps {
  canEdit: boolean;
  /** A road agency's own owner (fixed); null lets staff pick. */
  lockedOwner: string | null;
  basemapStyleUrl: string | null;
}

const sameWeights = (a: Weights, b: Weights) => PARTS.every((p) => a[p] === b[p]);

/** The road-agency priority page: filters, the table beside the map, exception tabs, segment detail, weights, exports. */
export function RoadsApp({ canEdit, lockedOwner, basemapStyleUrl }: RoadsAppProps) {
  const [period, setPeriod] = useState({ from: '', to: '' });
  const [owner, setOwner] = useState('');
  const [draft, setDraft] = useState<Weights | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({ key: 'rank', dir: 'asc' });
  const [tab, setTab] = useState<Tab>('all');
  const [search, setSearch] = useState('');
  const [needle, setNeedle] = useState('');
  const [plan, setPlan] = useState('');
  const [roadClass, setRoadClass] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  // The search goes to the server once typing pauses.
  useEffect(() => {
    const h = setTimeout(() => setNeedle(search.trim()), 300);
    return () => clearTimeout(h);
  }, [search]);
  // Any other filter or order starts again at the first page.
  const filterKey = JSON.stringify([period, owner, tab, needle, plan, roadClass, sort]);
  const [paging, setPaging] = useState({ key: filterKey, page: 1 });
  const page = paging.key === filterKey ? paging.page : 1;
  const setPage = (p: number) => setPaging({ key: filterKey, page: p });

  const query = useMemo(() => {
    const q = new URLSearchParams();
    if (period.from) q.set('from', period.from);
    if (period.to) q.set('to', period.to);
    if (!lockedOwner && owner) q.set('owner', owner);
    return q.toString();
  }, [period, owner, lockedOwner]);

  const ownerParam = lockedOwner ? '' : owner;
  // Each owner's list is scored with its own weights (the list of every owner with the default ones).
  const weights = useQuery({
    queryKey: roadsKeys.weights(ownerParam),
    queryFn: ({ signal }) => fetchWeights(ownerParam, signal),
  });
  const stored = weights.data ?? null;
  // Weights being edited are previewed by the server: the rank shifts and the scores on the map follow them.
  const preview = draft && stored && !sameWeights(draft, stored.weights) ? PARTS.map((p) => draft[p]).join(',') : '';
  const scoredQuery = [query, preview && `weights=${preview}`].filter(Boolean).join('&');
  const pageQuery = useMemo(() => {
    const q = new URLSearchParams(scoredQuery);
    if (tab !== 'all') q.set('list', tab);
    if (needle) q.set('q', needle);
    if (plan) q.set('plan', plan);
    if (roadClass) q.set('road_class', roadClass);
    q.set('sort', sort.key);
    q.set('dir', sort.dir);
    q.set('page', String(page));
    q.set('page_size', String(PAGE_SIZE));
    return q.toString();
  }, [scoredQuery, tab, needle, plan, roadClass, sort, page]);

  const reversedAsked = periodReversed(period.from, period.to);
  // The previous page stays on screen, dimmed, while the next one loads (updating).
  const priorities = useQuery({
    queryKey: roadsKeys.priorities(pageQuery),
    queryFn: ({ signal }) => fetchPriorities(pageQuery, signal),
    placeholderData: keepPreviousData,
    enabled: !reversedAsked,
  });
  // Every segment's score, for the map's colours: asked for once per period, owner and weights (not per page).
  const scores = useQuery({
    queryKey: roadsKeys.scores(scoredQuery),
    queryFn: ({ signal }) => fetchPriorities(`${scoredQuery}&scores=1&page_size=1`, signal),
    placeholderData: keepPreviousData,
    enabled: !reversedAsked,
  });
  // The one rule for a reversed period (lib/domain/params.ts): said next to the fields, no list for it.
  const shownFrom = period.from || (priorities.data?.from.slice(0, 10) ?? null);
  const shownTo = period.to || (priorities.data?.asOf.slice(0, 10) ?? null);
  const reversed = periodReversed(shownFrom, shownTo);
  // The tiles count the same complaints as the table: road appeals, no thanks, in the list's window.
  const tileQuery = priorities.data
    ? `topic=roads&gratitude=exclude&from=${priorities.data.from.slice(0, 10)}&to=${priorities.data.asOf.slice(0, 10)}`
    : null;
  const tiles = useQuery({
    queryKey: roadsKeys.tiles(tileQuery ?? ''),
    queryFn: ({ signal }) => fetchRoadsTileJson(tileQuery!, signal),
    enabled: tileQuery !== null,
    placeholderData: keepPreviousData,
  });
  const bounds = useQuery({
    queryKey: roadsKeys.bounds(String(selected ?? 0)),
    queryFn: ({ signal }) => fetchSegmentBounds([selected!], signal),
    enabled: selected !== null,
  });
  // The map opens on the first page of the list (the segments to repair first), not on the whole region.
  const firstIds = (priorities.data?.segments ?? []).map((s) => s.id);
  const [openOn, setOpenOn] = useState<string | null>(null);
  if (openOn === null && firstIds.length) setOpenOn(firstIds.join(','));
  const initial = useQuery({
    queryKey: roadsKeys.bounds(openOn ?? ''),
    queryFn: ({ signal }) => fetchSegmentBounds(openOn!.split(',').map(Number), signal),
    enabled: openOn !== null,
    staleTime: Infinity,
  });
  const data = reversed ? null : (priorities.data ?? null);
  const error = (priorities.error ?? weights.error ?? scores.error ?? tiles.error)?.message ?? null;
  const updating = priorities.isPlaceholderData;

  // The weights being edited start from the stored ones, and again whenever those are (re)loaded, e.g. after saving.
  const [draftOf, setDraftOf] = useState<StoredWeights | null>(null);
  if (stored && stored !== draftOf) {
    setDraftOf(stored);
    setDraft(stored.weights);
  }

  const client = useQueryClient();
  const saving = useMutation({
    mutationFn: saveWeights,
    onMutate: () => setMessage(null),
    onSuccess: async () => {
      setMessage('Веса сохранены');
      // The stored weights, the server's scores (the baseline of the rank shifts) and the open segment all change.
      await client.invalidateQueries({ queryKey: roadsKeys.all });
    },
    onError: (e) => setMessage(`Не сохранено: ${e.message}`),
  });

  const onSort = (key: SortKey) =>
    setSort((s) =>
      s.key === key
        ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' }
        : { key, dir: key === 'rank' || key === 'name' ? 'asc' : 'desc' },
    );

  const save = () => {
    if (draft) saving.mutate({ w: draft, owner: ownerParam });
  };

  const n = (x: number) => x.toLocaleString('ru-RU');
  const tabs: [Tab, string, string][] = data
    ? [
        ['all', `Все участки (${n(data.counts.all)})`, ''],
        [
          'a',
          `${t.lists.a} (${n(data.counts.a)})`,
          `${t.lists.aHow}; здесь — от ${data.hotPerKm.toLocaleString('ru-RU')} жалоб на км`,
        ],
        ['b', `${t.lists.b} (${n(data.counts.b)})`, t.lists.bHow],
        ['c', `${t.lists.c} (${n(data.counts.c)})`, t.lists.cHow],
      ]
    : [];
  const moved = preview ? (data?.moved ?? 0) : 0;
  const classes = data?.classes ?? [];
  const scored =
    scores.data?.scores && scores.data.bands ? { scores: scores.data.scores, bands: scores.data.bands } : null;

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1>Приоритеты ремонта дорог</h1>
        <p className="muted" data-testid="roads-scope">
          {lockedOwner ? `Участки владельца: ${t.owners[lockedOwner] ?? lockedOwner}` : 'Участки всех владельцев'}
          {data &&
            ` · расчёт на ${new Date(data.asOf).toLocaleDateString('ru-RU', { timeZone: 'UTC' })}, жалобы с ${new Date(data.from).toLocaleDateString('ru-RU', { timeZone: 'UTC' })}`}
        </p>
      </header>
      <form className={styles.filters} onSubmit={(e) => e.preventDefault()} aria-label="Фильтры">
        <label>
          Поиск
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="улица или код"
            data-testid="roads-search"
          />
        </label>
        <label>
          План
          <select value={plan} onChange={(e) => setPlan(e.target.value)}>
            <option value="">любой</option>
            <option value="none">нет в плане</option>
            {(['planned', 'in_progress', 'warranty', 'done'] as const).map((p) => (
              <option key={p} value={p}>
                {t.planStates[p]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Класс
          <select value={roadClass} onChange={(e) => setRoadClass(e.target.value)}>
            <option value="">любой</option>
            {classes.map((c) => (
              <option key={c} value={c}>
                {roadClassName(c)}
              </option>
            ))}
          </select>
        </label>
        {!lockedOwner && (
          <label>
            Владелец
            <select value={owner} onChange={(e) => setOwner(e.target.value)} data-testid="roads-owner">
              <option value="">все</option>
              {Object.entries(t.owners).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        )}
        {/* Until a date is chosen, the fields show the period the server used (its defaults). */}
        <DateField
          name="from"
          label="Жалобы с"
          value={shownFrom}
          max={period.to || null}
          text={DATE_TEXT}
          testId="roads-from"
          onChange={(v) => setPeriod((p) => ({ ...p, from: v ?? '' }))}
        />
        <DateField
          name="to"
          label="по (дата расчёта)"
          value={shownTo}
          min={period.from || null}
          text={DATE_TEXT}
          testId="roads-to"
          onChange={(v) => setPeriod((p) => ({ ...p, to: v ?? '' }))}
        />
        {reversed && (
          <p className="error" role="alert" data-testid="roads-period-error">
            {PERIOD_REVERSED}
          </p>
        )}
        {!reversed && (
          <span className={styles.exports}>
            Выгрузить (с сохранёнными весами):
            {(['xlsx', 'csv', 'geojson'] as const).map((f) => (
              <a
                key={f}
                href={`/api/roads/export?format=${f}${query ? `&${query}` : ''}`}
                download
                data-testid={`export-${f}`}
              >
                {f.toUpperCase()}
              </a>
            ))}
          </span>
        )}
      </form>
      {error && (
        <p className="error" role="alert">
          Ошибка: {error}
        </p>
      )}
      {!data && !error && !reversed && <p className="muted">Загрузка списка…</p>}
      {data && (
        <>
          <div role="tablist" className={styles.tabs} aria-label="Списки">
            {tabs.map(([k, label, how]) => (
              <button
                key={k}
                type="button"
                role="tab"
                aria-selected={tab === k}
                title={how}
                onClick={() => setTab(k)}
                data-testid={`tab-${k}`}
              >
                {label}
              </button>
            ))}
          </div>
          {tab !== 'all' && <p className="muted">{tabs.find((x) => x[0] === tab)?.[2]}</p>}
          {updating && !error && (
            <p className={styles.updatingNote} role="status">
              Список пересчитывается под новый период…
            </p>
          )}
          <div
            className={styles.layout}
            aria-busy={updating}
            data-testid="roads-layout"
            data-state={updating ? 'updating' : 'ready'}
          >
            <PriorityTable
              rows={data.segments}
              sort={sort}
              onSort={onSort}
              selected={selected}
              onSelect={setSelected}
              total={data.total}
              page={data.page}
              pageSize={data.pageSize}
              onPage={setPage}
              empty={
                data.counts.all === 0
                  ? 'Нет участков дорог: загрузите сеть командой pmap import roads.'
                  : tab !== 'all' && data.counts[tab] === 0
                    ? 'В этом списке нет участков — исключений не найдено.'
                    : 'Ни один участок не подходит под фильтры.'
              }
            />
            <div className={styles.side}>
              {tiles.data && scored && (initial.isFetched || openOn === null) ? (
                <RoadsMap
                  tiles={tiles.data}
                  scores={scored.scores}
                  bands={scored.bands}
                  owner={ownerParam || null}
                  selected={selected}
                  initialView={initial.data ?? null}
                  selectedBounds={bounds.data?.all ?? null}
                  basemapStyleUrl={basemapStyleUrl}
                  onSelect={setSelected}
                />
              ) : (
                <div className="map-placeholder">Загрузка карты…</div>
              )}
              {selected !== null && <SegmentDetail id={selected} query={query} onClose={() => setSelected(null)} />}
            </div>
          </div>
          {draft && stored && (
            <WeightsEditor
              draft={draft}
              stored={stored.weights}
              defaults={stored.defaults}
              owner={stored.owner}
              own={stored.own}
              facilities={data.facilities}
              canEdit={canEdit}
              moved={moved}
              saving={saving.isPending}
              message={message}
              onChange={setDraft}
              onSave={save}
            />
          )}
        </>
      )}
    </div>
  );
}
