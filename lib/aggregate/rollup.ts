import type { AppealFilter } from '../domain/filters';
import { addDays, isoDay } from '../domain/days';

/*
 * appeal_rollup_month counts appeals per (res-7 H3 cell, UTC month, topic, channel, status, municipality,
 * gratitude); triggers keep it exact on every write (migration 2026-11-23T09). Presented with the appeals table's
 * column names (the month's first day as created_at: a date compares with the filter's days exactly;
 * db/sql/rollup.ts rollupAsAppeals), the one shared filter, appealFilterSql, applies to it unchanged. The days at
 * either end of a period come from the appeals themselves (their covering H3 index in SQL, the cube's appeal rows in
 * memory): a daily rollup held 0.99 rows per appeal, so it cost a second copy of the appeals on every write and saved
 * no reads (migration 2026-12-07T33).
 */
/** The finest resolution the rollup can answer; finer cells come from the appeals table. */
export const ROLLUP_RES = 7;

export type RollupTable = 'appeal_rollup_month';

/** Where a part of a period is counted: whole months from the monthly rollup, single days from the appeals. */
export type PeriodSource = RollupTable | 'appeals';

/** Whether a count at `res` can come from the rollup (every filter field is a rollup column). */
export const rollupServes = (res: number): boolean => res <= ROLLUP_RES;

const parts = (d: string) => d.split('-').map(Number) as [number, number, number];
const lastOfMonth = (d: string) => {
  const [y, m] = parts(d);
  return isoDay(Date.UTC(y, m, 0));
};
const nextMonth = (d: string) => {
  const [y, m] = parts(d);
  return isoDay(Date.UTC(y, m, 1));
};

/**
 * Splits a filter's period into whole months (read from the monthly table) and the days at either end (read from
 * the appeals), so a year-long query reads a dozen monthly rows per cell and combination, and appeal rows only for
 * the days that do not fill a month.
 */
export function rollupParts(f: AppealFilter): { table: PeriodSource; filter: AppealFilter }[] {
  const firstMonth = f.from ? (f.from.endsWith('-01') ? f.from : nextMonth(f.from)) : undefined;
  const lastMonthEnd = f.to ? (f.to === lastOfMonth(f.to) ? f.to : addDays(`${f.to.slice(0, 8)}01`, -1)) : undefined;
  if (firstMonth && lastMonthEnd && firstMonth > lastMonthEnd) return [{ table: 'appeals', filter: f }];
  const out: { table: PeriodSource; filter: AppealFilter }[] = [
    { table: 'appeal_rollup_month', filter: { ...f, from: firstMonth, to: lastMonthEnd } },
  ];
  if (f.from && firstMonth && f.from < firstMonth)
    out.push({ table: 'appeals', filter: { ...f, from: f.from, to: addDays(firstMonth, -1) } });
  if (f.to && lastMonthEnd && f.to > lastMonthEnd)
    out.push({ table: 'appeals', filter: { ...f, from: addDays(lastMonthEnd, 1), to: f.to } });
  return out;
}
