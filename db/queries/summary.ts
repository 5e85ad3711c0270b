import { sql } from 'kysely';
import type { AppealFilter } from '../../lib/domain/filters';
import type { Database, Session } from '../client';
import { ANSWERED_AT, dueAt } from '../sql/deadline';
import { appealFilterSql } from '../sql/appealFilter';
import { qb, run, runSql } from '../sql/builder';

/* Server-only. The side panel's summary of one appeal filter (lib/aggregate/summary.ts puts it together). */

/** Sorts and hashes of 200 k+ rows spill to disk at the default 4 MB work_mem; these queries may use more. */
function roomy<T>(db: Database, fn: (s: Session) => Promise<T>): Promise<T> {
  return db.transaction(async (s) => {
    await runSql(s, sql`SET LOCAL work_mem = '64MB'`);
    return fn(s);
  });
}

export interface TotalsRow {
  total: number;
  without_location: number;
  coarse_location: number;
  gratitude: number;
  answered: number;
  median: number | null;
  on_time: number;
  late: number;
  open_overdue: number;
}

/** Totals and the response statistics (the SQL twin of responseStats()) in one scan. */
export async function summaryTotals(
  db: Database,
  filter: AppealFilter,
  now: Date,
  deadlineDays: number,
): Promise<TotalsRow> {
  const [r] = await roomy(db, (s) =>
    runSql<TotalsRow>(
      s,
      sql`WITH r AS (
       SELECT a.created_at, a.status, a.closed_at, a.is_gratitude, a.h3, a.geocode_level, ${ANSWERED_AT} AS answered_at,
              ${dueAt(sql`${deadlineDays}`)} AS due
       FROM appeals a WHERE ${appealFilterSql(filter)})
     SELECT count(*) AS total, count(*) FILTER (WHERE h3 IS NULL) AS without_location,
            count(*) FILTER (WHERE h3 IS NOT NULL AND geocode_level IN ('street', 'settlement')) AS coarse_location, count(*) FILTER (WHERE is_gratitude) AS gratitude, count(answered_at) AS answered,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - created_at) / 3600.0) AS median,
            count(*) FILTER (WHERE answered_at <= due) AS on_time,
            count(*) FILTER (WHERE answered_at > due) AS late,
            count(*) FILTER (WHERE answered_at IS NULL AND closed_at IS NULL AND status IN ('new', 'in_progress') AND due < ${now.toISOString()}) AS open_overdue
     FROM r`,
    ),
  );
  return r;
}

/** Distinct authors; a hashed GROUP BY is about twice as fast as count(DISTINCT), which always sorts. */
export async function summaryCitizens(db: Database, filter: AppealFilter): Promise<number> {
  const [r] = await roomy(db, (s) =>
    runSql<{ n: number }>(
      s,
      sql`SELECT count(*) AS n FROM (SELECT a.author_pseudonym FROM appeals a WHERE a.author_pseudonym IS NOT NULL AND ${appealFilterSql(filter)} GROUP BY 1) x`,
    ),
  );
  return Number(r.n);
}

/** Appeal counts per Monday-started UTC week, topic and municipality id: one grouped scan. */
export function summaryBreakdown(s: Session, filter: AppealFilter) {
  return runSql<{ week: string; topic: string; m: number | null; n: number }>(
    s,
    sql`SELECT to_char(date_trunc('week', a.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week, a.topic, a.municipality_id AS m, count(*) AS n
     FROM appeals a WHERE ${appealFilterSql(filter)} GROUP BY 1, 2, 3`,
  );
}

/** Code and name of the boundaries with these ids. */
export function boundaryNames(s: Session, ids: readonly number[]) {
  return run(
    s,
    qb
      .selectFrom('boundaries')
      .select(['id', 'code', 'name'])
      .where('id', '=', sql<number>`ANY(${[...ids]}::int[])`),
  );
}
