import OpeningHours from 'opening_hours';
import { DAY_MS, dayOfIndex } from '../domain/days';
import { parseDay } from './parse';
import { WEEKDAYS, type DayHours, type TimeRange, type Weekday, type WeekHours } from './types';

/** What one opening-hours text says about a week, day by day, and what could not be read. */
export interface WeekText {
  week: WeekHours;
  /** Days the text meant to describe but that could not be read: unknown, each with a warning. */
  unreadable: Weekday[];
  /** Readable sentences for a person: which part was not understood, or which dated exceptions were left out. */
  warnings: string[];
  /** "by appointment" / "по записи" (the whole text or a day): people book rather than walk in. */
  appointment: boolean;
}

const DAY = 24 * 60;
/** OSM limits a tag's value to 255 characters; a longer text is not a timetable (and the parser is slow on it). */
const MAX_TEXT = 255;
const ALL_UNKNOWN = (): WeekHours => Object.fromEntries(WEEKDAYS.map((d) => [d, { kind: 'unknown' }])) as WeekHours;

/*
 * Russian weekday words and day-range words as people write them, turned into the OSM forms the opening_hours
 * package reads: "Пн-Пт 9:00-18:00, Сб 10:00-16:00" → "Mo-Fr 9:00-18:00; Sa 10:00-16:00".
 */
const word = (w: string) => new RegExp(`(?<!\\p{L})(?:${w})(?!\\p{L})\\.?`, 'giu');
const RU_DAYS: [RegExp, string][] = [
  [word('понедельник|пн'), 'Mo'],
  [word('вторник|вт'), 'Tu'],
  [word('среда|ср'), 'We'],
  [word('четверг|чт'), 'Th'],
  [word('пятница|пт'), 'Fr'],
  [word('суббота|сб'), 'Sa'],
  [word('воскресенье|вс'), 'Su'],
  [word('ежедневно|без выходных|каждый день|daily'), 'Mo-Su'],
  [word('выходной|выходные|закрыто'), 'off'],
];
const toOsm = (text: string): string => {
  let s = text;
  for (const [re, osm] of RU_DAYS) s = s.replace(re, osm);
  return (
    s
      .replace(/[—–]/g, '-')
      // "Mo-Fr 9:00-18:00, Sa 10:00-16:00" and "Tu 10:00-18:00 We 10:00-15:00": a weekday after a time starts a new rule.
      .replace(/(\d{1,2}:\d{2})\s*,?\s*(?=(Mo|Tu|We|Th|Fr|Sa|Su|PH)\b)/g, '$1; ')
      // "Mo-Sa 10:00-11:45; 12:30-17:00": a rule of bare times after a rule that ends in a time is that rule's second
      // range (strict OSM would apply it to every day, which is not what the writer meant).
      .replace(/(\d{1,2}:\d{2})\s*;\s*(?=\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}\s*(;|$))/g, '$1,')
  );
};

/** The parser's complaint in one line: 'unexpected "о" after "Sa "'. */
function complaint(e: unknown): string {
  const text = String(e instanceof Error ? e.message : e);
  const m = /^(.*?)\s*<---\s*\((.*?)\)/s.exec(text);
  if (!m) return text.split('\n')[0].slice(0, 160);
  const what = m[2]
    .replace(/\s*This means that.*$/s, '')
    .replace(/^Unexpected token: /, 'unexpected ')
    .trim();
  return `${what} after "${m[1].trim()}"`.slice(0, 200);
}

const APPOINTMENT_COMMENT = /appointment|запис/i;

/*
 * The weekly model keeps one set of hours per weekday. OSM rules can depend on the date ("Th[-1] off": closed on the
 * last Thursday of the month, "PH off", "We[2] off"), so the text is evaluated over REFERENCE_WEEKS consecutive weeks
 * and each weekday takes the hours it has in most of them; a weekday that differs on some dates keeps its usual
 * hours with a warning naming the exception, and one without a majority becomes unknown. The weeks (8 Jan – 3 Mar
 * 2024) contain no daylight-saving switch in either hemisphere's usual zones, and times are read as wall-clock
 * fields, so the process's own time zone does not matter. No country is given, so public holidays never apply.
 */
const REFERENCE_START = [2024, 0, 8] as const; // a Monday
const REFERENCE_WEEKS = 8;

const localDayNumber = (d: Date) => Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS);
const minuteOf = (d: Date, dayNumber: number) =>
  (localDayNumber(d) - dayNumber) * DAY + d.getHours() * 60 + d.getMinutes();

/**
 * Open intervals of the reference period cut into per-day ranges. An opening that runs past midnight and ends by
 * noon of the next day stays one range of the day it began ("Mo-Su 9:30-3:00" is 09:30-03:00 every day); a longer
 * one is cut at midnight (24/7 is 00:00-24:00 every day).
 */
function dayRanges(oh: OpeningHours, from: Date, to: Date) {
  const ranges = new Map<number, TimeRange[]>();
  const unknownDays = new Set<number>();
  let appointment = false;
  for (const [s, e, maybe, comment] of oh.getOpenIntervals(from, to)) {
    // opening_hours marks a range with a comment as "unknown"; "by appointment" there means open for booking.
    const booked = maybe && comment !== undefined && APPOINTMENT_COMMENT.test(comment);
    if (booked) appointment = true;
    const unknown = maybe && !booked;
    let cursorDay = localDayNumber(s);
    let start = minuteOf(s, cursorDay);
    const endAbs = (day: number) => minuteOf(e, day);
    for (;;) {
      const end = endAbs(cursorDay);
      if (unknown) unknownDays.add(cursorDay);
      if (end <= DAY || (end <= DAY + 12 * 60 && start > 0)) {
        if (end > start) ranges.set(cursorDay, [...(ranges.get(cursorDay) ?? []), { start, end }]);
        break;
      }
      ranges.set(cursorDay, [...(ranges.get(cursorDay) ?? []), { start, end: DAY }]);
      cursorDay += 1;
      start = 0;
    }
  }
  return { ranges, unknownDays, appointment };
}

const sameDay = (a: DayHours, b: DayHours) => JSON.stringify(a) === JSON.stringify(b);
const dayText = (d: DayHours) => (d.kind === 'open' ? d.ranges.map((r) => `${r.start}-${r.end}`).join(',') : d.kind);

/** The weekly hours of an OSM opening_hours value, or the parser's complaint. */
/*
 * Words of the OSM syntax. A text with another word outside quotes is not OSM syntax: it is refused here without
 * the parser, which takes tens of milliseconds to refuse garbage (and a few to read a good value).
 */
const OSM_WORDS = new Set([
  'mo',
  'tu',
  'we',
  'th',
  'fr',
  'sa',
  'su',
  'ph',
  'sh',
  'off',
  'closed',
  'open',
  'unknown',
  'week',
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
  'sunrise',
  'sunset',
  'dawn',
  'dusk',
  'easter',
  'day',
  'days',
]);
function foreignWord(value: string): string | undefined {
  const bare = value.replace(/"[^"]*"/g, ' ');
  const sign = /[^\p{L}\p{N}\s:;,\-+/[\]()_.]/u.exec(bare);
  if (sign) return sign[0];
  return bare.match(/\p{L}+/gu)?.find((w) => !OSM_WORDS.has(w.toLowerCase()));
}

function weekOfOsm(value: string): { ok: true; read: WeekText } | { ok: false; reason: string } {
  const word = foreignWord(value);
  if (word !== undefined)
    return { ok: false, reason: `"${word.slice(0, 40)}" is not part of the opening_hours syntax` };
  let oh: OpeningHours;
  try {
    oh = new OpeningHours(value, null, 0); // mode 0: time ranges
  } catch (e) {
    return { ok: false, reason: complaint(e) };
  }
  const [y, m, d] = REFERENCE_START;
  // A value whose weeks are all alike (most of them) needs one week; the others are read over REFERENCE_WEEKS.
  let weeks = REFERENCE_WEEKS;
  try {
    if (oh.isWeekStable()) weeks = 1;
  } catch {
    // not known: read every reference week
  }
  const from = new Date(y, m, d - 1);
  const to = new Date(y, m, d + 7 * weeks + 2);
  let cut;
  try {
    cut = dayRanges(oh, from, to);
  } catch (e) {
    return { ok: false, reason: complaint(e) };
  }
  const first = localDayNumber(new Date(y, m, d));
  const week = {} as WeekHours;
  const warnings: string[] = [];
  const unreadable: Weekday[] = [];
  WEEKDAYS.forEach((wd, i) => {
    const seen: { day: DayHours; dayNumber: number }[] = [];
    for (let k = 0; k < weeks; k++) {
      const n = first + 7 * k + i;
      const rs = cut.ranges.get(n) ?? [];
      const day: DayHours = cut.unknownDays.has(n)
        ? { kind: 'unknown' }
        : rs.length
          ? { kind: 'open', ranges: rs }
          : { kind: 'closed' };
      seen.push({ day, dayNumber: n });
    }
    const counts = new Map<string, { day: DayHours; n: number }>();
    for (const x of seen) {
      const k = dayText(x.day);
      counts.set(k, { day: x.day, n: (counts.get(k)?.n ?? 0) + 1 });
    }
    const best = [...counts.values()].sort((a, b) => b.n - a.n)[0];
    if (best.n * 2 <= weeks) {
      week[wd] = { kind: 'unknown' };
      unreadable.push(wd);
      warnings.push(`${wd}: the hours change from week to week ("${value}"), no usual hours: unknown`);
      return;
    }
    week[wd] = best.day;
    if (best.day.kind === 'unknown') {
      unreadable.push(wd);
      warnings.push(`${wd}: "${value}" leaves the hours open (unknown)`);
    } else if (best.n < weeks) {
      const other = seen.find((x) => !sameDay(x.day, best.day));
      warnings.push(
        `${wd}: usual hours kept; some dates differ (e.g. ${dayOfIndex(other!.dayNumber)}) as "${value}" says`,
      );
    }
  });
  return { ok: true, read: { week, unreadable, warnings, appointment: cut.appointment } };
}

/** Weekdays a rule names at its start ("Mo-Fr", "Tu,Th", "Sa-Su"), for a rule the parser could not read. */
function weekdaysOfRule(rule: string): Weekday[] {
  const head =
    /^\s*((?:Mo|Tu|We|Th|Fr|Sa|Su)(?:\s*-\s*(?:Mo|Tu|We|Th|Fr|Sa|Su))?(?:\s*,\s*(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:\s*-\s*(?:Mo|Tu|We|Th|Fr|Sa|Su))?)*)\b/.exec(
      rule,
    );
  if (!head) return [];
  const abbr = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
  const out = new Set<Weekday>();
  for (const part of head[1].split(',')) {
    const [a, b] = part.split('-').map((x) => abbr.indexOf(x.trim()));
    const end = b === undefined ? a : b;
    for (let i = a; ; i = (i + 1) % 7) {
      out.add(WEEKDAYS[i]);
      if (i === end) break;
    }
  }
  return [...out];
}

/**
 * Reads one opening-hours text for the whole week, as people and OSM write it:
 * - the same forms as a single day ("closed", "24/7", "Круглосуточно", "выходной", "по записи", "As needed",
 *   "9:00 - 17:30"), meaning every day;
 * - OSM syntax through the opening_hours package ("Mo-Fr 08:00-20:00; Sa 08:00-16:00", "Mo-Su 9:30-3:00" past
 *   midnight, "Th[-1] off", "PH off"), also with Russian weekday words ("Пн-Пт 9:00-18:00, Сб 10:00-16:00").
 * A rule that cannot be read makes the days it names unknown (every day when it names none, or when no rule of the
 * text can be read), with a warning; the readable rules still apply. Never throws, and never rejects: the worst
 * answer is an unknown week. The answer may be shared between calls with the same text: read it, do not change it.
 */
export function readWeekText(value: string | null | undefined): WeekText {
  const text = (value ?? '').replace(/\s+/g, ' ').trim();
  const known = CACHE.get(text);
  if (known) return known;
  const read = readUncached(text);
  // Real files repeat a few values thousands of times; the cache is bounded (oldest out first).
  if (CACHE.size >= CACHE_SIZE) CACHE.delete(CACHE.keys().next().value as string);
  CACHE.set(text, read);
  return read;
}

const CACHE = new Map<string, WeekText>();
const CACHE_SIZE = 2000;

function readUncached(text: string): WeekText {
  if (!text) return { week: ALL_UNKNOWN(), unreadable: [], warnings: [], appointment: false };
  if (text.length > MAX_TEXT) {
    return {
      week: ALL_UNKNOWN(),
      unreadable: [...WEEKDAYS],
      warnings: [
        `cannot read opening hours: ${text.length} characters is not a timetable (at most ${MAX_TEXT}): every day unknown`,
      ],
      appointment: false,
    };
  }
  const single = parseDay(text);
  if (single.ok) {
    const week = Object.fromEntries(WEEKDAYS.map((d) => [d, single.day])) as WeekHours;
    return { week, unreadable: [], warnings: [], appointment: single.note === 'appointment' };
  }
  const osm = toOsm(text);
  const whole = weekOfOsm(osm);
  if (whole.ok) return whole.read;
  // Rule by rule: keep the readable ones (in their order, so later rules still override earlier ones).
  const rules = osm
    .split(';')
    .map((r) => r.trim())
    .filter(Boolean);
  const good: string[] = [];
  const bad: string[] = [];
  for (const r of rules) (weekOfOsm(r).ok ? good : bad).push(r);
  const base = good.length ? weekOfOsm(good.join('; ')) : null;
  const read: WeekText = base?.ok
    ? base.read
    : { week: ALL_UNKNOWN(), unreadable: [], warnings: [], appointment: false };
  const reason = whole.reason;
  const lost = new Set<Weekday>(read.unreadable);
  // Nothing readable: every day is unknown (the text's days are not even known to be the only open ones).
  for (const r of good.length ? bad : [text]) {
    const days = good.length ? weekdaysOfRule(r) : [];
    for (const d of days.length ? days : WEEKDAYS) lost.add(d);
  }
  for (const d of lost) read.week[d] = { kind: 'unknown' };
  const unreadable = WEEKDAYS.filter((d) => lost.has(d));
  const which =
    bad.length && bad.length < rules.length ? `the part${bad.length > 1 ? 's' : ''} "${bad.join('; ')}"` : `"${text}"`;
  read.warnings.push(
    `cannot read opening hours ${which} (${reason}): ${unreadable.length === 7 ? 'every day' : unreadable.join(', ')} unknown`,
  );
  return { ...read, unreadable };
}
