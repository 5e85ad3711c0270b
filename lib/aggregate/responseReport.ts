import type { Session } from '../../db';
import {
  responseReportRows,
  RESPONSE_REPORT_BY,
  type ResponseReportBy,
  type ResponseReportDbRow,
} from '../../db/queries/responseReport';
import type { AppealFilter } from '../domain/filters';
import { writeCsv } from '../export';

export { RESPONSE_REPORT_BY, type ResponseReportBy };

/*
 * `pmap report response` (issue 22, contract.md): response times per executor (agency), municipality or topic.
 *
 * - Answer time: the source's answered_at when it gives one, else the closing time, else the update time of an
 *   answered or closed appeal (db/sql/deadline.ts ANSWERED_AT; lib/aggregate/responseTime.ts answeredAt).
 * - Due time: the rule the map's side panel uses today, db/sql/deadline.ts dueAt — the source's own deadline (ПОС),
 *   else the deadline rule's due time stored at import (appeals.due_at: working days or hours,
 *   lib/domain/calendar/workdays.ts), else registration + PMAP_RESPONSE_DEADLINE_DAYS calendar days.
 * - on_time_share = answered by the due time / (answered + open appeals past their due time at `now`): the side
 *   panel's onTimeShare. Appeals closed with no date at all are in neither; empty when the denominator is 0.
 * - median_hours, p90_hours: percentile_cont (linear interpolation) over the hours from registration to answer.
 * - Appeals without an agency (or outside every municipality) make one row keyed NO_KEY.
 */

/** The key of the row of appeals with no agency or no municipality. */
export const NO_KEY = '(не указан)';

export interface ResponseReportRow {
  key: string;
  code: string | null;
  appeals: number;
  answered: number;
  median_hours: number | null;
  p90_hours: number | null;
  on_time: number;
  late: number;
  on_time_share: number | null;
}

const round = (x: number | null, digits: number): number | null =>
  x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits;

function reportRow(r: ResponseReportDbRow): ResponseReportRow {
  const decided = r.on_time + r.late;
  return {
    key: r.key ?? NO_KEY,
    code: r.code,
    appeals: r.appeals,
    answered: r.answered,
    median_hours: round(r.median_hours, 2),
    p90_hours: round(r.p90_hours, 2),
    on_time: r.on_time,
    late: r.late,
    on_time_share: decided ? round(r.on_time / decided, 4) : null,
  };
}

/** The report's rows: one per key, most appeals first, then by key. */
export async function responseReport(
  s: Session,
  filter: AppealFilter,
  by: ResponseReportBy,
  opts: { deadlineDays: number; now: Date },
): Promise<ResponseReportRow[]> {
  return (await responseReportRows(s, filter, by, opts)).map(reportRow);
}

/** The CSV's columns: the key under its own name (`agency`, `municipality` + `municipality_code`, `topic`), then the figures. */
export function responseReportColumns(by: ResponseReportBy): string[] {
  return [
    by,
    ...(by === 'municipality' ? ['municipality_code'] : []),
    'appeals',
    'answered',
    'median_hours',
    'p90_hours',
    'on_time',
    'late',
    'on_time_share',
  ];
}

/** Writes the report to `out` as CSV for programs (no BOM); returns its rows. */
export async function writeResponseReport(
  s: Session,
  filter: AppealFilter,
  by: ResponseReportBy,
  out: string,
  opts: { deadlineDays: number; now: Date },
): Promise<ResponseReportRow[]> {
  const rows = await responseReport(s, filter, by, opts);
  const named = rows.map((r) => {
    const { key, code, ...figures } = r;
    return { [by]: key, ...(by === 'municipality' ? { municipality_code: code } : {}), ...figures };
  });
  await writeCsv(
    out,
    responseReportColumns(by).map((key) => ({ key })),
    (async function* () {
      yield named;
    })(),
    'program',
  );
  return rows;
}
