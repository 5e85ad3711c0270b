import { TZDate } from '@date-fns/tz';
import { weekdayOfJsDay, type WeekHours } from './types';

export type OpenState =
  /** `until`: when the current opening ends (joined across midnight when the next day goes on). */
  | { state: 'open'; until: Date }
  /** `opensAt`: the next opening within a week, or null when none is known (closed all week, or unknown days first). */
  | { state: 'closed'; opensAt: Date | null }
  | { state: 'unknown' };

interface Interval {
  start: number;
  end: number;
}

/**
 * Opening intervals as instants, from the day before `now` (its ranges may run past midnight) to a week ahead.
 * Wall-clock times are turned into instants in the point's own time zone, so a DST switch moves them correctly;
 * an unknown day is a hole that ends the search for the next opening.
 */
function intervals(week: WeekHours, timeZone: string, now: Date): { list: Interval[]; unknownFrom: number } {
  const local = new TZDate(now.getTime(), timeZone);
  const [y, m, d] = [local.getFullYear(), local.getMonth(), local.getDate()];
  const list: Interval[] = [];
  let unknownFrom = Infinity;
  for (let k = -1; k <= 7; k++) {
    const midnight = new TZDate(y, m, d + k, 0, 0, 0, timeZone);
    const day = week[weekdayOfJsDay(midnight.getDay())];
    if (day.kind === 'unknown') {
      if (k >= 0 && unknownFrom === Infinity) unknownFrom = midnight.getTime();
      continue;
    }
    if (day.kind === 'closed') continue;
    for (const r of day.ranges) {
      list.push({
        start: new TZDate(y, m, d + k, 0, r.start, 0, timeZone).getTime(),
        end: new TZDate(y, m, d + k, 0, r.end, 0, timeZone).getTime(),
      });
    }
  }
  list.sort((a, b) => a.start - b.start);
  return { list, unknownFrom };
}

/** Whether a point is open at `now`, in its own time zone, and until when or from when. */
export function openState(week: WeekHours, timeZone: string, now: Date): OpenState {
  const t = now.getTime();
  const { list, unknownFrom } = intervals(week, timeZone, now);
  const current = list.find((i) => i.start <= t && t < i.end);
  if (current) {
    let until = current.end;
    // "Mon 08:00-00:00, Tue 00:00-02:00" is one opening that ends on Tuesday at 02:00.
    for (const i of list) if (i.start <= until && i.end > until) until = i.end;
    return { state: 'open', until: new Date(until) };
  }
  const today = new TZDate(t, timeZone);
  if (week[weekdayOfJsDay(today.getDay())].kind === 'unknown') return { state: 'unknown' };
  const next = list.find((i) => i.start > t);
  if (next && next.start < unknownFrom) return { state: 'closed', opensAt: new Date(next.start) };
  return { state: 'closed', opensAt: null };
}

/** True when the point is open at `now`; unknown hours are not "open". */
export const isOpenAt = (week: WeekHours, timeZone: string, now: Date): boolean =>
  openState(week, timeZone, now).state === 'open';

/**
 * openState for many points at one instant. Points that share a week (the decoder shares the parsed object) and a
 * zone are computed once, so 20 k points cost a few hundred evaluations, not 20 k.
 */
export function openStatesAt(now: Date): (week: WeekHours, timeZone: string) => OpenState {
  const memo = new WeakMap<WeekHours, Map<string, OpenState>>();
  return (week, timeZone) => {
    let byZone = memo.get(week);
    if (!byZone) memo.set(week, (byZone = new Map()));
    let s = byZone.get(timeZone);
    if (!s) byZone.set(timeZone, (s = openState(week, timeZone, now)));
    return s;
  };
}
