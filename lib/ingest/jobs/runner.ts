import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../../db';
import { rejectsDir } from '../../config/env';
import { isPmapError, PmapError } from '../../errors';
import { renderError } from '../../i18n/errors';
import { importTextRu } from '../../i18n/importTexts';
import { GROUPING_QUEUE } from '../../enrich/problems/jobs';
import { countAwaitingByJob, groupingQueuedFor } from '../../../db/queries/groupingPending';
import {
  createWebJob,
  failJobIfRunning,
  getJob,
  presetJob,
  recordProgress,
  releaseJob,
  setFailedJobError,
  type ImportJobRow,
} from '../../store/importJobs';
import { importAddresses } from '../addresses/importAddresses';
import { importAppeals } from '../appeals/importAppeals';
import { parseMapping } from '../mapping';
import type { StepProgress } from '../steps';
import { importPoints } from '../points/importPoints';
import { MAPPING_SCHEMAS, type ImportKind } from './profiles';
import { uploadedFile } from './upload';

/** Live progress of the jobs this process runs (kept on globalThis: Next's module reloads must not lose it). */
interface Live {
  /** The job row as created: answers polls without a query (the embedded database is busy with the import). */
  job: ImportJobRow;
  rows: number;
  fraction: number | null;
  phase: 'reading' | 'saving';
  step: StepProgress | null;
}
const holder = globalThis as unknown as { __pmapImportLive?: Map<number, Live> };
const live = (holder.__pmapImportLive ??= new Map());

/** The job row of a job running in this process, or null. */
export function liveJob(id: number): ImportJobRow | null {
  return live.get(id)?.job ?? null;
}

/** Where the web importer writes a job's rejects CSV (the importers' own default name), for download. */
export function rejectsFileOf(job: { id: number; fileName: string }): string {
  return path.resolve(rejectsDir(), `job-${job.id}-${path.basename(job.fileName)}.rejects.csv`);
}

export interface JobProgress {
  rows: number;
  /** 0..1 of the file read; 1 when done. */
  fraction: number | null;
  rowsPerSecond: number | null;
  etaSeconds: number | null;
  phase: 'reading' | 'saving' | 'done' | 'failed';
  /** While saving: the step under way (appeal imports), when this process runs the job. */
  step: StepProgress | null;
  /**
   * A finished big appeal import whose problem grouping follows its commit (issue 21): how many of its appeals still
   * await it (0: done). Null for every other job, and until withGrouping() fills it in.
   */
  grouping: { awaiting: number } | null;
}

/** Progress of a job: live from this process when it runs here, else from what the job row recorded. */
export function progressOf(j: ImportJobRow, now = Date.now()): JobProgress {
  const l = live.get(j.id);
  if (j.status !== 'running') {
    return {
      rows: j.read,
      fraction: j.status === 'done' ? 1 : null,
      phase: j.status,
      step: null,
      grouping: null,
      rowsPerSecond: rate(j.read, j.startedAt, j.finishedAt ? Date.parse(j.finishedAt) : now),
      etaSeconds: null,
    };
  }
  const rows = l?.rows ?? j.rowsDone ?? 0;
  const fraction = l
    ? l.fraction
    : j.bytesTotal && j.bytesDone !== null
      ? Math.min(1, j.bytesDone / j.bytesTotal)
      : null;
  const elapsed = (now - Date.parse(j.startedAt)) / 1000;
  const eta = fraction && fraction > 0 && fraction < 1 ? Math.round((elapsed * (1 - fraction)) / fraction) : null;
  return {
    rows,
    fraction,
    rowsPerSecond: rate(rows, j.startedAt, now),
    etaSeconds: eta,
    phase: l?.phase ?? 'reading',
    step: l?.step ?? null,
    grouping: null,
  };
}

/**
 * Fills in progress.grouping of finished appeal imports that queued their grouping after the commit, or whose
 * appeals still await it. PostgreSQL only: an embedded import groups in-process before it returns (its live step
 * says so), and its one connection must not be asked while another import holds it.
 */
export async function withGrouping<J extends ImportJobRow & { progress: JobProgress }>(
  db: Database,
  jobs: J[],
): Promise<J[]> {
  if (db.kind !== 'postgres') return jobs;
  const ids = jobs.filter((j) => j.kind === 'appeals' && j.status === 'done').map((j) => j.id);
  if (ids.length === 0) return jobs;
  const [awaiting, queued] = await Promise.all([
    countAwaitingByJob(db, ids),
    groupingQueuedFor(db, GROUPING_QUEUE, ids),
  ]);
  return jobs.map((j) => {
    const n = awaiting.get(j.id) ?? 0;
    return n > 0 || queued.has(j.id) ? { ...j, progress: { ...j.progress, grouping: { awaiting: n } } } : j;
  });
}

function rate(rows: number, startedAt: string, end: number): number | null {
  const s = (end - Date.parse(startedAt)) / 1000;
  return s > 0 && rows > 0 ? Math.round(rows / s) : null;
}

export interface StartRequest {
  upload: string;
  kind: ImportKind;
  /** A mapping as JSON; null: the file's columns carry our field names. */
  mapping: unknown;
  userEmail: string;
}

/** Uploads a job of this process is reading: a second start on the same file waits for the first to end. */
const busyUploads = ((globalThis as unknown as { __pmapBusyUploads?: Set<string> }).__pmapBusyUploads ??= new Set());

/**
 * Validates the mapping, creates the job and runs the import in the background of this process; returns the job id
 * at once. The upload is removed when the import succeeds; after a failure it stays (a day from the failure, see
 * removeStale), so the admin can fix the mapping and start again without sending the file twice, or discard it.
 */
export async function startImport(db: Database, r: StartRequest): Promise<number> {
  const { dir, file, bytes } = uploadedFile(r.upload);
  if (busyUploads.has(r.upload)) throw new PmapError('conflict', 'this upload is being imported already');
  const mapping =
    r.mapping === null || r.mapping === undefined
      ? undefined
      : parseMapping(MAPPING_SCHEMAS[r.kind], r.mapping, 'the mapping');
  const fileName = path.basename(file);
  const id = await createWebJob(db, { kind: r.kind, fileName, userEmail: r.userEmail, bytesTotal: bytes });
  live.set(id, { job: (await getJob(db, id))!, rows: 0, fraction: 0, phase: 'reading', step: null });
  busyUploads.add(r.upload);
  void run(db, id, r.kind, file, mapping, bytes)
    .then((ok) => {
      if (ok) fs.rmSync(dir, { recursive: true, force: true });
      else fs.utimesSync(dir, new Date(), new Date());
    })
    .catch(() => undefined)
    .finally(() => {
      live.delete(id);
      releaseJob(id);
      busyUploads.delete(r.upload);
    });
  return id;
}

/** Runs one job; true when the import succeeded. */
async function run(
  db: Database,
  id: number,
  kind: ImportKind,
  file: string,
  mapping: unknown,
  bytes: number,
): Promise<boolean> {
  const state = live.get(id)!;
  let lastWrite = 0;
  const onProgress = (rows: number, fraction?: number) => {
    state.rows = rows;
    state.fraction = fraction ?? null;
    if (fraction !== undefined && fraction >= 1) state.phase = 'saving';
    // Other server processes see progress through the job row; the embedded database has one connection, busy
    // with the import's transaction, so there the live map is the only record until the end.
    if (db.kind === 'postgres' && Date.now() - lastWrite > 1000) {
      lastWrite = Date.now();
      void recordProgress(db, id, rows, fraction === undefined ? null : Math.round(fraction * bytes)).catch(
        () => undefined,
      );
    }
  };
  const onStep = (step: StepProgress) => {
    state.phase = 'saving';
    state.step = step;
  };
  const rejectsPath = rejectsFileOf({ id, fileName: path.basename(file) });
  try {
    await presetJob(id, async () => {
      if (kind === 'appeals')
        await importAppeals(db, file, { mapping: mapping as never, rejectsPath, onProgress, onStep });
      else if (kind === 'points') await importPoints(db, file, { mapping: mapping as never, rejectsPath, onProgress });
      else await importAddresses(db, file, { mapping: mapping as never, rejectsPath, onProgress });
    });
    return true;
  } catch (e) {
    // The message names the file by its uploaded name, not by where it waited on this server.
    // Web jobs are read on the admin page: their message is Russian (lib/i18n/errors.ts).
    // An error without a key keeps its detail in Russian where lib/i18n/importTexts.ts knows its sentence.
    const ru = isPmapError(e)
      ? (!e.key && importTextRu(e.oneLine())) || e.localized('ru')
      : renderError('import.failed', {}, 'ru');
    const msg = ru.split(file).join(path.basename(file));
    // What no rule foresaw goes to the server log whole (runImport wraps it in an internal PmapError, its cause).
    if (!isPmapError(e)) console.error(e);
    else if (e.code === 'internal') console.error((e as { cause?: unknown }).cause ?? e);
    await failJobIfRunning(db, id, msg).catch(() => undefined);
    await setFailedJobError(db, id, msg).catch(() => undefined);
    return false;
  }
}
