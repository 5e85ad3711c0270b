import type { Database, Session } from '../../db';

export interface ImportCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export async function startJob(db: Database, kind: string, fileName: string, mapping: unknown): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO import_jobs (kind, file_name, mapping) VALUES ($1, $2, $3) RETURNING id`,
    [kind, fileName, mapping === undefined ? null : JSON.stringify(mapping)],
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
