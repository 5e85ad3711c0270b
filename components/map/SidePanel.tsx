import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { isTopic } from '@/lib/domain/vocab';
import type { MapText } from '@/lib/i18n/map';
import { formatDayText } from '@/lib/render/dayText';
import { sparklinePoints, trendSeries } from '@/lib/render/sparkline';
import type { HotspotsResponse, SummaryResponse } from './api';
import styles from './mapui.module.css';

export interface SidePanelProps {
  t: MapText;
  summary: UseQueryResult<SummaryResponse>;
  hotspots: UseQueryResult<HotspotsResponse>;
  municipality: string | null;
  onMunicipality: (code: string) => void;
  briefingHref: (code: string) => string;
  onHotspot: (h3: string) => void;
  /** The drill-down of the selected place and the export menu. */
  drill: ReactNode;
  exportMenu: ReactNode;
  /** Why nothing is asked for the filter (a reversed period): said instead of the figures and the export. */
  blocked?: string | null;
  /** The /appeals list of the filter's appeals without a location or placed only approximately (location=none|coarse). */
  listHref?: (location: 'none' | 'coarse') => string;
}

const TREND_W = 150;
const TREND_H = 24;

function Trend({ t, summary }: { t: MapText; summary: SummaryResponse }) {
  const { weeks, series } = trendSeries(summary.trend);
  const nf = new Intl.NumberFormat(t.locale);
  const topics = summary.byTopic.filter((b) => series.has(b.topic)).slice(0, 8);
  if (weeks.length === 0) return <p className="muted">{t.legendEmpty}</p>;
  return (
    <table className={styles.trend} data-testid="trend">
      <caption className="muted">
        {formatDayText(weeks[0])} — {formatDayText(weeks[weeks.length - 1])}
      </caption>
      <tbody>
        {topics.map(({ topic, count }) => {
          const values = series.get(topic)!;
          return (
            <tr key={topic} data-topic={topic}>
              <th scope="row">{isTopic(topic) ? t.topic(topic) : topic}</th>
              <td>
                <svg
                  height={TREND_H}
                  viewBox={`0 0 ${TREND_W} ${TREND_H}`}
                  preserveAspectRatio="none"
                  role="img"
                  aria-label={`${values.join(', ')}`}
                >
                  <polyline
                    points={sparklinePoints(values, TREND_W, TREND_H)}
                    fill="none"
                    stroke="#b4361c"
                    strokeWidth="1.5"
                  />
                </svg>
              </td>
              <td className={styles.num}>{nf.format(count)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Summary(p: SidePanelProps & { s: SummaryResponse }) {
  const { t, s } = p;
  const nf = new Intl.NumberFormat(t.locale);
  const pct = new Intl.NumberFormat(t.locale, { style: 'percent', maximumFractionDigits: 1 });
  const hours = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 1 });
  return (
    <>
      <p className={styles.totals} data-testid="summary-total" data-total={s.total}>
        <strong>{nf.format(s.total)}</strong> {t.appeals} · {nf.format(s.citizens)} {t.citizens} ·{' '}
        {nf.format(s.gratitude)} {t.thanks}
      </p>
      {(s.withoutLocation > 0 || s.coarseLocation > 0) && (
        <p
          className="muted"
          data-testid="summary-without-location"
          data-count={s.withoutLocation}
          data-coarse={s.coarseLocation}
          title={t.locationHint}
        >
          <a href={p.listHref?.('none')} data-testid="summary-location-none">
            {t.locationNone(nf.format(s.withoutLocation))}
          </a>
          {', '}
          <a href={p.listHref?.('coarse')} data-testid="summary-location-coarse">
            {t.locationCoarse(nf.format(s.coarseLocation))}
          </a>
        </p>
      )}
      {s.awaitingGrouping > 0 && (
        <p className="muted" data-testid="summary-awaiting-grouping" data-count={s.awaitingGrouping}>
          {t.awaitingGrouping(s.awaitingGrouping, nf.format(s.awaitingGrouping))}
        </p>
      )}
      <h3>{t.trend}</h3>
      <Trend t={t} summary={s} />
      <h3>{t.topMunicipalities}</h3>
      <ol className={styles.topList} data-testid="top-municipalities">
        {s.topMunicipalities.map((m) => (
          <li key={m.code} aria-current={m.code === p.municipality ? 'true' : undefined}>
            <button
              type="button"
              onClick={() => p.onMunicipality(m.code)}
              title={t.filterBy(m.name)}
              data-code={m.code}
            >
              {m.name}
            </button>
            <span className={styles.num}>{nf.format(m.count)}</span>
            <a href={p.briefingHref(m.code)} title={`${t.briefing}: ${m.name}`} className={styles.briefingLink}>
              {t.briefingShort}
            </a>
          </li>
        ))}
      </ol>
      <h3>{t.response}</h3>
      <dl className={styles.response} data-testid="response">
        <dt>{t.medianAnswer}</dt>
        <dd>{s.response.medianHours === null ? t.noValue : t.hours(hours.format(s.response.medianHours))}</dd>
        <dt>{t.onTimeShare}</dt>
        <dd>{s.response.onTimeShare === null ? t.noValue : pct.format(s.response.onTimeShare)}</dd>
        <dt>{t.openOverdue}</dt>
        <dd>{nf.format(s.response.openOverdue)}</dd>
      </dl>
      <p className="muted">{t.deadline(s.response.deadlineDays)}</p>
    </>
  );
}

function Hotspots({ t, hotspots, onHotspot }: SidePanelProps) {
  if (hotspots.isError) return <p className="muted">{t.hotspotsUnavailable}</p>;
  if (!hotspots.data) return <p className="muted">…</p>;
  const labelled = hotspots.data.cells.filter((c) => c.label !== '').slice(0, 12);
  if (labelled.length === 0) return <p className="muted">{t.hotspotsEmpty}</p>;
  const nf = new Intl.NumberFormat(t.locale);
  return (
    <ul className={styles.hotspots} data-testid="hotspots">
      {labelled.map((c) => (
        <li key={c.h3}>
          <button type="button" onClick={() => onHotspot(c.h3)} title={t.showOnMap} data-h3={c.h3}>
            <span className={`${styles.badge} ${styles[`hs_${c.label}`] ?? ''}`}>{t.hotspotLabels[c.label]}</span>
            <span className={styles.hotspotPlace} data-testid="hotspot-place">
              {c.place ?? t.hotspotNoPlace}
            </span>
            <span className={styles.num}>{nf.format(c.count)}</span>
            <span className="muted" title="z-оценка Getis–Ord Gi*">
              z = {c.z.toLocaleString(t.locale, { maximumFractionDigits: 1 })}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * The previous filter's figures stay on screen while the new ones load (no jump to empty), but dimmed and marked, so
 * nobody reads them as the new filter's.
 */
function Updating({ t, busy, testId, children }: { t: MapText; busy: boolean; testId: string; children: ReactNode }) {
  return (
    <div
      className={busy ? styles.updating : undefined}
      aria-busy={busy}
      data-testid={testId}
      data-state={busy ? 'updating' : 'ready'}
    >
      {busy && (
        <p className={styles.updatingNote} role="status">
          {t.updating}
        </p>
      )}
      {children}
    </div>
  );
}

/** The right-hand panel: what the current filter adds up to, hotspots, and the drill-down. */
export function SidePanel(p: SidePanelProps) {
  const { t } = p;
  return (
    <aside className={`panel ${styles.side}`} aria-label={t.summary} data-testid="side-panel">
      {p.drill}
      <h2>{t.summary}</h2>
      {p.blocked ? (
        <p className="error" data-testid="summary-blocked">
          {p.blocked}
        </p>
      ) : p.summary.data ? (
        <Updating t={t} busy={p.summary.isPlaceholderData} testId="summary">
          <Summary {...p} s={p.summary.data} />
        </Updating>
      ) : (
        <p className="muted" data-testid="summary-state">
          {p.summary.isError ? t.summaryUnavailable : '…'}
        </p>
      )}
      {!p.blocked && (
        <>
          <h2>{t.hotspots}</h2>
          <Updating t={t} busy={p.hotspots.isPlaceholderData} testId="hotspots-block">
            <Hotspots {...p} />
          </Updating>
          {p.exportMenu}
          {!!p.summary.data?.awaitingGrouping && (
            <p className="muted" data-testid="export-awaiting-grouping" data-count={p.summary.data.awaitingGrouping}>
              {t.exportAwaitingGrouping(
                p.summary.data.awaitingGrouping,
                new Intl.NumberFormat(t.locale).format(p.summary.data.awaitingGrouping),
              )}
            </p>
          )}
        </>
      )}
    </aside>
  );
}
