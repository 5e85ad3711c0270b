import { sql, type RawBuilder, type SqlBool } from 'kysely';

/*
 * Server-only. Deadlines and answers of appeals as SQL expressions over `appeals a`: the side panel's response
 * statistics (db/queries/summary.ts) and the briefing's overdue list (db/queries/briefing.ts) share them, so the
 * two agree. lib/aggregate/responseTime.ts says the same in JavaScript.
 */

/**
 * A per-appeal deadline the source gives, read from the raw record: ПОС «Решаем вместе» exports (channel pos) carry
 * "Срок ответа" as DD.MM.YYYY (the last day allowed, so the deadline is the end of that day, taken in UTC). The
 * guard keeps an impossible date such as 31.02 from failing the query.
 */
export const SOURCE_DEADLINE = sql<Date | null>`(CASE WHEN a.raw->>'Срок ответа' ~ '^(0[1-9]|[12][0-9]|3[01])\\.(0[1-9]|1[0-2])\\.[0-9]{4}$'
   AND substr(a.raw->>'Срок ответа', 1, 2)::int <= extract(day FROM make_date(substr(a.raw->>'Срок ответа', 7, 4)::int,
       substr(a.raw->>'Срок ответа', 4, 2)::int, 1) + interval '1 month - 1 day')
  THEN make_date(substr(a.raw->>'Срок ответа', 7, 4)::int, substr(a.raw->>'Срок ответа', 4, 2)::int,
       substr(a.raw->>'Срок ответа', 1, 2)::int)::timestamp AT TIME ZONE 'UTC' + interval '1 day' END)`;

/** The SQL twin of answeredAt() in lib/aggregate/responseTime.ts: the source's answer time first (issue 22). */
export const ANSWERED_AT = sql<Date | null>`(CASE WHEN coalesce(a.answered_at, a.closed_at, CASE WHEN a.status IN ('answered', 'closed') THEN a.updated_at END) >= a.created_at
  THEN coalesce(a.answered_at, a.closed_at, CASE WHEN a.status IN ('answered', 'closed') THEN a.updated_at END) END)`;

/**
 * When an appeal is due: the source's own deadline (pos), else the deadline rule's due time the import stored
 * (a.due_at, issue 22: deadline_rules, lib/domain/calendar/workdays.ts), else — no rule matched, or a row imported
 * before the rules — `deadlineDays` (an int expression) calendar days after it came.
 */
export const dueAt = (deadlineDays: RawBuilder<number>) =>
  sql<Date>`coalesce(CASE WHEN a.channel = 'pos' THEN ${SOURCE_DEADLINE} END, a.due_at, a.created_at + make_interval(days => ${deadlineDays}))`;

/**
 * Open (new, in progress, no answer) and past its deadline at `now`: the summary's openOverdue rule, for lists of
 * overdue appeals (the briefing) that must agree with it.
 */
export function overdueCondition(deadlineDays: number, now: Date | string): RawBuilder<SqlBool> {
  const at = typeof now === 'string' ? now : now.toISOString();
  return sql<SqlBool>`(a.status IN ('new', 'in_progress') AND a.closed_at IS NULL AND ${ANSWERED_AT} IS NULL
    AND ${dueAt(sql`${deadlineDays}::int`)} < ${at}::timestamptz)`;
}
