import path from 'node:path';
import type { Database, Session } from '../../db';
import { rejectsDir } from '../config/env';
import { PmapError } from '../errors';
import { failJob, finishJob, keepAlive, startJob, type ImportCounts } from '../store/importJobs';
import { RejectSink } from '../store/rejects';

export interface ImportSummary extends ImportCounts {
  /** Path of the CSV listing each rejected row's number, reason and raw values. */
  rejects: string;
  job_id: number;
  notes: string[];
  seconds: number;
}

/** What an importer's work inside the transaction reports; `extra` keys are added to the summary as they are. */
export interface ImportWork<X extends object> {
  read: number;
  inserted: number;
  updated: number;
  sourceId: number | null;
  notes: string[];
  extra?: X;
}

export interface ImportJob {
  /** import_jobs.kind: appeals, roads, plans, points, addresses, boundaries:<level>. */
  kind: string;
  file: string;
  /** Stored with the job (the mapping or the options). */
  options: unknown;
  rejectsPath?: string;
}

/**
 * An error no rule foresaw (the database refused a row the checks let through, a bug): one line saying what, in which
 * file and, when COPY named it, at which row; that nothing was imported (the transaction rolled back). The message
 * stays on one line; the stack is the server log's business (PMAP_DEBUG on the CLI).
 */
function unexpected(e: unknown, file: string): PmapError {
  const msg = (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ');
  const row = (e as { sourceRow?: unknown })?.sourceRow;
  // English detail for the CLI; the admin page shows the key's Russian "internal import error (see the server log)".
  const err = new PmapError(
    'internal',
    `the import stopped on an unexpected error, nothing was imported: ${msg}`,
    { file: path.basename(file), row: typeof row === 'number' ? row : undefined },
    'import.failed',
  );
  return Object.assign(err, { cause: e });
}

/**
 * The skeleton every importer shares: an import job row, a rejects file, the work in one transaction (a crash or
 * an error leaves nothing of it), counts that add up (read = inserted + updated + unchanged + rejected), and the
 * job marked done with its notes or failed with a one-line reason.
 */
export async function runImport<X extends object = Record<never, never>>(
  db: Database,
  job: ImportJob,
  work: (s: Session, sink: RejectSink, jobId: number) => Promise<ImportWork<X>>,
): Promise<ImportSummary & X> {
  const t0 = Date.now();
  const jobId = await startJob(db, job.kind, path.basename(job.file), job.options);
  const rejects = job.rejectsPath ?? path.resolve(rejectsDir(), `job-${jobId}-${path.basename(job.file)}.rejects.csv`);
  const sink = new RejectSink(rejects, jobId);
  // The heartbeat tells a slow import from one whose process was killed (recoverOrphanedJobs).
  const stopHeartbeat = keepAlive(db, jobId);
  try {
    const r = await db.transaction((s) => work(s, sink, jobId));
    sink.close();
    const counts: ImportCounts = {
      read: r.read,
      inserted: r.inserted,
      updated: r.updated,
      rejected: sink.count,
      unchanged: r.read - sink.count - r.inserted - r.updated,
    };
    await finishJob(db, jobId, counts, r.notes, r.sourceId);
    return { ...counts, rejects, job_id: jobId, notes: r.notes, ...(r.extra as X), seconds: (Date.now() - t0) / 1000 };
  } catch (e) {
    sink.close();
    const err = e instanceof PmapError ? e : unexpected(e, job.file);
    await failJob(db, jobId, err.oneLine()).catch(() => undefined);
    throw err;
  } finally {
    stopHeartbeat();
  }
}
