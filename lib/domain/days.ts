/**
 * Calendar-day arithmetic on ISO days (YYYY-MM-DD, UTC), the one module for it: a day is 86 400 000 ms in UTC, so
 * adding days is adding milliseconds at UTC midnight. Pure; the browser uses it too.
 */
export const DAY_MS = 86_400_000;

/** YYYY-MM-DD (UTC) of a time in milliseconds or a Date. */
export const isoDay = (t: number | Date): string => new Date(t).toISOString().slice(0, 10);

/** Milliseconds at UTC midnight of a day. */
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** Days since 1970-01-01 of a day, and back. */
export const dayIndex = (day: string): number => Math.round(dayStart(day) / DAY_MS);
export const dayOfIndex = (n: number): string => isoDay(n * DAY_MS);

/** The day `n` days after `day` (before it for a negative `n`). */
export const addDays = (day: string, n: number): string => isoDay(dayStart(day) + n * DAY_MS);

/** Whole days from `from` to `to` (0 for the same day, negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((dayStart(to) - dayStart(from)) / DAY_MS);

/** The Monday on or before a day. */
export const mondayOf = (day: string): string => addDays(day, -((new Date(dayStart(day)).getUTCDay() + 6) % 7));
