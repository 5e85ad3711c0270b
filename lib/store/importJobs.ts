import { AsyncLocalStorage } from 'node:async_hooks';
import os from 'node:os';
import type { Database } from '../../db';
import {
  failRunningJobs,
  heartbeat,
  insertJob,
  insertWebJob,
  jobRow,
  jobRows,
  markJobDone,
  markJobFailed,
  rejectRows,
  runningJobs,
  setFailedError,
  setJobMapping,
  setJobProgress,
  type ImportJobRow,
} from '../../db/queries/importJobs';
import { env } from '../config/env';

export interface ImportCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/*
 * Jobs this process runs (kept on globalThis: Next's module reloads must not forget them): never orphans here. A job
 * joins when its row is made and leaves when its run ends, however it ends.
 */
const ownHolder = globalThis as unknown as { __pmapOwnJobs?: Set<number> };
const own = (ownHolder.__pmapOwnJobs ??= new Set<number>());

/** PostgreSQL's text refuses U+0000 (the whole UPDATE fails): a message loses its NUL bytes before it is stored. */
const storableText = (s: string): string => s.split('\u0000').join('');

const ENDED = 'interrupted: the importing process ended before committing; nothing of it was kept';
const SILENT = (seconds: number) =>
  `interrupted: the importing process sent no heartbeat for over ${seconds} s (killed, or its machine stopped); nothing of it was kept`;

/**
 * Marks orphaned jobs — "running", but their process is gone — failed with the reason, and says how many. A job is
 * orphaned when its process is known dead (same host, pid gone), when its heartbeat is older than
 * PMAP_IMPORT_STALE_SECONDS (any host), and, `atStart` (the process's first database open, before it could start a
 * job), when it names this host and this very pid (a restarted container reuses pids) or the database is the
 * embedded one (its lock admits one process: every job "running" there belonged to an earlier one).
 */
export async function recoverOrphanedJobs(db: Database, opts: { atStart?: boolean } = {}): Promise<number> {
  const staleSeconds = env().PMAP_IMPORT_STALE_SECONDS;
  const running = await runningJobs(db, staleSeconds);
  const ended: number[] = [];
  const silent: number[] = [];
  for (const j of running) {
    const id = Number(j.id);
    if (own.has(id)) continue;
    const here = j.host === os.hostname() && j.pid !== null;
    const gone =
      (opts.atStart && db.kind === 'embedded') ||
      (here && (j.pid === process.pid ? opts.atStart === true : !alive(j.pid!)));
    if (gone) ended.push(id);
    else if (j.stale) silent.push(id);
  }
  const mark = (ids: number[], error: string) => (ids.length ? failRunningJobs(db, ids, error) : Promise.resolve());
  await mark(ended, ENDED);
  await mark(silent, SILENT(staleSeconds));
  return ended.length + silent.length;
}

/**
 * While an import runs: its heartbeat every few seconds (PostgreSQL; the embedded database's one connection is busy
 * with the import, and no other process can open it). Returns the function that stops it when the run ends.
 */
export function keepAlive(db: Database, id: number): () => void {
  own.add(id);
  const every = Math.min(5, env().PMAP_IMPORT_STALE_SECONDS / 4) * 1000;
  const timer =
    db.kind === 'postgres'
      ? setInterval(() => {
          void heartbeat(db, id).catch(() => undefined);
        }, every)
      : null;
  timer?.unref();
  return () => {
    if (timer) clearInterval(timer);
    own.delete(id);
  };
}

/** The web runner's job has ended (its importer stopped the heartbeat already, or never started). */
export function releaseJob(id: number): void {
  own.delete(id);
}

/*
 * A job created before its importer runs (the admin page needs the id at once, to poll it). An importer started
 * inside presetJob() takes that job in startJob() instead of inserting one, so the importers need no parameter.
 */
const preset = new AsyncLocalStorage<{ jobId: number; taken: boolean }>();

export function presetJob<T>(jobId: number, fn: () => Promise<T>): Promise<T> {
  return preset.run({ jobId, taken: false }, fn);
}

/** A job for an upload from the admin page: running, owned by this process, named by the original file name. */
export async function createWebJob(
  db: Database,
  j: { kind: string; fileName: string; userEmail: string; bytesTotal: number },
): Promise<number> {
  const id = await insertWebJob(db, { ...j, host: os.hostname(), pid: process.pid });
  own.add(id);
  return id;
}

export async function recordProgress(db: Database, id: number, rows: number, bytes: number | null): Promise<void> {
  await setJobProgress(db, id, rows, bytes);
}

/** Marks a job failed unless its importer already finished or failed it (errors before the importer's own start). */
export async function failJobIfRunning(db: Database, id: number, error: string): Promise<void> {
  await failRunningJobs(db, [id], storableText(error));
}

/** A failed job's message, replaced (the web runner names the file by its uploaded name). */
export async function setFailedJobError(db: Database, id: number, error: string): Promise<void> {
  await setFailedError(db, id, storableText(error));
}

export async function startJob(db: Database, kind: string, fileName: string, mapping: unknown): Promise<number> {
  const p = preset.getStore();
  if (p && !p.taken) {
    p.taken = true;
    await setJobMapping(db, p.jobId, mapping === undefined ? null : JSON.stringify(mapping));
    return p.jobId;
  }
  await recoverOrphanedJobs(db);
  return insertJob(db, {
    kind,
    fileName,
    mapping: mapping === undefined ? null : JSON.stringify(mapping),
    host: os.hostname(),
    pid: process.pid,
  });
}

export async function finishJob(
  db: Database,
  id: number,
  counts: ImportCounts,
  notes: string[],
  sourceId: number | null,
): Promise<void> {
  await markJobDone(db, id, { ...counts, notes: notes.map(storableText), sourceId });
}

export async function failJob(db: Database, id: number, error: string): Promise<void> {
  await markJobFailed(db, id, storableText(error));
}

export { ensureSource } from '../../db/queries/importJobs';
export type { ImportJobRow };

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v));
const toJob = (r: ImportJobRow): ImportJobRow => ({
  ...r,
  id: Number(r.id),
  startedAt: iso(r.startedAt)!,
  finishedAt: iso(r.finishedAt),
  bytesTotal: r.bytesTotal === null ? null : Number(r.bytesTotal),
  bytesDone: r.bytesDone === null ? null : Number(r.bytesDone),
});

/** The import history, newest first; orphaned jobs are marked first, so none shows "running" forever. */
export async function listJobs(db: Database, limit = 500): Promise<ImportJobRow[]> {
  await recoverOrphanedJobs(db);
  return (await jobRows(db, limit)).map(toJob);
}

export async function getJob(db: Database, id: number): Promise<ImportJobRow | null> {
  const r = await jobRow(db, id);
  return r ? toJob(r) : null;
}

/** A job's rejected rows from import_rejects, a page at a time in row order (keyset), for jobs whose CSV is gone. */
export async function* rejectPages(
  db: Database,
  jobId: number,
  pageSize = 5000,
): AsyncGenerator<{ row: number; reason: string; raw: Record<string, unknown> }[]> {
  let after = -1;
  let afterId = 0;
  for (;;) {
    const rows = await rejectRows(db, jobId, after, afterId, pageSize);
    if (!rows.length) return;
    yield rows.map((r) => ({ row: r.row_number, reason: r.reason, raw: r.raw }));
    after = rows[rows.length - 1].row_number;
    afterId = Number(rows[rows.length - 1].id);
  }
}
