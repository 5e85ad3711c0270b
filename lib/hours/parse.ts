import { WEEKDAYS, type DayHours, type TimeRange, type Weekday, type WeekHours } from './types';

/**
 * `note`: the text was read as a way of working rather than hours: "by appointment" / "по записи" (the day has no
 * fixed hours, people book), "as needed" / "по необходимости" (no fixed hours at all). The day itself is unknown.
 */
export type DayParse = { ok: true; day: DayHours; note?: 'appointment' | 'as_needed' } | { ok: false; reason: string };

const DAY = 24 * 60;
const CLOSED = /^(closed|close|off|выходной|выходные|закрыто|не работает|нерабочий день)$/;
const UNKNOWN = /^(n\/?a|нет данных|\?|unknown)$/;
const ALWAYS = /^(24\/7|24 hours|24h|круглосуточно)$/;
const APPOINTMENT =
  /^(by appointment( only)?|appointment only|appointments? only|по (предварительной )?записи|только по записи)$/;
const AS_NEEDED = /^(as needed|on demand|on request|по необходимости|по требованию|по запросу)$/;
// "09:00-17:00", "9:00 - 13:00", "9-17", "08.00–20.00", "с 9:00 до 17:00", "9:00 to 13:00".
const RANGE = /(?:с|from)?\s*(\d{1,2})(?:[:.](\d{2}))?\s*(?:-|–|—|to|до)\s*(\d{1,2})(?:[:.](\d{2}))?/gu;
// What may stand between two ranges: ",", ";", "&", "/", "+", "and", "и", or spaces.
const SEPARATOR = /^[\s,;&/+]*(?:(?:and|и)[\s,;&/+]*)?$/u;

function minutes(h: string, m: string | undefined): number | null {
  const hh = Number(h);
  const mm = m === undefined ? 0 : Number(m);
  if (hh > 24 || mm > 59 || (hh === 24 && mm > 0)) return null;
  return hh * 60 + mm;
}

/** Sorted, with overlapping or touching ranges joined: "09:00-13:00,13:00-18:00" is one range. */
function normalise(ranges: TimeRange[]): TimeRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: TimeRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/**
 * Reads one day's opening hours as real feeds write them: "09:00-17:00", "9:00-13:00", "08:00-00:00" (until
 * midnight), "22:00-06:00" (past midnight), two ranges ("09:00-13:00,14:00-18:00", also with ";", "&" or spaces),
 * "closed", "24/7" / "круглосуточно", "by appointment" / "по записи" and "as needed" (unknown hours, with a note),
 * and empty (unknown). Never throws: a value it cannot read comes back with the reason.
 */
export function parseDay(value: string | null | undefined): DayParse {
  const text = (value ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (!text || UNKNOWN.test(text)) return { ok: true, day: { kind: 'unknown' } };
  if (CLOSED.test(text)) return { ok: true, day: { kind: 'closed' } };
  if (ALWAYS.test(text)) return { ok: true, day: { kind: 'open', ranges: [{ start: 0, end: DAY }] } };
  if (APPOINTMENT.test(text)) return { ok: true, day: { kind: 'unknown' }, note: 'appointment' };
  if (AS_NEEDED.test(text)) return { ok: true, day: { kind: 'unknown' }, note: 'as_needed' };
  const ranges: TimeRange[] = [];
  let rest = '';
  let at = 0;
  for (const m of text.matchAll(RANGE)) {
    rest += text.slice(at, m.index);
    at = (m.index ?? 0) + m[0].length;
    const start = minutes(m[1], m[2]);
    let end = minutes(m[3], m[4]);
    if (start === null || end === null || start === DAY)
      return { ok: false, reason: `"${m[0].trim()}" is not a time of day` };
    // 00:00 as an end is midnight; an end before the start runs past midnight; 00:00-00:00 is all day.
    if (end === 0 || end < start || (end === start && start === 0)) end += DAY;
    if (end === start) return { ok: false, reason: `"${m[0].trim()}" opens and closes at the same time` };
    ranges.push({ start, end });
  }
  rest += text.slice(at);
  if (!ranges.length || !SEPARATOR.test(rest)) {
    return {
      ok: false,
      reason: `cannot read opening hours "${(value ?? '').trim()}" (expected e.g. 09:00-17:00, 09:00-13:00,14:00-18:00 or closed)`,
    };
  }
  return { ok: true, day: { kind: 'open', ranges: normalise(ranges) } };
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (min: number) => `${pad(Math.floor((min % DAY) / 60))}:${pad(min % 60)}`;

/** The canonical text of a day ("08:00-12:00,13:00-16:00", "closed", "" for unknown); parseDay reads it back. */
export function formatDay(day: DayHours): string {
  if (day.kind === 'closed') return 'closed';
  if (day.kind === 'unknown') return '';
  return day.ranges.map((r) => `${clock(r.start)}-${clock(r.end)}`).join(',');
}

export type WeekParse = { ok: true; week: WeekHours } | { ok: false; weekday: Weekday; reason: string };

/** Reads a week of day texts; a missing weekday is unknown. */
export function parseWeek(days: Partial<Record<Weekday, string | null>>): WeekParse {
  const week = {} as WeekHours;
  for (const d of WEEKDAYS) {
    const r = parseDay(days[d]);
    if (!r.ok) return { ok: false, weekday: d, reason: r.reason };
    week[d] = r.day;
  }
  return { ok: true, week };
}

/** A week from stored text, where a value that no longer parses counts as unknown rather than failing a page. */
export function weekFromStored(days: unknown): WeekHours {
  const src = typeof days === 'object' && days !== null ? (days as Record<string, unknown>) : {};
  const week = {} as WeekHours;
  for (const d of WEEKDAYS) {
    const r = parseDay(typeof src[d] === 'string' ? (src[d] as string) : '');
    week[d] = r.ok ? r.day : { kind: 'unknown' };
  }
  return week;
}
