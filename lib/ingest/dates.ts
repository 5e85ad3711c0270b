import { parse, parseISO } from 'date-fns';
import { tz } from '@date-fns/tz';

/**
 * Parses one date cell. With `format` (Unicode tokens, date-fns style) the value must match it exactly;
 * without, ISO 8601 is expected. A value without an offset is read in `timezone` (UTC when none).
 * Returns null when the value cannot be parsed.
 */
export function parseDateCell(value: string, format?: string, timezone?: string): Date | null {
  const v = value.trim();
  if (!v) return null;
  // Fast path: a full ISO timestamp with its own offset needs no zone (most machine exports).
  if (!format && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : new Date(t);
  }
  const opts = timezone ? { in: tz(timezone) } : { in: tz('UTC') };
  const d = format ? parse(v, format, new Date(0), opts) : parseISO(v, opts);
  const t = d.getTime();
  return Number.isNaN(t) ? null : new Date(t);
}

// ISO 8601's extended calendar form (year first, dashes; a space for the T as SQL writes it): unambiguous whatever
// format a mapping states. Basic (20160724) and week dates are left out: they read as other things too.
const ISO_EXTENDED = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** A date cell and how it was read: by the stated format, or by ISO 8601 after the format failed (`viaIso`). */
export interface ParsedDate {
  date: Date;
  viaIso: boolean;
}

/**
 * Like parseDateCell, and a value that fails the stated format but is unambiguous ISO 8601 (a column mixing
 * `2016-04-12 07:54:00.0` and `2016-07-24 06:18:26.000` under `yyyy-MM-dd HH:mm:ss.S`) is accepted, with
 * `viaIso` set so the importer can count it.
 */
export function parseDateLenient(value: string, format?: string, timezone?: string): ParsedDate | null {
  const d = parseDateCell(value, format, timezone);
  if (d) return { date: d, viaIso: false };
  if (!format || !ISO_EXTENDED.test(value.trim())) return null;
  const iso = parseDateCell(value, undefined, timezone);
  return iso ? { date: iso, viaIso: true } : null;
}

/** True when `timezone` is an IANA name this runtime knows. */
export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}
