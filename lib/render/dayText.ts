import { format, isValid, parse } from 'date-fns';
import { ru } from 'date-fns/locale';
import { daySchema } from '../domain/params';

/** How a date field shows and takes a day: the Russian way. */
export const DAY_TEXT_FORMAT = 'ДД.ММ.ГГГГ';

const RU_DAY = /^\d{1,2}\.\d{1,2}\.\d{4}$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A day as a person types it, `ДД.ММ.ГГГГ` (`7.3.2025` too), or as ISO `2025-03-07` (pasted from a link), to the
 * request parameters' day `YYYY-MM-DD`; null when it is no real calendar day within the years the product takes
 * (`30.02.2025`, `31.04.2025`, `01.01.0001`). date-fns parses, so the calendar is date-fns's, not hand-rolled.
 */
export function parseDayText(text: string): string | null {
  const s = text.trim();
  let iso: string | null = null;
  if (RU_DAY.test(s)) {
    const d = parse(s, 'd.M.yyyy', new Date(2000, 0, 1), { locale: ru });
    iso = isValid(d) ? format(d, 'yyyy-MM-dd') : null;
  } else if (ISO_DAY.test(s)) {
    iso = s;
  }
  return iso !== null && daySchema.safeParse(iso).success ? iso : null;
}

/** A day `YYYY-MM-DD` as `ДД.ММ.ГГГГ`; anything else is returned as it is. */
export function formatDayText(day: string | null | undefined): string {
  if (!day) return '';
  if (!daySchema.safeParse(day).success) return day;
  return format(parse(day, 'yyyy-MM-dd', new Date(2000, 0, 1)), 'dd.MM.yyyy', { locale: ru });
}
