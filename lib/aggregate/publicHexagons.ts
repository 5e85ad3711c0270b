import { z } from 'zod';
import type { Database } from '../../db';
import { publicCellCounts } from '../../db/queries/publicHexagons';
import { monthSchema } from '../domain/params';
import { TOPICS } from '../domain/vocab';
import { isoDay } from '../domain/days';

/** A public cell must hold at least this many distinct citizens, or it is not shown at all. */
export const K_MIN_CITIZENS = 5;

/** Why a public query may not name days: see monthBounds. */
export const PERIOD_ONLY =
  'public counts cover whole calendar months: use period=YYYY-MM (from/to are for signed-in staff)';
const refused = z
  .unknown()
  .refine((v) => v === undefined, { message: PERIOD_ONLY })
  .optional();

/** ?res=4..7&topic=&period=YYYY-MM; no period: all time. `from`/`to` are refused with a message saying so. */
export const publicHexagonQuerySchema = z.strictObject({
  res: z.coerce.number().int().min(4).max(7),
  topic: z.enum(TOPICS).optional(),
  period: monthSchema.optional(),
  from: refused,
  to: refused,
});
export type PublicHexagonQuery = z.infer<typeof publicHexagonQuerySchema>;

/**
 * The first and last day of a calendar month, and the first day of the next. Public aggregates take whole months
 * only (issue 18, finding 11): two answers over ranges one day apart differed by exactly that day's appeal, though
 * each cell had 5 citizens. Months tile time without overlap, so two allowed periods differ by whole months.
 */
export function monthBounds(period: string): { from: string; to: string; next: string } {
  const [y, m] = period.split('-').map(Number);
  return { from: isoDay(Date.UTC(y, m - 1, 1)), to: isoDay(Date.UTC(y, m, 0)), next: isoDay(Date.UTC(y, m, 1)) };
}

/**
 * Counts of problems (not thanks) per H3 cell for anonymous users: coarse cells only, whole months or all time, and
 * a cell is suppressed unless K_MIN_CITIZENS distinct citizens (author pseudonyms) stand behind it in that period.
 * Appeals without an author cannot be told apart, so they never make a cell public on their own.
 */
export async function publicHexagons(db: Database, q: PublicHexagonQuery) {
  const bounds = q.period ? monthBounds(q.period) : null;
  const rows = await publicCellCounts(db, {
    res: q.res,
    kMin: K_MIN_CITIZENS,
    topic: q.topic,
    from: bounds?.from,
    next: bounds?.next,
  });
  const shown = rows.filter((r) => r.shown);
  return {
    res: q.res,
    kMin: K_MIN_CITIZENS,
    /** The month covered (YYYY-MM) with its first and last day, or null for all time. */
    period: q.period ?? null,
    from: bounds?.from ?? null,
    to: bounds?.to ?? null,
    cells: shown.map((r) => ({ h3: r.h3, count: Number(r.n) })),
    suppressed: rows.length - shown.length,
  };
}
