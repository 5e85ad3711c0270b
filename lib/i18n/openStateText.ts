import { TZDate } from '@date-fns/tz';
import type { OpenState } from '../hours/status';
import { weekdayOfJsDay } from '../hours/types';
import type { Dictionary } from './vaccination';
import { DAY_MS } from '../domain/days';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "08:00" in the point's own time zone (a formatter per locale and zone: building one is the slow part). */
export function clockIn(t: Dictionary, timeZone: string, at: Date): string {
  const key = `${t.locale}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(t.locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(key, f);
  }
  return f.format(at);
}

/** Whole local days from `now` to `at` in the zone: 0 today, 1 tomorrow. */
function dayOffset(timeZone: string, now: Date, at: Date): number {
  const a = new TZDate(now.getTime(), timeZone);
  const b = new TZDate(at.getTime(), timeZone);
  const ua = Date.UTC(a.getFullYear(), a.getMonth(), a.getDate());
  const ub = Date.UTC(b.getFullYear(), b.getMonth(), b.getDate());
  return Math.round((ub - ua) / DAY_MS);
}

/** "Открыто до 20:00", "Закрыто · откроется завтра в 08:00", … with times in the point's own zone. */
export function openStateText(t: Dictionary, s: OpenState, timeZone: string, now: Date): string {
  if (s.state === 'unknown') return t.status.unknown;
  if (s.state === 'open') {
    if (s.until.getTime() - now.getTime() > DAY_MS) return t.status.open24;
    const clock = clockIn(t, timeZone, s.until);
    return clock === '00:00' || clock === '24:00' ? t.status.openUntilMidnight : t.status.openUntil(clock);
  }
  if (!s.opensAt) return t.status.closed;
  const clock = clockIn(t, timeZone, s.opensAt);
  const days = dayOffset(timeZone, now, s.opensAt);
  if (days === 0) return t.status.closedOpensToday(clock);
  if (days === 1) return t.status.closedOpensTomorrow(clock);
  return t.status.closedOpensOn(weekdayOfJsDay(new TZDate(s.opensAt.getTime(), timeZone).getDay()), clock);
}
