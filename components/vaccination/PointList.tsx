'use client';

import type { Dictionary, Lang } from '@/lib/i18n/vaccination';
import type { PublicPoint } from '@/lib/points/types';
import { PointItem } from './PointItem';
import styles from './vaccination.module.css';

type Row = PublicPoint & { distanceKm: number };

export interface PointListProps {
  t: Dictionary;
  lang: Lang;
  rows: Row[];
  total: number;
  /** The selected point when it is not among `rows` (picked on the map far down the order): shown first. */
  pinned: Row | null;
  more: number;
  byOrigin: boolean;
  selectedId: number | null;
  now: Date;
  staleDays: number;
  state: 'loading' | 'error' | 'ready';
  onSelect: (id: number) => void;
  onMore: () => void;
}

export function PointList(p: PointListProps) {
  const { t } = p;
  const item = (r: Row) => (
    <PointItem
      key={r.id}
      t={t}
      lang={p.lang}
      point={r}
      showDistance={p.byOrigin}
      selected={r.id === p.selectedId}
      now={p.now}
      staleDays={p.staleDays}
      onSelect={p.onSelect}
    />
  );
  return (
    <section className={styles.list} aria-labelledby="points-list-heading" id="points-list" tabIndex={-1}>
      <h2 id="points-list-heading" className={styles.listHeading}>
        {t.list.heading}
      </h2>
      {p.state === 'loading' && <p role="status">{t.list.loading}</p>}
      {p.state === 'error' && (
        <p className={styles.error} role="alert">
          {t.list.loadError}
        </p>
      )}
      {p.state === 'ready' && (
        <>
          <p className={styles.count} role="status" data-testid="points-count" data-count={p.total}>
            {t.list.count(p.total)}{' '}
            <span className={styles.muted}>({p.byOrigin ? t.list.sortedByDistance : t.list.sortedByMap})</span>
          </p>
          {p.total === 0 && <p>{t.list.empty}</p>}
          <ul className={styles.items}>
            {p.pinned && item(p.pinned)}
            {p.rows.map(item)}
          </ul>
          {p.more > 0 && (
            <button type="button" className={styles.secondary} onClick={p.onMore}>
              {t.list.showMore(p.more)}
            </button>
          )}
        </>
      )}
    </section>
  );
}
