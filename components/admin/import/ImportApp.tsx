'use client';

import { useState } from 'react';
import { IMPORT_EN, IMPORT_RU } from '@/lib/i18n/adminImport';
import type { ProfileView } from './api';
import { ImportForm } from './ImportForm';
import { JobHistory } from './JobHistory';
import { JobProgress } from './JobProgress';

/** The admin import page: the form, the running job's progress, and the history. */
export function ImportApp({
  lang,
  profiles,
  maxMb,
  timeZone,
}: {
  lang: 'ru' | 'en';
  profiles: ProfileView[];
  maxMb: number;
  timeZone: string;
}) {
  const t = lang === 'en' ? IMPORT_EN : IMPORT_RU;
  const [jobId, setJobId] = useState<number | null>(null);
  return (
    <>
      <h1>{t.title}</h1>
      <p className="muted">{t.intro(maxMb)}</p>
      <ImportForm t={t} profiles={profiles} onStarted={setJobId} />
      {jobId !== null && <JobProgress key={jobId} t={t} id={jobId} />}
      <JobHistory t={t} refreshKey={jobId ?? 0} timeZone={timeZone} />
    </>
  );
}
