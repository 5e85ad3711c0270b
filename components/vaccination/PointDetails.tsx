'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { parseDay } from '@/lib/hours/parse';
import { WEEKDAYS } from '@/lib/hours/types';
import { vaccineLabel, type Dictionary, type Lang } from '@/lib/i18n/vaccination';
import { fetchPointDetails } from './api';
import { ReportForm } from './ReportForm';
import styles from './vaccination.module.css';
import { timeZoneName } from '@/lib/i18n/names';

/** "09:00-13:00,14:00-18:00" → "09:00–13:00, 14:00–18:00"; closed and unknown in words. */
function dayText(t: Dictionary, text: string): string {
  const r = parseDay(text);
  if (!r.ok || r.day.kind === 'unknown') return t.details.dayUnknown;
  if (r.day.kind === 'closed') return t.details.dayClosed;
  return text
    .split(',')
    .map((s) => s.replace('-', '–'))
    .join(', ');
}

/** Only http(s) links are ever rendered (the importer drops others too): no javascript: URL can slip through. */
const safeHref = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

export function PointDetails({ t, lang, id, name }: { t: Dictionary; lang: Lang; id: number; name: string }) {
  const q = useQuery({
    queryKey: ['public-point', id],
    queryFn: ({ signal }) => fetchPointDetails(id, signal),
    staleTime: 300_000,
  });
  const [reporting, setReporting] = useState(false);
  if (q.isPending) return <p className={styles.hint}>{t.details.loading}</p>;
  if (q.isError) return <p className={styles.error}>{t.list.loadError}</p>;
  const p = q.data;
  const href = safeHref(p.url);
  return (
    <div className={styles.details} data-testid="point-details">
      <dl className={styles.facts}>
        {p.phone && (
          <>
            <dt>{t.details.phone}</dt>
            <dd>
              <a href={`tel:${p.phone.replace(/[^\d+]/g, '')}`}>{p.phone}</a>
            </dd>
          </>
        )}
        {href && (
          <>
            <dt>{t.details.website}</dt>
            <dd>
              <a href={href} target="_blank" rel="noopener noreferrer">
                {new URL(href).host}
              </a>
            </dd>
          </>
        )}
        {p.vaccines.length > 0 && (
          <>
            <dt>{t.details.vaccines}</dt>
            <dd>{p.vaccines.map((v) => vaccineLabel(t, v)).join(', ')}</dd>
          </>
        )}
      </dl>
      <table className={styles.hours}>
        <caption>{t.details.hours}</caption>
        <tbody>
          {WEEKDAYS.map((d) => (
            <tr key={d}>
              <th scope="row">{t.weekdays[d]}</th>
              <td>{dayText(t, p.hours[d])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={styles.hint}>{t.details.hoursNote(timeZoneName(p.timezone))}</p>
      {reporting ? (
        <ReportForm t={t} lang={lang} pointId={p.id} pointName={name} onClose={() => setReporting(false)} />
      ) : (
        <button type="button" className={styles.link} onClick={() => setReporting(true)}>
          {t.report.open}
        </button>
      )}
    </div>
  );
}
