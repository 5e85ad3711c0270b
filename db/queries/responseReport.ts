import { sql, type RawBuilder } from 'kysely';
import type { AppealFilter } from '../../lib/domain/filters';
import type { Session } from '../client';
import { appealFilterSql } from '../sql/appealFilter';
import { runSql } from '../sql/builder';
import { ANSWERED_AT, dueAt } from '../sql/deadline';

/*
 * Server-only. Response times per executor (agency), municipality or topic: `pmap report response`
 * (lib/aggregate/responseReport.ts). Answer time and due time are the side panel's own (db/sql/deadline.ts
 * ANSWERED_AT, dueAt with the configured deadline days), so a row of this report over one municipality agrees with
 * the panel's response figures for it.
 */

export const RESPONSE_REPORT_BY = ['agency', 'municipality', 'topic'] as const;
export type ResponseReportBy = (typeof RESPONSE_REPORT_BY)[number];

export interface ResponseReportDbRow {
  /** The agency's name, the municipality's name or the topic code; null when the appeal has none. */
  key: string | null;
  /** The municipality's code (by municipality only). */
  code: string | null;
  appeals: number;
  answered: number;
  /** Hours from registration to answer: median and 90th percentile (percentile_cont, linear interpolation). */
  median_hours: number | null;
  p90_hours: number | null;
  /** Answered at or before the due time. */
  on_time: number;
  /** Answered after the due time, plus open appeals past it at `now` (a backlog is not punctuality). */
  late: number;
}

const KEY: Record<
  ResponseReportBy,
  { key: RawBuilder<unknown>; code: RawBuilder<unknown>; join: RawBuilder<unknown> }
> = {
  agency: { key: sql`ag.name`, code: sql`NULL::text`, join: sql`LEFT JOIN agencies ag ON ag.id = a.agency_id` },
  municipality: {
    key: sql`m.name`,
    code: sql`m.code`,
    join: sql`LEFT JOIN boundaries m ON m.id = a.municipality_id`,
  },
  topic: { key: sql`a.topic`, code: sql`NULL::text`, join: sql`` },
};

/**
 * One row per key over the appeals of `filter`, most appeals first, then by key (byte order, the same on PGlite and
 * PostgreSQL); the row of appeals without a key (null) sorts like any other by its count.
 */
export async function responseReportRows(
  s: Session,
  filter: AppealFilter,
  by: ResponseReportBy,
  opts: { deadlineDays: number; now: Date },
): Promise<ResponseReportDbRow[]> {
  const k = KEY[by];
  const rows = await runSql<ResponseReportDbRow>(
    s,
    sql`WITH r AS (
       SELECT ${k.key} AS key, ${k.code} AS code, a.created_at, a.status, a.closed_at, ${ANSWERED_AT} AS answered_at,
              ${dueAt(sql`${opts.deadlineDays}::int`)} AS due
       FROM appeals a ${k.join} WHERE ${appealFilterSql(filter)})
     SELECT key, code, count(*) AS appeals, count(answered_at) AS answered,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - created_at) / 3600.0) AS median_hours,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - created_at) / 3600.0) AS p90_hours,
            count(*) FILTER (WHERE answered_at <= due) AS on_time,
            count(*) FILTER (WHERE answered_at > due OR (answered_at IS NULL AND closed_at IS NULL
                             AND status IN ('new', 'in_progress') AND due < ${opts.now.toISOString()}::timestamptz)) AS late
     FROM r GROUP BY key, code
     ORDER BY count(*) DESC, key COLLATE "C" NULLS LAST, code COLLATE "C"`,
  );
  return rows.map((r) => ({
    key: r.key,
    code: r.code,
    appeals: Number(r.appeals),
    answered: Number(r.answered),
    median_hours: r.median_hours === null ? null : Number(r.median_hours),
    p90_hours: r.p90_hours === null ? null : Number(r.p90_hours),
    on_time: Number(r.on_time),
    late: Number(r.late),
  }));
}
