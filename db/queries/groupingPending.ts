import { sql } from 'kysely';
import type { AppealFilter } from '../../lib/domain/filters';
import type { Session } from '../client';
import { appealFilterSql } from '../sql/appealFilter';
import { runSql } from '../sql/builder';

/* Server-only. */

/**
 * An appeal awaiting problem grouping: a located complaint without a problem yet. Thanks and appeals without a
 * location never join a problem; every other appeal gets one when grouping runs (lib/enrich/problems/group.ts picks
 * exactly these rows), so the count falls to 0 once the grouping after an import's commit is done (issue 21).
 * The partial index appeals_ungrouped_idx (2026-11-23T07) holds exactly these rows: the count reads only them.
 */
export const AWAITING_GROUPING = 'problem_id IS NULL AND geom IS NOT NULL AND NOT is_gratitude';

/** AWAITING_GROUPING as a Kysely `sql` fragment. */
export const awaitingGroupingSql = sql.raw(AWAITING_GROUPING);

/** How many appeals await problem grouping, over the whole database. */
export async function countAwaitingGrouping(s: Session): Promise<number> {
  const [{ n }] = await runSql<{ n: number }>(s, sql`SELECT count(*) AS n FROM appeals WHERE ${awaitingGroupingSql}`);
  return Number(n);
}

/** How many appeals under a map filter (appealFilterSql over `appeals a`) await problem grouping. */
export async function countAwaitingFor(s: Pick<Session, 'query'>, filter: AppealFilter): Promise<number> {
  const [{ n }] = await runSql<{ n: number }>(
    s as Session,
    sql`SELECT count(*) AS n FROM appeals a WHERE ${awaitingGroupingSql} AND ${appealFilterSql(filter)}`,
  );
  return Number(n);
}

/** Per import job (appeals.import_job_id): how many of the appeals it wrote await grouping; jobs with none are absent. */
export async function countAwaitingByJob(
  s: Pick<Session, 'query'>,
  jobIds: readonly number[],
): Promise<Map<number, number>> {
  if (jobIds.length === 0) return new Map();
  const rows = await runSql<{ job: number; n: number }>(
    s as Session,
    sql`SELECT import_job_id AS job, count(*) AS n FROM appeals WHERE ${awaitingGroupingSql} AND import_job_id = ANY(${[...jobIds]}::bigint[])
     GROUP BY 1`,
  );
  return new Map(rows.map((r) => [Number(r.job), Number(r.n)]));
}

/**
 * Of these import jobs, those that queued a grouping job after their commit (lib/enrich/problems/jobs.ts
 * enqueueGrouping: pg-boss job `queue` with data.importJobId). The queue's rows go a week after they finish, and the
 * embedded database has no queue: then none.
 */
export async function groupingQueuedFor(
  s: Pick<Session, 'query'>,
  queue: string,
  jobIds: readonly number[],
): Promise<Set<number>> {
  if (jobIds.length === 0) return new Set();
  const [{ t }] = await runSql<{ t: string | null }>(s as Session, sql`SELECT to_regclass('pgboss.job')::text AS t`);
  if (!t) return new Set();
  const rows = await runSql<{ job: string }>(
    s as Session,
    sql`SELECT DISTINCT data->>'importJobId' AS job FROM pgboss.job
     WHERE name = ${queue} AND data->>'importJobId' = ANY(${jobIds.map(String)}::text[])`,
  );
  return new Set(rows.map((r) => Number(r.job)));
}
