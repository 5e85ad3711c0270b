/**
 * Working days and regulated deadlines (issue 22, part 4). Pure: no I/O, no framework.
 *
 * Working days follow the Russian production calendar shipped in ./ru-2020-2026.ts. A day outside the shipped years
 * throws a PmapError ('bad_argument') instead of guessing. Times are instants (Date); days are ISO days (YYYY-MM-DD)
 * in the region's IANA time zone.
 */
import { TZDate } from '@date-fns/tz';
import { PmapError } from '../../errors';
import { RU_CALENDAR } from './ru-2020-2026';

const HOUR_MS = 3_600_000;

interface YearSets {
  daysOff: ReadonlySet<string>;
  workedWeekends: ReadonlySet<string>;
}

const YEARS: ReadonlyMap<number, YearSets> = new Map(
  RU_CALENDAR.map((y) => [y.year, { daysOff: new Set(y.daysOff), workedWeekends: new Set(y.workedWeekends) }]),
);

/** The years the shipped calendar covers, ascending. */
export const CALENDAR_YEARS: readonly number[] = RU_CALENDAR.map((y) => y.year).sort((a, b) => a - b);

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function yearOf(day: string): YearSets {
  const m = DAY_RE.exec(day);
  if (!m)
    throw new PmapError('bad_argument', `not a day (YYYY-MM-DD): "${day}"`, {}, 'input.date', {
      param: JSON.stringify(day),
    });
  const sets = YEARS.get(Number(m[1]));
  if (!sets) {
    const span = `${CALENDAR_YEARS[0]}–${CALENDAR_YEARS[CALENDAR_YEARS.length - 1]}`;
    throw new PmapError(
      'bad_argument',
      `no production calendar for ${m[1]}: the shipped calendar covers ${span} (lib/domain/calendar)`,
      {},
      'deadline.no_calendar',
      { year: m[1], span },
    );
  }
  return sets;
}

/** Whether an ISO day is a working day of the Russian production calendar (five-day week). */
export function isWorkingDay(day: string): boolean {
  const sets = yearOf(day);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return sets.workedWeekends.has(day);
  return !sets.daysOff.has(day);
}

const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The `n`-th working day after `day` (`day` itself never counts), n ≥ 1. */
export function nthWorkingDayAfter(day: string, n: number): string {
  if (!Number.isInteger(n) || n < 1)
    throw new PmapError('bad_argument', `working days must be a whole number ≥ 1: ${n}`, {}, 'deadline.working_days', {
      value: String(n),
    });
  let d = day;
  let left = n;
  while (left > 0) {
    d = nextDay(d);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** The ISO day of an instant in a time zone. */
export function localDay(t: Date, timeZone: string): string {
  const z = new TZDate(t.getTime(), timeZone);
  const pad = (v: number) => String(v).padStart(2, '0');
  return `${z.getFullYear()}-${pad(z.getMonth() + 1)}-${pad(z.getDate())}`;
}

/** The last millisecond (23:59:59.999 local) of an ISO day in a time zone. */
export function endOfLocalDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(new TZDate(y, m - 1, d, 23, 59, 59, 999, timeZone).getTime());
}

/**
 * The end (23:59:59.999 local) of the `n`-th working day after the local day of `start`: the count begins on the next
 * working day after `start`, whatever the hour of `start`.
 */
export function addWorkingDays(start: Date, n: number, timeZone: string): Date {
  return endOfLocalDay(nthWorkingDayAfter(localDay(start, timeZone), n), timeZone);
}

/** A deadline: `amount` working days or calendar hours, after optional moderation, in an optional seasonal window. */
export interface DeadlineSpec {
  unit: 'working_days' | 'hours';
  amount: number;
  /** Calendar hours of moderation, counted before the deadline starts. */
  moderationHours?: number;
  /** The rule applies only to appeals created (local day) from `from` to `to`, both 'MM-DD', inclusive; may wrap. */
  season?: { from: string; to: string };
}

/** A row of the deadline rules table: a deadline for a topic, optionally narrowed by subcategory and channel. */
export interface DeadlineRule extends DeadlineSpec {
  /** null: the default rule, for any topic. */
  topic: string | null;
  subcategory?: string | null;
  channel?: string | null;
}

const MD_RE = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function checkSpec(spec: DeadlineSpec): void {
  const { unit, amount, moderationHours, season } = spec;
  if (unit === 'working_days') {
    if (!Number.isInteger(amount) || amount < 1)
      throw new PmapError(
        'bad_argument',
        `a deadline in working days must be a whole number ≥ 1: ${amount}`,
        {},
        'deadline.working_days',
        { value: String(amount) },
      );
  } else if (unit === 'hours') {
    if (!Number.isFinite(amount) || amount <= 0)
      throw new PmapError(
        'bad_argument',
        `a deadline in hours must be a positive number: ${amount}`,
        {},
        'deadline.hours',
        { value: String(amount) },
      );
  } else {
    throw new PmapError('bad_argument', `unknown deadline unit: ${String(unit)}`, {}, 'deadline.unit', {
      value: String(unit),
    });
  }
  if (moderationHours !== undefined && !(Number.isFinite(moderationHours) && moderationHours >= 0))
    throw new PmapError(
      'bad_argument',
      `moderation hours must be a number ≥ 0: ${moderationHours}`,
      {},
      'deadline.moderation',
      { value: String(moderationHours) },
    );
  if (season && !(MD_RE.test(season.from) && MD_RE.test(season.to)))
    throw new PmapError(
      'bad_argument',
      `a season is two days 'MM-DD': ${season.from}..${season.to}`,
      {},
      'deadline.season',
      { value: `${season.from}..${season.to}` },
    );
}

/** Whether an appeal created at `createdAt` falls in a rule's seasonal window (always, without a window). */
export function inSeason(spec: DeadlineSpec, createdAt: Date, timeZone: string): boolean {
  if (!spec.season) return true;
  checkSpec(spec);
  const md = localDay(createdAt, timeZone).slice(5);
  const { from, to } = spec.season;
  return from <= to ? from <= md && md <= to : md >= from || md <= to;
}

/**
 * The regulated due time of an appeal created at `createdAt`. Moderation hours come first; the deadline starts at
 * the end of moderation. Working days count from the next working day after that moment's local day and end at the end
 * of the last one (23:59:59.999 local); hours are calendar hours. The seasonal window is the caller's concern
 * (`pickRule` skips rules out of season).
 */
export function dueAt(createdAt: Date, spec: DeadlineSpec, timeZone: string): Date {
  checkSpec(spec);
  const start = new Date(createdAt.getTime() + (spec.moderationHours ?? 0) * HOUR_MS);
  if (spec.unit === 'hours') return new Date(start.getTime() + spec.amount * HOUR_MS);
  return addWorkingDays(start, spec.amount, timeZone);
}

export type Outcome = 'on_time' | 'late' | 'open' | 'open_overdue';

/** An appeal's outcome: answered by the due time (inclusive) or after it; unanswered before or past it. */
export function outcome(due: Date, answeredAt: Date | null, now: Date): Outcome {
  if (answeredAt) return answeredAt.getTime() <= due.getTime() ? 'on_time' : 'late';
  return now.getTime() > due.getTime() ? 'open_overdue' : 'open';
}

/**
 * Postponements of a planned date. `plannedDays` are the planned days (ISO) in the order they were set; a
 * postponement is a change to a later day than the one in force (setting the same day again, or an earlier one,
 * is not).
 */
export function postponements(plannedDays: readonly string[]): number {
  let count = 0;
  for (let i = 1; i < plannedDays.length; i++) if (plannedDays[i] > plannedDays[i - 1]) count++;
  return count;
}

/**
 * A plan counts as the answer's promise: the work is judged against the first planned day (to its end, local time),
 * so postponing does not move the deadline. `doneAt` is when the planned work was reported done, null while not.
 */
export function planOutcome(plannedDays: readonly string[], doneAt: Date | null, now: Date, timeZone: string): Outcome {
  if (plannedDays.length === 0)
    throw new PmapError('bad_argument', 'a plan needs at least one planned day', {}, 'deadline.no_plan');
  return outcome(endOfLocalDay(plannedDays[0], timeZone), doneAt, now);
}

/** What `pickRule` needs of an appeal. */
export interface AppealForRule {
  topic: string | null;
  subcategory?: string | null;
  channel?: string | null;
  createdAt: Date;
  timeZone: string;
}

function specificity(rule: DeadlineRule): number {
  return (rule.topic != null ? 4 : 0) + (rule.subcategory != null ? 2 : 0) + (rule.channel != null ? 1 : 0);
}

/**
 * The rule for an appeal, most specific first: topic+subcategory+channel > topic+subcategory > topic+channel > topic
 * > channel alone > default (topic null). A rule matches when each field it names equals the appeal's and the appeal
 * was created inside its seasonal window. Between rules equally specific, a seasonal one beats one without a season,
 * then the earlier in the list wins. Null when none matches.
 */
export function pickRule<R extends DeadlineRule>(rules: readonly R[], appeal: AppealForRule): R | null {
  let best: R | null = null;
  let bestScore = -1;
  for (const rule of rules) {
    if (rule.topic != null && rule.topic !== appeal.topic) continue;
    if (rule.subcategory != null && rule.subcategory !== appeal.subcategory) continue;
    if (rule.channel != null && rule.channel !== appeal.channel) continue;
    if (!inSeason(rule, appeal.createdAt, appeal.timeZone)) continue;
    const score = specificity(rule) * 2 + (rule.season ? 1 : 0);
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  return best;
}
