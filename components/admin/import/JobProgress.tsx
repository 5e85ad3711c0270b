'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ImportDictionary } from '@/lib/i18n/adminImport';
import { groupingStepText } from '@/lib/i18n/grouping';
import { importText } from '@/lib/i18n/importTexts';
import { fetchJob, type JobView } from './api';
import css from './import.module.css';

/**
 * Live progress of one job (polled each second while it runs), then its counts and the rejects download. A big
 * appeal import groups its problems after the commit (issue 21): after its 100 % the page polls that step until
 * none of its appeals awaits it.
 */
export function JobProgress({ t, id }: { t: ImportDictionary; id: number }) {
  const q = useQuery({
    queryKey: ['import-job', id],
    queryFn: () => fetchJob(id),
    refetchInterval: (query) => {
      const d = query.state.data;
      return !d || d.status === 'running' || (d.progress.grouping?.awaiting ?? 0) > 0 ? 1000 : false;
    },
    staleTime: 0,
  });
  const job = q.data;
  const client = useQueryClient();
  const ended = job && job.status !== 'running';
  // The history shows the job's final counts as soon as it ends.
  useEffect(() => {
    if (ended) void client.invalidateQueries({ queryKey: ['import-jobs'] });
  }, [ended, client]);
  if (q.error)
    return (
      <p className="error" role="alert">
        {(q.error as Error).message}
      </p>
    );
  if (!job) return <p className="muted">…</p>;
  const fmt = new Intl.NumberFormat(t.locale);
  const pct = job.status === 'done' ? 100 : Math.floor((job.progress.fraction ?? 0) * 100);
  return (
    <section
      className={css.progress}
      aria-labelledby="import-progress-h"
      data-testid="import-progress"
      data-status={job.status}
      data-step={job.status === 'running' ? job.progress.step?.name : undefined}
    >
      <h2 id="import-progress-h">
        {t.progress.heading}: {job.fileName}
      </h2>
      <div
        className={css.bar}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-label={t.progress.heading}
        data-failed={job.status === 'failed' || undefined}
      >
        <div style={{ width: `${pct}%` }} />
      </div>
      <p data-testid="import-stats">
        <strong data-testid="import-percent">{pct} %</strong>
        {' · '}
        {t.progress.rows(fmt.format(job.progress.rows))}
        {job.progress.rowsPerSecond !== null && <> · {t.progress.rate(fmt.format(job.progress.rowsPerSecond))}</>}
        {job.status === 'running' && job.progress.etaSeconds !== null && (
          <> · {t.progress.eta(job.progress.etaSeconds)}</>
        )}
        {' · '}
        {stateText(t, job)}
      </p>
      {job.status === 'done' && job.progress.grouping && (
        <GroupingStep t={t} awaiting={job.progress.grouping.awaiting} />
      )}
      {job.status === 'failed' && (
        <p className="error" role="alert" data-testid="import-error">
          {importText(job.error ?? '', langOf(t))}
        </p>
      )}
      {job.status === 'done' && <Counts t={t} job={job} />}
    </section>
  );
}

/** The step after the 100 %: grouping into problems after the commit, with how many appeals still wait, then done. */
function GroupingStep({ t, awaiting }: { t: ImportDictionary; awaiting: number }) {
  const words = groupingStepText(langOf(t), awaiting, new Intl.NumberFormat(t.locale).format(awaiting));
  return (
    <p
      data-testid="import-grouping"
      data-awaiting={awaiting}
      data-state={awaiting > 0 ? 'waiting' : 'done'}
      role="status"
    >
      {words.name}: <strong>{words.state}</strong>
    </p>
  );
}

function Counts({ t, job }: { t: ImportDictionary; job: JobView }) {
  const keys = ['read', 'inserted', 'updated', 'unchanged', 'rejected'] as const;
  return (
    <>
      <dl className={css.counts} data-testid="import-counts">
        {keys.map((k) => (
          <div key={k}>
            <dt>{t.progress.counts[k]}</dt>
            <dd data-testid={`count-${k}`}>{job[k]}</dd>
          </div>
        ))}
      </dl>
      {job.rejected > 0 ? (
        <p>
          <a href={`/api/admin/imports/${job.id}/rejects`} download>
            {t.progress.rejects}
          </a>
        </p>
      ) : (
        <p className="muted">{t.progress.noRejects}</p>
      )}
      {job.notes.length > 0 && (
        <>
          <h3>{t.progress.notes}</h3>
          <ul data-testid="import-notes">
            {job.notes.map((n) => (
              <li key={n}>{importText(n, langOf(t))}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** What the job is doing: nothing to add while reading, the saving step under way, then done or failed. */
function stateText(t: ImportDictionary, job: JobView): string {
  if (job.status === 'done') return t.progress.done;
  if (job.status === 'failed') return t.progress.failed;
  if (job.progress.phase !== 'saving') return '';
  const st = job.progress.step;
  return st ? t.progress.step(st.n, st.of, t.progress.steps[st.name]) : t.progress.saving;
}

/** The importers write notes and failures in English (lib/ingest); the page says them in its own language. */
const langOf = (t: ImportDictionary) => (t.locale.startsWith('ru') ? 'ru' : 'en');
