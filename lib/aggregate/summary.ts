import type { Database, Session } from '../../db';
import type { AppealFilter } from '../domain/filters';
import { appealWhere } from '../store/appealFilterSql';
import { countAwaitingFor } from '../../db/queries/groupingPending';
import { DEFAULT_DEADLINE_DAYS, type ResponseStats } from './responseTime';

export interface Summary {
  total: number;
  /** Of `total`, appeals without a location (no H3 cell): counted here, in lists and exports, never on the map. */
  withoutLocation: number;
  /**
   * Of `total`, appeals placed only to their street or settlement (geocode_level): on the map at res ≤ 7, never in
   * res 8–9 cells or on a road. With withoutLocation, what the side panel lists to fix by hand (/appeals?location=…).
   */
  coarseLocation: number;
  /** Distinct author pseudonyms. */
  citizens: number;
  gratitude: number;
  byTopic: { topic: string; count: number }[];
  /** Appeals per Monday-started week (UTC) and topic. */
  trend: { week: string; topic: string; count: number }[];
  topMunicipalities: { code: string; name: string; count: number }[];
  response: ResponseStats;
  /**
   * Of `total`, located complaints a big import committed that still await problem grouping (issue 21): on the map
   * already, without a problem until the grouping after the commit is done. 0 the rest of the time.
   */
  awaitingGrouping: number;
}

/**
 * A per-appeal deadline the source gives, read from the raw record: ПОС «Решаем вместе» exports (channel pos) carry
 * "Срок ответа" as DD.MM.YYYY (the last day allowed, so the deadline is the end of that day, taken in UTC). The
 * guard keeps an impossible date such as 31.02 from failing the query.
 */
const SOURCE_DEADLINE = `(CASE WHEN a.raw->>'Срок ответа' ~ '^(0[1-9]|[12][0-9]|3[01])\\.(0[1-9]|1[0-2])\\.[0-9]{4}$'
   AND substr(a.raw->>'Срок ответа', 1, 2)::int <= extract(day FROM make_date(substr(a.raw->>'Срок ответа', 7, 4)::int,
       substr(a.raw->>'Срок ответа', 4, 2)::int, 1) + interval '1 month - 1 day')
  THEN make_date(substr(a.raw->>'Срок ответа', 7, 4)::int, substr(a.raw->>'Срок ответа', 4, 2)::int,
       substr(a.raw->>'Срок ответа', 1, 2)::int)::timestamp AT TIME ZONE 'UTC' + interval '1 day' END)`;

/**
 * SQL condition over `appeals a`: open (new, in progress, no answer) and past its deadline at `now`. For lists of
 * overdue appeals (the briefing) that must agree with the summary's openOverdue. Parameters are placeholders such
 * as '$3' for the deadline in days and the current time.
 */
export function overdueCondition(daysParam: string, nowParam: string): string {
  return `(a.status IN ('new', 'in_progress') AND a.closed_at IS NULL
    AND coalesce(CASE WHEN a.channel = 'pos' THEN ${SOURCE_DEADLINE} END, a.created_at + make_interval(days => ${daysParam}::int)) < ${nowParam}::timestamptz)`;
}

/** The SQL twin of answeredAt() in responseTime.ts. */
const ANSWERED_AT = `(CASE WHEN coalesce(a.closed_at, CASE WHEN a.status IN ('answered', 'closed') THEN a.updated_at END) >= a.created_at
  THEN coalesce(a.closed_at, CASE WHEN a.status IN ('answered', 'closed') THEN a.updated_at END) END)`;

/** Sorts and hashes of 200 k+ rows spill to disk at the default 4 MB work_mem; these queries may use more. */
function roomy<T>(db: Database, fn: (s: Session) => Promise<T>): Promise<T> {
  return db.transaction(async (s) => {
    await s.query(`SET LOCAL work_mem = '64MB'`);
    return fn(s);
  });
}

/** The SQL twin of responseStats() (same definitions, computed where the rows are), with the totals of the same scan. */
async function totalsAndResponse(db: Database, filter: AppealFilter, now: Date, deadlineDays: number) {
  const w = appealWhere(filter, 2);
  const [r] = await roomy(db, (s) => s.query<{
    total: number; without_location: number; coarse_location: number; gratitude: number; answered: number; median: number | null; on_time: number; late: number; open_overdue: number;
  }>(
    `WITH r AS (
       SELECT a.created_at, a.status, a.closed_at, a.is_gratitude, a.h3, a.geocode_level, ${ANSWERED_AT} AS answered_at,
              coalesce(CASE WHEN a.channel = 'pos' THEN ${SOURCE_DEADLINE} END, a.created_at + make_interval(days => $1)) AS due
       FROM appeals a WHERE ${w.sql})
     SELECT count(*) AS total, count(*) FILTER (WHERE h3 IS NULL) AS without_location,
            count(*) FILTER (WHERE h3 IS NOT NULL AND geocode_level IN ('street', 'settlement')) AS coarse_location, count(*) FILTER (WHERE is_gratitude) AS gratitude, count(answered_at) AS answered,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - created_at) / 3600.0) AS median,
            count(*) FILTER (WHERE answered_at <= due) AS on_time,
            count(*) FILTER (WHERE answered_at > due) AS late,
            count(*) FILTER (WHERE answered_at IS NULL AND closed_at IS NULL AND status IN ('new', 'in_progress') AND due < $2) AS open_overdue
     FROM r`,
    [deadlineDays, now.toISOString(), ...w.params]));
  const answered = Number(r.answered);
  const onTime = Number(r.on_time);
  const openOverdue = Number(r.open_overdue);
  const response: ResponseStats = {
    answered,
    medianHours: r.median === null ? null : Number(r.median),
    onTime,
    late: Number(r.late) + openOverdue,
    openOverdue,
    onTimeShare: answered + openOverdue ? onTime / (answered + openOverdue) : null,
    deadlineDays,
  };
  return { total: Number(r.total), withoutLocation: Number(r.without_location), coarseLocation: Number(r.coarse_location), gratitude: Number(r.gratitude), response };
}

/** Distinct authors; a hashed GROUP BY is about twice as fast as count(DISTINCT), which always sorts. */
async function citizens(db: Database, filter: AppealFilter): Promise<number> {
  const w = appealWhere(filter);
  const [r] = await roomy(db, (s) => s.query<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT a.author_pseudonym FROM appeals a WHERE a.author_pseudonym IS NOT NULL AND ${w.sql} GROUP BY 1) x`, w.params));
  return Number(r.n);
}

/** One grouped scan gives topics, the weekly trend and the municipalities. */
async function breakdown(db: Database, filter: AppealFilter): Promise<Pick<Summary, 'byTopic' | 'trend' | 'topMunicipalities'>> {
  const w = appealWhere(filter);
  const rows = await db.query<{ week: string; topic: string; m: number | null; n: number }>(
    `SELECT to_char(date_trunc('week', a.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week, a.topic, a.municipality_id AS m, count(*) AS n
     FROM appeals a WHERE ${w.sql} GROUP BY 1, 2, 3`, w.params);
  const topics = new Map<string, number>();
  const trend = new Map<string, { week: string; topic: string; count: number }>();
  const munis = new Map<number, number>();
  for (const r of rows) {
    const n = Number(r.n);
    topics.set(r.topic, (topics.get(r.topic) ?? 0) + n);
    const k = `${r.week} ${r.topic}`;
    const t = trend.get(k);
    if (t) t.count += n;
    else trend.set(k, { week: r.week, topic: r.topic, count: n });
    if (r.m !== null) munis.set(Number(r.m), (munis.get(Number(r.m)) ?? 0) + n);
  }
  const names = munis.size
    ? await db.query<{ id: number; code: string; name: string }>(`SELECT id, code, name FROM boundaries WHERE id = ANY($1::int[])`, [[...munis.keys()]])
    : [];
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return {
    byTopic: [...topics].map(([topic, count]) => ({ topic, count })).sort((a, b) => b.count - a.count || (a.topic < b.topic ? -1 : 1)),
    trend: [...trend.values()].sort((a, b) => (a.week === b.week ? (a.topic < b.topic ? -1 : 1) : a.week < b.week ? -1 : 1)),
    topMunicipalities: names.map((b) => ({ code: b.code, name: b.name, count: munis.get(Number(b.id)) ?? 0 }))
      .sort((a, b) => b.count - a.count || byName(a, b)).slice(0, 10),
  };
}

/** Everything the side panel shows for one filter. `now` decides which open appeals are overdue. */
export async function summary(db: Database, filter: AppealFilter, opts: { now?: Date; deadlineDays?: number } = {}): Promise<Summary> {
  const [t, c, b, awaiting] = await Promise.all([
    totalsAndResponse(db, filter, opts.now ?? new Date(), opts.deadlineDays ?? DEFAULT_DEADLINE_DAYS),
    citizens(db, filter),
    breakdown(db, filter),
    // The partial index appeals_ungrouped_idx holds only these rows: next to nothing to read once grouped.
    countAwaitingFor(db, filter),
  ]);
  return { total: t.total, withoutLocation: t.withoutLocation, coarseLocation: t.coarseLocation, citizens: c, gratitude: t.gratitude, ...b, response: t.response,
    awaitingGrouping: awaiting };
}
