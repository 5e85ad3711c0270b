import os from 'node:os';
import type { Database, Session } from '../../db';

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

/** Jobs left "running" by a process of this host that no longer exists were interrupted: say so. */
export async function markInterruptedJobs(db: Database): Promise<number> {
  const running = await db.query<{ id: number; pid: number }>(
    `SELECT id, pid FROM import_jobs WHERE status = 'running' AND host = $1 AND pid IS NOT NULL`, [os.hostname()]);
  const dead = running.filter((j) => j.pid !== process.pid && !alive(j.pid)).map((j) => j.id);
  if (dead.length) {
    await db.query(`UPDATE import_jobs SET status = 'failed', finished_at = now(),
      error = 'interrupted: the importing process ended before committing; nothing of it was kept' WHERE id = ANY($1)`, [dead]);
  }
  return dead.length;
}

export async function startJob(db: Database, kind: string, fileName: string, mapping: unknown): Promise<number> {
  await markInterruptedJobs(db);
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO import_jobs (kind, file_name, mapping, host, pid) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [kind, fileName, mapping === undefined ? null : JSON.stringify(mapping), os.hostname(), process.pid],
  );
  return row.id;
}

export async function finishJob(db: Database, id: number, counts: ImportCounts, notes: string[], sourceId: number | null): Promise<void> {
  await db.query(
    `UPDATE import_jobs SET status = 'done', finished_at = now(), read = $2, inserted = $3, updated = $4,
       unchanged = $5, rejected = $6, notes = $7, source_id = $8 WHERE id = $1`,
    [id, counts.read, counts.inserted, counts.updated, counts.unchanged, counts.rejected, notes, sourceId],
  );
}

export async function failJob(db: Database, id: number, error: string): Promise<void> {
  await db.query(`UPDATE import_jobs SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`, [id, error]);
}

export async function ensureSource(s: Session, code: string, name: string, kind: string): Promise<number> {
  const rows = await s.query<{ id: number }>(
    `INSERT INTO sources (code, name, kind) VALUES ($1, $2, $3)
     ON CONFLICT (code) DO UPDATE SET name = sources.name RETURNING id`,
    [code, name, kind],
  );
  return rows[0].id;
}
