/** Weekdays in the order feeds list them (and JavaScript's getDay() does not: there Sunday is 0). */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Minutes after local midnight. `end` is greater than `start`; above 1440 the range runs into the next day. */
export interface TimeRange {
  start: number;
  end: number;
}

export type DayHours =
  | { kind: 'open'; ranges: TimeRange[] }
  | { kind: 'closed' }
  /** The source said nothing for this day: not the same as closed. */
  | { kind: 'unknown' };

export type WeekHours = Record<Weekday, DayHours>;

/** The weekday of a JavaScript getDay() value (0 = Sunday). */
export const weekdayOfJsDay = (jsDay: number): Weekday => WEEKDAYS[(jsDay + 6) % 7];
