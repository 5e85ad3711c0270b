import type { Database, Session } from '../client';
import { qb, run } from '../sql/builder';

/* Server-only. The audit log: who exported or changed what, with which filter, how many rows, when. */

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
  await run(
    db,
    qb.insertInto('audit_log').values({
      actor: e.actor,
      role: e.role,
      action: e.action,
      filter: JSON.stringify(e.filter ?? {}),
      rows: e.rows ?? null,
      detail: e.detail ?? null,
    }),
  );
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
  return run(
    db,
    qb
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor', 'role', 'action', 'filter', 'rows'])
      .orderBy('id', 'desc')
      .limit(limit),
  );
}
