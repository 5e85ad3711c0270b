import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';

/* Server-only. The import history, import_jobs (lib/store/importJobs.ts keeps who owns a job and when it is orphaned). */

export interface ImportJobRow {
  id: number;
  kind: string;
  fileName: string;
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  userEmail: string | null;
  host: string | null;
  pid: number | null;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  notes: string[];
  error: string | null;
  bytesTotal: number | null;
  bytesDone: number | null;
  rowsDone: number | null;
}

const JOB_COLUMNS =
  sql.raw(`id, kind, file_name AS "fileName", status, started_at AS "startedAt", finished_at AS "finishedAt",
  user_email AS "userEmail", host, pid, read, inserted, updated, unchanged, rejected, notes, error,
  bytes_total AS "bytesTotal", bytes_done AS "bytesDone", rows_done AS "rowsDone"`);

/** The jobs marked running, with whether their heartbeat (or start) is older than `staleSeconds`. */
export async function runningJobs(
  s: Session,
  staleSeconds: number,
): Promise<{ id: number; host: string | null; pid: number | null; stale: boolean }[]> {
  return runSql(
    s,
    sql`SELECT id, host, pid, coalesce(heartbeat_at, started_at) < now() - make_interval(secs => ${staleSeconds}) AS stale
     FROM import_jobs WHERE status = 'running'`,
  );
}

/** Marks the jobs `ids` failed with `error`, those still running. */
export async function failRunningJobs(s: Session, ids: readonly number[], error: string): Promise<void> {
  await runSql(
    s,
    sql`UPDATE import_jobs SET status = 'failed', finished_at = now(), error = ${error} WHERE id = ANY(${[...ids]}) AND status = 'running'`,
  );
}

export async function heartbeat(s: Session, id: number): Promise<void> {
  await runSql(s, sql`UPDATE import_jobs SET heartbeat_at = now() WHERE id = ${id} AND status = 'running'`);
}

/** A running job for an upload, with its size; returns its id. */
export async function insertWebJob(
  s: Session,
  j: { kind: string; fileName: string; host: string; pid: number; userEmail: string; bytesTotal: number },
): Promise<number> {
  const [row] = await runSql<{ id: number }>(
    s,
    sql`INSERT INTO import_jobs (kind, file_name, host, pid, user_email, bytes_total, bytes_done, rows_done)
     VALUES (${j.kind}, ${j.fileName}, ${j.host}, ${j.pid}, ${j.userEmail}, ${j.bytesTotal}, 0, 0) RETURNING id`,
  );
  return Number(row.id);
}

/** A running job for an import; `mapping` is JSON text or null. */
export async function insertJob(
  s: Session,
  j: { kind: string; fileName: string; mapping: string | null; host: string; pid: number },
): Promise<number> {
  const [row] = await runSql<{ id: number }>(
    s,
    sql`INSERT INTO import_jobs (kind, file_name, mapping, host, pid) VALUES (${j.kind}, ${j.fileName}, ${j.mapping}, ${j.host}, ${j.pid}) RETURNING id`,
  );
  return row.id;
}

export async function setJobMapping(s: Session, id: number, mapping: string | null): Promise<void> {
  await runSql(s, sql`UPDATE import_jobs SET mapping = ${mapping} WHERE id = ${id}`);
}

export async function setJobProgress(s: Session, id: number, rows: number, bytes: number | null): Promise<void> {
  await runSql(
    s,
    sql`UPDATE import_jobs SET rows_done = ${rows}, bytes_done = coalesce(${bytes}, bytes_done) WHERE id = ${id} AND status = 'running'`,
  );
}

export async function setFailedError(s: Session, id: number, error: string): Promise<void> {
  await runSql(s, sql`UPDATE import_jobs SET error = ${error} WHERE id = ${id} AND status = 'failed'`);
}

export async function markJobDone(
  s: Session,
  id: number,
  c: {
    read: number;
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: number;
    notes: string[];
    sourceId: number | null;
  },
): Promise<void> {
  await runSql(
    s,
    sql`UPDATE import_jobs SET status = 'done', finished_at = now(), read = ${c.read}, inserted = ${c.inserted}, updated = ${c.updated},
       unchanged = ${c.unchanged}, rejected = ${c.rejected}, notes = ${c.notes}, source_id = ${c.sourceId} WHERE id = ${id}`,
  );
}

export async function markJobFailed(s: Session, id: number, error: string): Promise<void> {
  await runSql(
    s,
    sql`UPDATE import_jobs SET status = 'failed', finished_at = now(), error = ${error} WHERE id = ${id}`,
  );
}

/** The source `code`, created when new (its name and kind kept when it exists); returns its id. */
export async function ensureSource(s: Session, code: string, name: string, kind: string): Promise<number> {
  const rows = await runSql<{ id: number }>(
    s,
    sql`INSERT INTO sources (code, name, kind) VALUES (${code}, ${name}, ${kind})
     ON CONFLICT (code) DO UPDATE SET name = sources.name RETURNING id`,
  );
  return rows[0].id;
}

/** The newest jobs first. */
export async function jobRows(s: Session, limit: number): Promise<ImportJobRow[]> {
  return runSql<ImportJobRow>(
    s,
    sql`SELECT ${JOB_COLUMNS} FROM import_jobs ORDER BY started_at DESC, id DESC LIMIT ${limit}`,
  );
}

export async function jobRow(s: Session, id: number): Promise<ImportJobRow | undefined> {
  const [r] = await runSql<ImportJobRow>(s, sql`SELECT ${JOB_COLUMNS} FROM import_jobs WHERE id = ${id}`);
  return r;
}

/** A keyset page of job `jobId`'s rejected rows after (row, id). */
export async function rejectRows(
  s: Session,
  jobId: number,
  after: number,
  afterId: number,
  limit: number,
): Promise<{ id: number; row_number: number; reason: string; raw: Record<string, unknown> }[]> {
  return runSql(
    s,
    sql`SELECT id, row_number, reason, raw FROM import_rejects WHERE job_id = ${jobId} AND (row_number, id) > (${after}, ${afterId})
       ORDER BY row_number, id LIMIT ${limit}`,
  );
}
