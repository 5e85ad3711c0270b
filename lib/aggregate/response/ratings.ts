import { quantileSorted } from 'simple-statistics';

/**
 * Executor, municipality and topic ratings (issue 22, part 6): per key, how many appeals, how many answered, the
 * share answered by the due time, the median and 90th-percentile hours to the first answer, the share of отписки
 * among the answers, citizens' dissatisfaction — for a period and the previous period of equal length, with the
 * change. Pure: no I/O, no framework; the caller reads the records and renders the result.
 *
 * Definitions (one place, used for both periods):
 * - An appeal belongs to the period its `createdAt` falls in, [from, to).
 * - Answered: `firstAnswerAt` is set, not before `createdAt` (an earlier answer is a data error and counts as none,
 *   as in ../responseTime.ts) and not after `asOf` (the report's moment: what was known then).
 * - On time: answered at or before `dueAt`. The on-time share is on time / appeals with a due time whose outcome is
 *   decided at `asOf` — answered, or still open with `dueAt` before `asOf` (open overdue counts as late: a backlog
 *   must not look like punctuality). An open appeal not yet due can still be answered on time and is in neither
 *   figure (`pending`). With every appeal decided this is "answered by due / appeals with a due time".
 * - Hours: (firstAnswerAt − createdAt) in hours over the answered. Median and 90th percentile by linear
 *   interpolation between closest ranks — R/numpy type 7, the same as PostgreSQL's `percentile_cont` — via
 *   simple-statistics `quantileSorted` (7.12: `(n − 1)·p` index, interpolated), so SQL and this code agree.
 * - Отписки share: answers flagged as отписка / answered appeals whose flag is known (`isOtpiska` not null).
 * - Dissatisfaction share: dissatisfied / appeals with a known citizen verdict (`dissatisfied` not null).
 * - Shares and hours are null when their denominator is 0; a change is null when either side is null.
 * - Rated: at least `minAppeals` appeals in the current period (default 2, as Ulyanovsk's monthly ratings). The rest
 *   are listed under `notRated` (by appeals, descending, then key), keys seen only in the previous period included.
 * - Ranking: on-time share descending, then median hours ascending; a null sorts after any value. Keys equal on both
 *   share one rank (competition ranking 1, 2, 2, 4) and are listed by key.
 */

export interface AppealRecord {
  /** The executor, municipality or topic the appeal is rated under. */
  key: string;
  createdAt: Date;
  firstAnswerAt: Date | null;
  dueAt: Date | null;
  /** The first answer was flagged as an отписка (lib/enrich/answers/otpiska.ts); null when not known. */
  isOtpiska: boolean | null;
  /** The citizen said the answer did not solve the problem; null when the source has no verdict. */
  dissatisfied: boolean | null;
}

/** A half-open interval [from, to). */
export interface Period {
  from: Date;
  to: Date;
}

export interface RatingOptions {
  /** Fewer appeals than this in the current period: not rated. Default 2. */
  minAppeals?: number;
  /** The moment the report describes: answers after it are unknown, open appeals due before it are overdue.
   *  Default: the end of the current period. */
  asOf?: Date;
}

export interface PeriodFigures {
  appeals: number;
  answered: number;
  /** Answered at or before the due time. */
  onTime: number;
  /** Answered after the due time. */
  lateAnswered: number;
  /** Not answered at asOf, due before asOf. */
  openOverdue: number;
  /** Not answered at asOf, due at or after asOf: in no on-time figure yet. */
  pending: number;
  /** onTime / (onTime + lateAnswered + openOverdue). */
  onTimeShare: number | null;
  medianHours: number | null;
  p90Hours: number | null;
  otpiski: number;
  /** Answered appeals whose отписка flag is known. */
  otpiskaKnown: number;
  otpiskaShare: number | null;
  dissatisfied: number;
  /** Appeals with a known citizen verdict. */
  verdictKnown: number;
  dissatisfiedShare: number | null;
}

/** Current minus previous. Shares are fractions, so a change of 0.25 is 25 percentage points. */
export interface FiguresChange {
  appeals: number;
  answered: number;
  onTimeShare: number | null;
  medianHours: number | null;
  p90Hours: number | null;
  otpiskaShare: number | null;
  dissatisfiedShare: number | null;
}

export interface KeyRating {
  key: string;
  /** 1 = best; null when not rated. */
  rank: number | null;
  current: PeriodFigures;
  previous: PeriodFigures;
  change: FiguresChange;
}

export interface Ratings {
  period: Period;
  previousPeriod: Period;
  asOf: Date;
  minAppeals: number;
  /** How the percentiles are computed, for the report's footnote. */
  percentileMethod: string;
  rated: KeyRating[];
  notRated: KeyRating[];
}

export const DEFAULT_MIN_APPEALS = 2;
export const PERCENTILE_METHOD =
  'linear interpolation between closest ranks (R type 7, PostgreSQL percentile_cont), simple-statistics quantileSorted';

const HOUR = 3_600_000;

/** The period of equal length that ends where `period` starts. */
export function previousPeriod(period: Period): Period {
  const length = period.to.getTime() - period.from.getTime();
  return { from: new Date(period.from.getTime() - length), to: new Date(period.from.getTime()) };
}

/** Type-7 quantile of an ascending array; null when empty. */
export function quantileHours(sortedHours: readonly number[], p: number): number | null {
  return sortedHours.length ? quantileSorted(sortedHours as number[], p) : null;
}

function share(part: number, whole: number): number | null {
  return whole ? part / whole : null;
}

function diff(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a - b;
}

/** The figures of one key over the records of one period (already filtered to it). */
export function periodFigures(records: readonly AppealRecord[], asOf: Date): PeriodFigures {
  const cut = asOf.getTime();
  const hours: number[] = [];
  let onTime = 0;
  let lateAnswered = 0;
  let openOverdue = 0;
  let pending = 0;
  let otpiski = 0;
  let otpiskaKnown = 0;
  let dissatisfied = 0;
  let verdictKnown = 0;
  for (const r of records) {
    const created = r.createdAt.getTime();
    const at = r.firstAnswerAt?.getTime() ?? null;
    const answered = at !== null && at >= created && at <= cut;
    if (answered) {
      hours.push((at - created) / HOUR);
      if (r.isOtpiska !== null) {
        otpiskaKnown++;
        if (r.isOtpiska) otpiski++;
      }
    }
    if (r.dueAt) {
      const due = r.dueAt.getTime();
      if (answered) {
        if (at <= due) onTime++;
        else lateAnswered++;
      } else if (due < cut) openOverdue++;
      else pending++;
    }
    if (r.dissatisfied !== null) {
      verdictKnown++;
      if (r.dissatisfied) dissatisfied++;
    }
  }
  hours.sort((a, b) => a - b);
  return {
    appeals: records.length,
    answered: hours.length,
    onTime,
    lateAnswered,
    openOverdue,
    pending,
    onTimeShare: share(onTime, onTime + lateAnswered + openOverdue),
    medianHours: quantileHours(hours, 0.5),
    p90Hours: quantileHours(hours, 0.9),
    otpiski,
    otpiskaKnown,
    otpiskaShare: share(otpiski, otpiskaKnown),
    dissatisfied,
    verdictKnown,
    dissatisfiedShare: share(dissatisfied, verdictKnown),
  };
}

function change(cur: PeriodFigures, prev: PeriodFigures): FiguresChange {
  return {
    appeals: cur.appeals - prev.appeals,
    answered: cur.answered - prev.answered,
    onTimeShare: diff(cur.onTimeShare, prev.onTimeShare),
    medianHours: diff(cur.medianHours, prev.medianHours),
    p90Hours: diff(cur.p90Hours, prev.p90Hours),
    otpiskaShare: diff(cur.otpiskaShare, prev.otpiskaShare),
    dissatisfiedShare: diff(cur.dissatisfiedShare, prev.dissatisfiedShare),
  };
}

/** Descending with null last. */
function byShareDesc(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

/** Ascending with null last. */
function byHoursAsc(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

function byKey(a: KeyRating, b: KeyRating): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function rankOrder(a: KeyRating, b: KeyRating): number {
  return (
    byShareDesc(a.current.onTimeShare, b.current.onTimeShare) ||
    byHoursAsc(a.current.medianHours, b.current.medianHours)
  );
}

function inPeriod(t: number, p: Period): boolean {
  return t >= p.from.getTime() && t < p.to.getTime();
}

/** Rate every key over `period` against the previous period of equal length. */
export function rateResponse(records: Iterable<AppealRecord>, period: Period, opts: RatingOptions = {}): Ratings {
  if (!(period.to.getTime() > period.from.getTime()))
    throw new Error('rateResponse: the period must end after it starts');
  const minAppeals = opts.minAppeals ?? DEFAULT_MIN_APPEALS;
  if (!Number.isInteger(minAppeals) || minAppeals < 1)
    throw new Error('rateResponse: minAppeals must be a positive integer');
  const asOf = opts.asOf ?? period.to;
  const prevPeriod = previousPeriod(period);

  const groups = new Map<string, { current: AppealRecord[]; previous: AppealRecord[] }>();
  for (const r of records) {
    const t = r.createdAt.getTime();
    const side = inPeriod(t, period) ? 'current' : inPeriod(t, prevPeriod) ? 'previous' : null;
    if (!side) continue;
    let g = groups.get(r.key);
    if (!g) groups.set(r.key, (g = { current: [], previous: [] }));
    g[side].push(r);
  }

  const rated: KeyRating[] = [];
  const notRated: KeyRating[] = [];
  for (const [key, g] of groups) {
    const current = periodFigures(g.current, asOf);
    const previous = periodFigures(g.previous, asOf);
    const row: KeyRating = { key, rank: null, current, previous, change: change(current, previous) };
    (current.appeals >= minAppeals ? rated : notRated).push(row);
  }

  rated.sort((a, b) => rankOrder(a, b) || byKey(a, b));
  rated.forEach((row, i) => {
    row.rank = i > 0 && rankOrder(rated[i - 1], row) === 0 ? rated[i - 1].rank : i + 1;
  });
  notRated.sort((a, b) => b.current.appeals - a.current.appeals || byKey(a, b));

  return {
    period,
    previousPeriod: prevPeriod,
    asOf,
    minAppeals,
    percentileMethod: PERCENTILE_METHOD,
    rated,
    notRated,
  };
}
