'use client';

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { TopicChooser } from '@/components/appeals/TopicChooser';
import { getJson } from '@/components/ui/http';
import type { AppealFilter } from '@/lib/domain/filters';
import { CHANNEL_LABELS, STATUS_LABELS, TOPIC_LABELS, type Channel, type Status, type Topic } from '@/lib/domain/vocab';
import { drillText } from '@/lib/i18n/drill';
import { appealFilterParams } from '@/lib/render/appealFilterQuery';
import styles from './DrillDown.module.css';
import type { DrillRow, DrillTarget } from '@/lib/store/appealDrill';

export type { DrillTarget };

/** One row of GET /api/appeals/drill: the server's row with its date as the ISO string JSON carries. */
export type DrillRowJson = Omit<DrillRow, 'createdAt'> & { createdAt: string };

export interface DrillResponse {
  total: number;
  awaitingGrouping: number;
  page: number;
  pageSize: number;
  rows: DrillRowJson[];
}

const PAGE_SIZE = 10;
const t = drillText('ru');
const dateFormat = new Intl.DateTimeFormat('ru-RU', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

export function drillSearch(filter: AppealFilter, target: DrillTarget, page: number, pageSize = PAGE_SIZE): string {
  const which: Record<string, string | number> =
    target.kind === 'cell'
      ? { h3: target.h3 }
      : target.kind === 'segment'
        ? { segment: target.id }
        : { appeal: target.id };
  return appealFilterParams(filter, { ...which, page, page_size: pageSize }).toString();
}

const fetchDrill = (search: string, signal: AbortSignal) =>
  getJson<DrillResponse>(`/api/appeals/drill?${search}`, signal);

const label = <K extends string>(labels: Record<K, { ru: string }>, v: string) => labels[v as K]?.ru ?? v;

function Row({ a, onTopicSaved }: { a: DrillRowJson; onTopicSaved: () => unknown }) {
  return (
    <li className={styles.item} data-testid="drill-row" data-id={a.id} data-doubt={a.doubt} data-manual={a.topicManual}>
      <div className={styles.meta}>
        <time dateTime={a.createdAt}>{dateFormat.format(new Date(a.createdAt))}</time>
        <span className={styles.topic} data-testid="drill-topic">
          {label<Topic>(TOPIC_LABELS, a.topic)}
        </span>
        {a.isGratitude && <span className={styles.thanks}>{t.drill.gratitude}</span>}
      </div>
      <TopicChooser id={a.id} topicManual={a.topicManual} doubt={a.doubt} top={a.top} onSaved={onTopicSaved} />
      <dl className={styles.facts}>
        <dt>{t.drill.columns.channel}</dt>
        <dd>{label<Channel>(CHANNEL_LABELS, a.channel)}</dd>
        <dt>{t.drill.columns.status}</dt>
        <dd data-status={a.status}>{label<Status>(STATUS_LABELS, a.status)}</dd>
        <dt>{t.drill.columns.problem}</dt>
        <dd>{a.problemId === null ? t.drill.noProblem : t.drill.problem(a.problemId)}</dd>
      </dl>
      <p className={styles.text}>{a.text ?? t.drill.noText}</p>
      {(a.address || a.municipality) && (
        <p className={styles.address}>{[a.address, a.municipality].filter(Boolean).join(' · ')}</p>
      )}
    </li>
  );
}

/** The appeals behind a clicked cell, road segment or point under the current filter: a paged list, newest first. */
export function DrillDown(props: { filter: AppealFilter; target: DrillTarget; onClose: () => void }) {
  const { filter, target, onClose } = props;
  // A new target or filter starts again at page 1. Keyed by the canonical query string, not the objects: the map
  // re-creates an equal filter object on every render, and that must not send the list back to page 1.
  const key = drillSearch(filter, target, 1);
  const [paging, setPaging] = useState({ key, page: 1 });
  const page = paging.key === key ? paging.page : 1;
  const setPage = (p: number) => setPaging({ key, page: p });
  const search = drillSearch(filter, target, page);
  const queryClient = useQueryClient();
  // Every drill-down page may show the appeal whose topic changed (and a topic filter may now exclude it).
  const onTopicSaved = () => queryClient.invalidateQueries({ queryKey: ['appeals-drill'] });
  const q = useQuery({
    queryKey: ['appeals-drill', search],
    queryFn: ({ signal }) => fetchDrill(search, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const pages = q.data ? Math.max(1, Math.ceil(q.data.total / q.data.pageSize)) : 1;
  const state = q.isError ? 'error' : q.isPending ? 'loading' : q.isPlaceholderData ? 'loading' : 'ready';
  return (
    <section
      className={styles.drill}
      aria-labelledby="drill-title"
      data-testid="drill"
      data-state={state}
      data-total={q.data?.total ?? ''}
    >
      <header className={styles.head}>
        <h2 id="drill-title">{t.drill.title[target.kind]}</h2>
        <button
          type="button"
          className={styles.close}
          onClick={onClose}
          aria-label={t.drill.close}
          title={t.drill.close}
        >
          ×
        </button>
      </header>
      {q.isPending && (
        <p className={styles.note} role="status">
          {t.drill.loading}
        </p>
      )}
      {q.isError && (
        <p className={styles.error} role="alert">
          {t.drill.failed(q.error.message)}
        </p>
      )}
      {q.data && (
        <>
          <p className={styles.note} data-testid="drill-total">
            {t.drill.total(q.data.total)}
          </p>
          {q.data.awaitingGrouping > 0 && (
            <p className={styles.note} data-testid="drill-awaiting-grouping" data-count={q.data.awaitingGrouping}>
              {t.drill.awaitingGrouping(q.data.awaitingGrouping)}
            </p>
          )}
          {q.data.total === 0 ? (
            <p className={styles.empty} data-testid="drill-empty">
              {t.drill.empty}
            </p>
          ) : (
            <ol className={styles.list} aria-busy={q.isFetching}>
              {q.data.rows.map((a) => (
                <Row key={a.id} a={a} onTopicSaved={onTopicSaved} />
              ))}
            </ol>
          )}
          {pages > 1 && (
            <nav className={styles.pager} aria-label={t.drill.page(page, pages)}>
              <button type="button" onClick={() => setPage(page - 1)} disabled={page <= 1 || q.isFetching}>
                {t.drill.prev}
              </button>
              <span data-testid="drill-page">{t.drill.page(page, pages)}</span>
              <button type="button" onClick={() => setPage(page + 1)} disabled={page >= pages || q.isFetching}>
                {t.drill.next}
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
