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

/** True when `timezone` is an IANA name this runtime knows. */
export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}
