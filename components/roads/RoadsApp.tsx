'use client';

import dynamic from 'next/dynamic';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import { useMemo, useState } from 'react';
import { DateField } from '@/components/map/DateField';
import { PERIOD_REVERSED, periodReversed } from '@/lib/domain/params';
import { roadsDictionary } from '@/lib/i18n/roads';
import { rankSegments, rankShift } from '@/lib/roads/score';
import type { Weights } from '@/lib/roads/types';
import { fetchPriorities, fetchRoadsGeojson, fetchWeights, roadsKeys, saveWeights, type StoredWeights } from './api';
import { PriorityTable } from './PriorityTable';
import { SegmentDetail } from './SegmentDetail';
import { WeightsEditor } from './WeightsEditor';
import styles from './roads.module.css';
import type { Row, SortKey, Tab } from './types';
import { roadClassName } from '@/lib/i18n/names';

/** Dates shown and typed as ДД.ММ.ГГГГ in every browser locale (DateField; a native date input shows the browser's own format). */
const DATE_TEXT = { pick: 'выбрать в календаре', format: 'ДД.ММ.ГГГГ', invalid: 'нет такой даты: ДД.ММ.ГГГГ' };

const RoadsMap = dynamic(() => import('./RoadsMap'), { ssr: false, loading: () => <div className="map-placeholder">Загрузка карты…</div> });

const t = roadsDictionary('ru');

const SORTERS: Record<SortKey, (r: Row) => number | string> = {
  rank: (r) => r.rank, score: (r) => r.score, perKm: (r) => r.perKm, complaints: (r) => r.complaints, citizens: (r) => r.citizens,
  trend: (r) => r.last90 - r.prev90, rating: (r) => r.rating ?? 3, lengthM: (r) => r.lengthM, name: (r) => r.name ?? '',
  sinceRepair: (r) => r.complaintsSinceRepair,
};

export interface RoadsAppProps {
  canEdit: boolean;
  /** A road agency's own owner (fixed); null lets staff pick. */
  lockedOwner: string | null;
  basemapStyleUrl: string | null;
}

/** The road-agency priority page: filters, the table beside the map, exception tabs, segment detail, weights, exports. */
export function RoadsApp({ canEdit, lockedOwner, basemapStyleUrl }: RoadsAppProps) {
  const [period, setPeriod] = useState({ from: '', to: '' });
  const [owner, setOwner] = useState('');
  const [draft, setDraft] = useState<Weights | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({ key: 'rank', dir: 'asc' });
  const [tab, setTab] = useState<Tab>('all');
  const [search, setSearch] = useState('');
  const [plan, setPlan] = useState('');
  const [roadClass, setRoadClass] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const query = useMemo(() => {
    const q = new URLSearchParams();
    if (period.from) q.set('from', period.from);
    if (period.to) q.set('to', period.to);
    if (!lockedOwner && owner) q.set('owner', owner);
    return q.toString();
  }, [period, owner, lockedOwner]);

  // The previous period's list stays on screen, dimmed, while the new one loads (updating).
  const priorities = useQuery({
    queryKey: roadsKeys.priorities(query),
    queryFn: ({ signal }) => fetchPriorities(query, signal),
    placeholderData: keepPreviousData,
    enabled: !periodReversed(period.from, period.to),
  });
  // The one rule for a reversed period (lib/domain/params.ts): said next to the fields, no list for it.
  const shownFrom = period.from || (priorities.data?.from.slice(0, 10) ?? null);
  const shownTo = period.to || (priorities.data?.asOf.slice(0, 10) ?? null);
  const reversed = periodReversed(shownFrom, shownTo);
  const ownerParam = lockedOwner ? '' : owner;
  // Each owner's list is scored with its own weights (the list of every owner with the default ones).
  const weights = useQuery({ queryKey: roadsKeys.weights(ownerParam), queryFn: ({ signal }) => fetchWeights(ownerParam, signal) });
  const geoQuery = useQuery({ queryKey: roadsKeys.geojson(ownerParam), queryFn: ({ signal }) => fetchRoadsGeojson(ownerParam, signal) });
  const data = reversed ? null : (priorities.data ?? null);
  const geo = geoQuery.data ?? null;
  const stored = weights.data ?? null;
  const error = (priorities.error ?? weights.error ?? geoQuery.error)?.message ?? null;
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

  const ranked = useMemo(() => {
    if (!data || !draft) return [];
    const now = rankSegments(data.segments, draft, { facilities: data.facilities, asOf: data.asOf });
    const shift = rankShift(data.segments, now);
    return now.map((s) => ({ ...s, shift: shift.get(s.id) ?? 0 }));
  }, [data, draft]);

  const classes = useMemo(() => [...new Set(ranked.map((r) => r.roadClass ?? ''))].filter(Boolean).sort(), [ranked]);
  const rows = useMemo(() => {
    if (!data) return [];
    const inTab = tab === 'all' ? null : new Set(data.lists[tab]);
    const needle = search.trim().toLowerCase();
    const out = ranked.filter((r) => (!inTab || inTab.has(r.id))
      && (!needle || `${r.name ?? ''} ${r.externalId}`.toLowerCase().includes(needle))
      && (!plan || r.planState === plan || (plan === 'none' && r.planState === ''))
      && (!roadClass || r.roadClass === roadClass));
    const key = SORTERS[sort.key];
    const dir = sort.dir === 'asc' ? 1 : -1;
    return out.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const c = typeof x === 'string' ? x.localeCompare(String(y), 'ru') : x - (y as number);
      return c * dir || a.rank - b.rank;
    });
  }, [data, ranked, tab, search, plan, roadClass, sort]);

  const mapData = useMemo<FeatureCollection | null>(() => {
    if (!geo) return null;
    const score = new Map(ranked.map((r) => [r.id, r.score]));
    return { ...geo, features: geo.features.map((f) => ({ ...f, properties: { ...f.properties, score: score.get(Number(f.properties?.id)) ?? 0 } })) };
  }, [geo, ranked]);

  const onSort = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'rank' || key === 'name' ? 'asc' : 'desc' }));

  const save = () => {
    if (draft) saving.mutate({ w: draft, owner: ownerParam });
  };

  const tabs: [Tab, string, string][] = data ? [
    ['all', `Все участки (${data.segments.length})`, ''],
    ['a', `${t.lists.a} (${data.lists.a.length})`, `${t.lists.aHow}; здесь — от ${data.hotPerKm.toLocaleString('ru-RU')} жалоб на км`],
    ['b', `${t.lists.b} (${data.lists.b.length})`, t.lists.bHow],
    ['c', `${t.lists.c} (${data.lists.c.length})`, t.lists.cHow],
  ] : [];
  const moved = ranked.filter((r) => r.shift !== 0).length;

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1>Приоритеты ремонта дорог</h1>
        <p className="muted" data-testid="roads-scope">
          {lockedOwner ? `Участки владельца: ${t.owners[lockedOwner] ?? lockedOwner}` : 'Участки всех владельцев'}
          {data && ` · расчёт на ${new Date(data.asOf).toLocaleDateString('ru-RU', { timeZone: 'UTC' })}, жалобы с ${new Date(data.from).toLocaleDateString('ru-RU', { timeZone: 'UTC' })}`}
        </p>
      </header>
      <form className={styles.filters} onSubmit={(e) => e.preventDefault()} aria-label="Фильтры">
        <label>Поиск<input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="улица или код" data-testid="roads-search" /></label>
        <label>План
          <select value={plan} onChange={(e) => setPlan(e.target.value)}>
            <option value="">любой</option>
            <option value="none">нет в плане</option>
            {(['planned', 'in_progress', 'warranty', 'done'] as const).map((p) => <option key={p} value={p}>{t.planStates[p]}</option>)}
          </select>
        </label>
        <label>Класс
          <select value={roadClass} onChange={(e) => setRoadClass(e.target.value)}>
            <option value="">любой</option>
            {classes.map((c) => <option key={c} value={c}>{roadClassName(c)}</option>)}
          </select>
        </label>
        {!lockedOwner && (
          <label>Владелец
            <select value={owner} onChange={(e) => setOwner(e.target.value)} data-testid="roads-owner">
              <option value="">все</option>
              {Object.entries(t.owners).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
            </select>
          </label>
        )}
        {/* Until a date is chosen, the fields show the period the server used (its defaults). */}
        <DateField name="from" label="Жалобы с" value={shownFrom} max={period.to || null}
          text={DATE_TEXT} testId="roads-from" onChange={(v) => setPeriod((p) => ({ ...p, from: v ?? '' }))} />
        <DateField name="to" label="по (дата расчёта)" value={shownTo} min={period.from || null}
          text={DATE_TEXT} testId="roads-to" onChange={(v) => setPeriod((p) => ({ ...p, to: v ?? '' }))} />
        {reversed && <p className="error" role="alert" data-testid="roads-period-error">{PERIOD_REVERSED}</p>}
        {!reversed && <span className={styles.exports}>
          Выгрузить (с сохранёнными весами):
          {(['xlsx', 'csv', 'geojson'] as const).map((f) => (
            <a key={f} href={`/api/roads/export?format=${f}${query ? `&${query}` : ''}`} download data-testid={`export-${f}`}>{f.toUpperCase()}</a>
          ))}
        </span>}
      </form>
      {error && <p className="error" role="alert">Ошибка: {error}</p>}
      {!data && !error && !reversed && <p className="muted">Загрузка списка…</p>}
      {data && (
        <>
          <div role="tablist" className={styles.tabs} aria-label="Списки">
            {tabs.map(([k, label, how]) => (
              <button key={k} type="button" role="tab" aria-selected={tab === k} title={how} onClick={() => setTab(k)} data-testid={`tab-${k}`}>{label}</button>
            ))}
          </div>
          {tab !== 'all' && <p className="muted">{tabs.find((x) => x[0] === tab)?.[2]}</p>}
          {updating && !error && <p className={styles.updatingNote} role="status">Список пересчитывается под новый период…</p>}
          <div className={styles.layout} aria-busy={updating} data-testid="roads-layout" data-state={updating ? 'updating' : 'ready'}>
            <PriorityTable rows={rows} sort={sort} onSort={onSort} selected={selected} onSelect={setSelected}
              empty={data.segments.length === 0 ? 'Нет участков дорог: загрузите сеть командой pmap import roads.' : tab !== 'all' && data.lists[tab].length === 0 ? 'В этом списке нет участков — исключений не найдено.' : 'Ни один участок не подходит под фильтры.'} />
            <div className={styles.side}>
              {mapData ? <RoadsMap segments={mapData} selected={selected} basemapStyleUrl={basemapStyleUrl} onSelect={setSelected} /> : <div className="map-placeholder">Загрузка карты…</div>}
              {selected !== null && <SegmentDetail id={selected} query={query} onClose={() => setSelected(null)} />}
            </div>
          </div>
          {draft && stored && (
            <WeightsEditor draft={draft} stored={stored.weights} defaults={stored.defaults} owner={stored.owner} own={stored.own}
              facilities={data.facilities} canEdit={canEdit}
              moved={moved} saving={saving.isPending} message={message} onChange={setDraft} onSave={save} />
          )}
        </>
      )}
    </div>
  );
}
