/**
 * When appeals arrive: a daily volume curve (weekdays busier, winter busier, slow growth, storm days) and a daily
 * rhythm in Orenburg time (UTC+5). Record i maps monotonically to a time, so the stream comes out in time order.
 */
import { cumulative, makeRng, pickIndex } from './rng';
import { DAY_MS as DAY } from '../domain/days';

/** Orenburg is UTC+5 all year; weekdays, months and hours of the day are judged in local time. */
const LOCAL_OFFSET = 5 * 3_600_000;

// Monday first. Residents write less at weekends.
const WEEKDAY = [1.15, 1.1, 1.05, 1.05, 1.0, 0.75, 0.7] as const;
// January first. Snow and heating make winter the busiest season.
const MONTH_VOLUME = [1.15, 1.1, 1.1, 1.05, 1.0, 0.95, 0.9, 0.9, 1.0, 1.05, 1.05, 1.1] as const;
// Local hours 0–23.
const HOURS = [
  0.3, 0.15, 0.1, 0.08, 0.08, 0.12, 0.3, 0.7, 1.1, 1.4, 1.5, 1.5, 1.4, 1.3, 1.35, 1.3, 1.25, 1.2, 1.1, 1.05, 1.0, 0.9,
  0.7, 0.5,
] as const;

/** One calendar month (local time) of the period. */
export interface PeriodMonth {
  /** 0 = January. */
  calendarMonth: number;
  /** 0 at the start of the period, 1 at its end, taken mid-month. */
  progress: number;
  /** UTC ms of the month's middle, for comparisons with plan dates. */
  middle: number;
}

/** The period and the mapping from record number to time. */
export interface Timeline {
  start: number;
  end: number;
  months: PeriodMonth[];
  /** Time of record `i` of `count`, given a uniform `jitter` in [0, 1). */
  timeAt(i: number, jitter: number): number;
  /** Index into `months` for a UTC time inside the period. */
  monthOf(t: number): number;
}

const monthKey = (t: number): number => {
  const d = new Date(t + LOCAL_OFFSET);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

/** Builds the timeline for the two years before `end`. */
export function makeTimeline(end: Date, count: number): Timeline {
  const endMs = end.getTime();
  const startDate = new Date(endMs);
  startDate.setUTCFullYear(startDate.getUTCFullYear() - 2);
  const start = startDate.getTime();
  const span = endMs - start;
  const days = Math.ceil(span / DAY);
  const rng = makeRng('timeline');
  const weights: number[] = [];
  for (let d = 0; d < days; d++) {
    const local = new Date(start + d * DAY + DAY / 2 + LOCAL_OFFSET);
    const weekday = (local.getUTCDay() + 6) % 7;
    const growth = 0.9 + 0.2 * (d / days);
    // A handful of storm days per winter multiply the load, as a heavy snowfall does.
    const winter = local.getUTCMonth() <= 1 || local.getUTCMonth() === 11;
    const storm = winter && rng.chance(0.06) ? 2.5 : 1;
    const noise = Math.exp(rng.normal() * 0.12);
    const width = Math.min(1, (span - d * DAY) / DAY);
    weights.push((WEEKDAY[weekday] ?? 1) * (MONTH_VOLUME[local.getUTCMonth()] ?? 1) * growth * storm * noise * width);
  }
  const cumDays = cumulative(weights);
  const total = cumDays[cumDays.length - 1] ?? 1;
  // The grid day starts at `start`, which is not local midnight; shift the hour table to match.
  const shift = Math.round(((start + LOCAL_OFFSET) % DAY) / 3_600_000);
  const hourAtGrid = (h: number): number => HOURS[(h + shift) % 24] ?? 1;
  const gridCum = cumulative(Array.from({ length: 24 }, (_, h) => hourAtGrid(h)));

  const firstKey = monthKey(start);
  const monthCount = monthKey(endMs - 1) - firstKey + 1;
  const months: PeriodMonth[] = Array.from({ length: monthCount }, (_, m) => {
    const key = firstKey + m;
    const middle = Date.UTC(Math.floor(key / 12), key % 12, 15) - LOCAL_OFFSET;
    return { calendarMonth: key % 12, progress: Math.max(0, Math.min(1, (middle - start) / span)), middle };
  });

  return {
    start,
    end: endMs,
    months,
    timeAt(i, jitter) {
      const u = Math.min(0.999_999_999, (i + jitter) / count);
      const d = pickIndex(cumDays, u);
      const before = d > 0 ? (cumDays[d - 1] ?? 0) : 0;
      const frac = (u * total - before) / ((cumDays[d] ?? total) - before || 1);
      const h = pickIndex(gridCum, frac);
      const hBefore = h > 0 ? (gridCum[h - 1] ?? 0) : 0;
      const inHour = (frac * (gridCum[23] ?? 1) - hBefore) / (hourAtGrid(h) || 1);
      return Math.min(endMs - 1, start + d * DAY + (h + Math.max(0, Math.min(1, inHour))) * 3_600_000);
    },
    monthOf(t) {
      return Math.max(0, Math.min(monthCount - 1, monthKey(t) - firstKey));
    },
  };
}
