import type { Database, Session } from '../../db';

export interface AuditEntry {
  actor: string;
  role: string | null;
  action: string;
  filter: unknown;
  rows?: number;
  detail?: string;
}

/** Exports leave the staff side, so each one is recorded: who, what filter, how many rows, when. */
export async function audit(db: Session, e: AuditEntry): Promise<void> {
  await db.query(`INSERT INTO audit_log (actor, role, action, filter, rows, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
    [e.actor, e.role, e.action, JSON.stringify(e.filter ?? {}), e.rows ?? null, e.detail ?? null]);
}

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  role: string | null;
  action: string;
  filter: unknown;
  rows: number | null;
}

export async function recentAudit(db: Database, limit = 200): Promise<AuditRow[]> {
  return db.query<AuditRow>(`SELECT id, at, actor, role, action, filter, rows FROM audit_log ORDER BY id DESC LIMIT $1`, [limit]);
}
