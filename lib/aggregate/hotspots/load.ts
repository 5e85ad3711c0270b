import type { Database } from '../../../db';
import { appealDaySpan, weeklyCellCounts } from '../../../db/queries/hotspots';
import type { AppealFilter } from '../../domain/filters';
import { cellPlaces, placeLabel } from '../../store/hotspotPlaces';
import { analyzeHotspots, type HotspotCell } from './analyze';
import type { HotspotQuery } from './query';
import { DAY_MS, dayStart, isoDay, mondayOf } from '../../domain/days';

/*
 * Server side (takes the Database). Not marked 'server-only' because the pmap CLI, which runs outside React's
 * server condition, uses it too — like the rest of lib/aggregate.
 */

const WEEK = 7 * DAY_MS;

export interface WeeklyCounts {
  /** Monday (UTC) of week 0, YYYY-MM-DD; null when nothing matches. */
  firstWeek: string | null;
  weeks: number;
  /** H3 cell (hex) → appeals per week, weeks 0..weeks-1. */
  cells: Map<string, number[]>;
}

/** Milliseconds at UTC midnight of the Monday on or before a day. */
const monday = (day: string): number => dayStart(mondayOf(day));

/**
 * Appeals per H3 cell at `res` and per week for one filter, counted from the stored res-9 cell. The window is the
 * filter's dates clipped to the data's own span, so a filter reaching past the data does not add empty weeks that
 * would read as a trend.
 */
export async function loadWeeklyCounts(db: Database, filter: AppealFilter, res: number): Promise<WeeklyCounts> {
  const span = await appealDaySpan(db);
  if (!span?.min || !span.max) return { firstWeek: null, weeks: 0, cells: new Map() };
  const start = monday(filter.from && filter.from > span.min ? filter.from : span.min);
  const end = monday(filter.to && filter.to < span.max ? filter.to : span.max);
  if (end < start) return { firstWeek: null, weeks: 0, cells: new Map() };
  const weeks = Math.round((end - start) / WEEK) + 1;

  const rows = await weeklyCellCounts(db, filter, res);
  const cells = new Map<string, number[]>();
  for (const r of rows) {
    const i = Math.round((Date.parse(`${r.week}T00:00:00Z`) - start) / WEEK);
    if (i < 0 || i >= weeks) continue;
    let s = cells.get(r.h3);
    if (!s) cells.set(r.h3, (s = new Array<number>(weeks).fill(0)));
    s[i] += Number(r.n);
  }
  return { firstWeek: isoDay(start), weeks, cells };
}

export interface HotspotResult {
  res: number;
  alpha: number;
  weeks: number;
  periods: number;
  firstWeek: string | null;
  /** Labelled cells carry `place` («Оренбург, ул. Терешковой»): the municipality and the nearest street of the centre. */
  cells: (HotspotCell & { place?: string | null })[];
}

/** Tested hotspots for one filter, as the map, the briefing and `pmap hotspots` show them. */
export async function hotspots(db: Database, q: HotspotQuery, opts: { alpha?: number } = {}): Promise<HotspotResult> {
  const { res, ...filter } = q;
  const counts = await loadWeeklyCounts(db, filter, res);
  const a = analyzeHotspots(counts.cells, counts.weeks, { alpha: opts.alpha });
  // Names only for the labelled cells, which lists show: the rest are many and unnamed on purpose.
  const places = await cellPlaces(
    db,
    a.cells.filter((c) => c.label !== '').map((c) => c.h3),
  );
  const cells = a.cells.map((c) => (c.label === '' ? c : { ...c, place: placeLabel(places.get(c.h3)) }));
  return { res, alpha: a.alpha, weeks: a.weeks, periods: a.periods, firstWeek: counts.firstWeek, cells };
}
