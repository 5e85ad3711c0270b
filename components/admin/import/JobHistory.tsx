'use client';

import { timeZoneName } from '@/lib/i18n/names';
import { formatLocal } from '@/lib/i18n/time';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { ImportDictionary } from '@/lib/i18n/adminImport';
import { importText } from '@/lib/i18n/importTexts';
import { fetchJobs, type JobView } from './api';
import css from './import.module.css';

type Col =
  'id' | 'file' | 'kind' | 'status' | 'started' | 'who' | 'read' | 'inserted' | 'updated' | 'unchanged' | 'rejected';

const value = (j: JobView, c: Col): string | number => {
  switch (c) {
    case 'file':
      return j.fileName;
    case 'started':
      return j.startedAt;
    case 'who':
      return j.userEmail ?? `~${j.host ?? ''}`;
    default:
      return j[c];
  }
};

/** A file name that may wrap after "_", "-" and ".", not in the middle of a word. */
const breakable = (name: string) => name.split(/(?<=[_.-])/).map((part, i) => (i ? [<wbr key={i} />, part] : part));

/** Every import job, newest first; any column sorts (click its header again to reverse). */
export function JobHistory({ t, refreshKey, timeZone }: { t: ImportDictionary; refreshKey: number; timeZone: string }) {
  const q = useQuery({
    queryKey: ['import-jobs', refreshKey],
    queryFn: fetchJobs,
    refetchInterval: (query) => (query.state.data?.some((j) => j.status === 'running') ? 2000 : false),
    staleTime: 0,
  });
  const [sort, setSort] = useState<{ col: Col; desc: boolean }>({ col: 'started', desc: true });
  const rows = useMemo(() => {
    const list = [...(q.data ?? [])];
    list.sort((a, b) => {
      const x = value(a, sort.col);
      const y = value(b, sort.col);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), t.locale);
      return (sort.desc ? -c : c) || b.id - a.id;
    });
    return list;
  }, [q.data, sort, t.locale]);
  // Minutes in the cell, seconds in its tooltip: twelve columns fit 1280 px without scrolling sideways.
  // The region's time, not the browser's (lib/i18n/time.ts).
  const lang = t.locale.startsWith('en') ? 'en' : 'ru';
  const fmt = { format: (d: Date) => formatLocal(d, timeZone, lang) };
  const full = { format: (d: Date) => `${formatLocal(d, timeZone, lang, 'medium')} (${timeZoneName(timeZone)})` };
  const n = (x: number) => x.toLocaleString(t.locale);
  const cols = Object.keys(t.history.cols).filter((c) => c !== 'details') as Col[];
  const numeric = new Set<Col>(['id', 'read', 'inserted', 'updated', 'unchanged', 'rejected']);

  return (
    <section aria-labelledby="import-history-h">
      <h2 id="import-history-h">{t.history.heading}</h2>
      {q.isLoading && <p className="muted">{t.history.loading}</p>}
      {q.error && (
        <p className="error" role="alert">
          {(q.error as Error).message}
        </p>
      )}
      {q.data && q.data.length === 0 && <p className="muted">{t.history.empty}</p>}
      {rows.length > 0 && (
        <div className={css.scroll}>
          <table className={css.history} data-testid="import-history">
            <thead>
              <tr>
                {cols.map((c) => (
                  <th
                    key={c}
                    aria-sort={sort.col === c ? (sort.desc ? 'descending' : 'ascending') : 'none'}
                    className={numeric.has(c) ? css.num : undefined}
                  >
                    <button
                      type="button"
                      className={css.sort}
                      aria-label={t.history.sortBy(t.history.cols[c])}
                      onClick={() =>
                        setSort((s) => ({ col: c, desc: s.col === c ? !s.desc : numeric.has(c) || c === 'started' }))
                      }
                    >
                      {t.history.cols[c]}
                      {sort.col === c ? (sort.desc ? ' ▼' : ' ▲') : ''}
                    </button>
                  </th>
                ))}
                <th>{t.history.cols.details}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((j) => (
                <tr key={j.id} data-testid="import-row" data-status={j.status}>
                  <td className={css.num}>{j.id}</td>
                  <td className={css.file}>{breakable(j.fileName)}</td>
                  <td>{t.form.kinds[j.kind] ?? j.kind}</td>
                  <td>
                    <span className={`${css.status} ${css[j.status]}`}>{t.history.status[j.status]}</span>
                  </td>
                  <td title={full.format(new Date(j.startedAt))}>{fmt.format(new Date(j.startedAt))}</td>
                  <td>{j.userEmail ?? t.history.cli(j.host ?? '?', String(j.pid ?? '?'))}</td>
                  <td className={css.num}>{n(j.read)}</td>
                  <td className={css.num}>{n(j.inserted)}</td>
                  <td className={css.num}>{n(j.updated)}</td>
                  <td className={css.num}>{n(j.unchanged)}</td>
                  <td className={css.num}>{n(j.rejected)}</td>
                  <td className={css.details}>
                    {j.error && (
                      <span className="error">{importText(j.error, t.locale.startsWith('ru') ? 'ru' : 'en')}</span>
                    )}
                    {j.status === 'done' && j.rejected > 0 && (
                      <a href={`/api/admin/imports/${j.id}/rejects`} download>
                        {t.history.download}
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
