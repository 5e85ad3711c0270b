import type { Database } from '../../db';
import { boundaryNames, summaryBreakdown, summaryCitizens, summaryTotals } from '../../db/queries/summary';
import type { AppealFilter } from '../domain/filters';
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

/** Totals and the response statistics (the SQL twin of responseStats(), computed where the rows are) of one scan. */
async function totalsAndResponse(db: Database, filter: AppealFilter, now: Date, deadlineDays: number) {
  const r = await summaryTotals(db, filter, now, deadlineDays);
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
  return {
    total: Number(r.total),
    withoutLocation: Number(r.without_location),
    coarseLocation: Number(r.coarse_location),
    gratitude: Number(r.gratitude),
    response,
  };
}

/** One grouped scan gives topics, the weekly trend and the municipalities. */
async function breakdown(
  db: Database,
  filter: AppealFilter,
): Promise<Pick<Summary, 'byTopic' | 'trend' | 'topMunicipalities'>> {
  const rows = await summaryBreakdown(db, filter);
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
  const names = munis.size ? await boundaryNames(db, [...munis.keys()]) : [];
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return {
    byTopic: [...topics]
      .map(([topic, count]) => ({ topic, count }))
      .sort((a, b) => b.count - a.count || (a.topic < b.topic ? -1 : 1)),
    trend: [...trend.values()].sort((a, b) =>
      a.week === b.week ? (a.topic < b.topic ? -1 : 1) : a.week < b.week ? -1 : 1,
    ),
    topMunicipalities: names
      .map((b) => ({ code: b.code, name: b.name, count: munis.get(Number(b.id)) ?? 0 }))
      .sort((a, b) => b.count - a.count || byName(a, b))
      .slice(0, 10),
  };
}

/** Everything the side panel shows for one filter. `now` decides which open appeals are overdue. */
export async function summary(
  db: Database,
  filter: AppealFilter,
  opts: { now?: Date; deadlineDays?: number } = {},
): Promise<Summary> {
  const [t, c, b, awaiting] = await Promise.all([
    totalsAndResponse(db, filter, opts.now ?? new Date(), opts.deadlineDays ?? DEFAULT_DEADLINE_DAYS),
    summaryCitizens(db, filter),
    breakdown(db, filter),
    // The partial index appeals_ungrouped_idx holds only these rows: next to nothing to read once grouped.
    countAwaitingFor(db, filter),
  ]);
  return {
    total: t.total,
    withoutLocation: t.withoutLocation,
    coarseLocation: t.coarseLocation,
    citizens: c,
    gratitude: t.gratitude,
    ...b,
    response: t.response,
    awaitingGrouping: awaiting,
  };
}
