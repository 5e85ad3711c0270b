import { sql } from 'kysely';
import type { Session } from '../client';
import type { DeadlineRuleRow } from '../../lib/domain/calendar/deadlineRules';
import { qb, run, runSql } from '../sql/builder';

/* Server-only. The deadline rules table (issue 22, part 4) and the appeals' stored due times (appeals.due_at). */

export type { DeadlineRuleRow };

/** The rules in the order they were loaded. */
export async function deadlineRuleRows(s: Session): Promise<DeadlineRuleRow[]> {
  const rows = await run(
    s,
    qb
      .selectFrom('deadline_rules')
      .select([
        'topic',
        'subcategory',
        'channel',
        'unit',
        'amount',
        'moderation_hours',
        'season_from',
        'season_to',
        'note',
      ])
      .orderBy('id'),
  );
  return rows.map((r) => ({
    ...r,
    unit: r.unit as DeadlineRuleRow['unit'],
    amount: Number(r.amount),
    moderation_hours: Number(r.moderation_hours),
  }));
}

/** Replaces every rule by `rows` (call it in a transaction). */
export async function replaceDeadlineRules(s: Session, rows: readonly DeadlineRuleRow[]): Promise<void> {
  await run(s, qb.deleteFrom('deadline_rules'));
  if (rows.length > 0) await run(s, qb.insertInto('deadline_rules').values(rows.map((r) => ({ ...r }))));
}

export interface AppealForDeadline {
  id: number;
  topic: string;
  channel: string;
  created_at: Date;
}

/** A page of appeals by id (after `afterId`), what a due time is computed from. */
export async function appealsForDeadline(s: Session, afterId: number, limit: number): Promise<AppealForDeadline[]> {
  const rows = await run(
    s,
    qb
      .selectFrom('appeals')
      .select(['id', 'topic', 'channel', 'created_at'])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit),
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), created_at: new Date(r.created_at as unknown as string) }));
}

/** Sets due_at of the given appeals (null: no rule, the SQL fallback); returns how many changed. */
export async function setDueAt(s: Session, ids: readonly number[], due: readonly (Date | null)[]): Promise<number> {
  if (ids.length === 0) return 0;
  const res = await runSql<{ n: number }>(
    s,
    sql`WITH u AS (
          UPDATE appeals a SET due_at = v.due
          FROM unnest(${ids.map(String)}::bigint[], ${due.map((d) => (d ? d.toISOString() : null))}::timestamptz[]) AS v(id, due)
          WHERE a.id = v.id AND a.due_at IS DISTINCT FROM v.due
          RETURNING 1)
        SELECT count(*)::int AS n FROM u`,
  );
  return Number(res[0]?.n ?? 0);
}
