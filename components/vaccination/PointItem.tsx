'use client';

import { memo } from 'react';
import { openState } from '@/lib/hours/status';
import { openStateText } from '@/lib/i18n/openStateText';
import type { Dictionary, Lang } from '@/lib/i18n/vaccination';
import { freshness } from '@/lib/points/freshness';
import { booking, routeLinks } from '@/lib/points/route';
import type { PublicPoint } from '@/lib/points/types';
import { PointDetails } from './PointDetails';
import styles from './vaccination.module.css';

export interface PointItemProps {
  t: Dictionary;
  lang: Lang;
  point: PublicPoint & { distanceKm: number };
  showDistance: boolean;
  selected: boolean;
  now: Date;
  staleDays: number;
  onSelect: (id: number) => void;
}

/** One point in the list: a button that selects it (and opens its details), status, flags and freshness. */
export const PointItem = memo(function PointItem({
  t,
  lang,
  point: p,
  showDistance,
  selected,
  now,
  staleDays,
  onSelect,
}: PointItemProps) {
  const state = openState(p.hours, p.timezone, now);
  const fresh = freshness(p.verifiedAt, now, staleDays);
  const detailsId = `point-${p.id}-details`;
  const how = booking(p.walkIn, p.appointments);
  const route = routeLinks(p.lat, p.lon);
  return (
    <li
      className={`${styles.item} ${selected ? styles.itemSelected : ''}`}
      data-testid="point-item"
      data-id={p.id}
      data-open={state.state}
      data-km={showDistance ? p.distanceKm.toFixed(3) : undefined}
      aria-current={selected ? 'true' : undefined}
    >
      <h3 className={styles.itemTitle}>
        <button type="button" aria-expanded={selected} aria-controls={detailsId} onClick={() => onSelect(p.id)}>
          {p.name}
        </button>
      </h3>
      <p className={styles.address}>
        {p.address}
        {showDistance && <span className={styles.distance}> · {t.distance(p.distanceKm)}</span>}
      </p>
      <p className={`${styles.status} ${styles[`status_${state.state}`]}`} data-testid="point-status">
        {openStateText(t, state, p.timezone, now)}
      </p>
      <ul className={styles.badges} aria-label={t.list.features}>
        {how && <li data-testid="booking">{t.flags[how]}</li>}
        {p.accessible && <li>{t.flags.accessible}</li>}
        {fresh.kind === 'fresh' ? (
          <li className={styles.fresh} data-testid="freshness">
            {t.freshness.verified(fresh.days)}
          </li>
        ) : (
          <li className={styles.stale} data-testid="freshness" title={t.freshness.staleHint(fresh.days)}>
            {t.freshness.stale}
          </li>
        )}
      </ul>
      <p className={styles.route} data-testid="route">
        {t.route.label}{' '}
        <a href={route.yandex} target="_blank" rel="noopener noreferrer" data-testid="route-yandex">
          {t.route.yandex}
        </a>
        {' · '}
        <a href={route.twoGis} target="_blank" rel="noopener noreferrer">
          {t.route.twoGis}
        </a>
      </p>
      <div id={detailsId} hidden={!selected}>
        {selected && <PointDetails t={t} lang={lang} id={p.id} name={p.name} />}
      </div>
    </li>
  );
});
