import { z } from 'zod';
import type { Database } from '../../db';
import { daySchema } from '../domain/params';
import { TOPICS } from '../domain/vocab';

/** A public cell must hold at least this many distinct citizens, or it is not shown at all. */
export const K_MIN_CITIZENS = 5;

export const publicHexagonQuerySchema = z.strictObject({
  res: z.coerce.number().int().min(4).max(7),
  topic: z.enum(TOPICS).optional(),
  from: daySchema.optional(),
  to: daySchema.optional(),
});
export type PublicHexagonQuery = z.infer<typeof publicHexagonQuerySchema>;

/**
 * Counts of problems (not thanks) per H3 cell for anonymous users: coarse cells only, and a cell is suppressed
 * unless K_MIN_CITIZENS distinct citizens (author pseudonyms) stand behind it. Appeals without an author cannot be
 * told apart, so they never make a cell public on their own.
 */
export async function publicHexagons(db: Database, q: PublicHexagonQuery) {
  const params: unknown[] = [q.res, K_MIN_CITIZENS];
  const where = ['a.h3 IS NOT NULL', 'NOT a.is_gratitude'];
  if (q.topic) where.push(`a.topic = $${params.push(q.topic)}`);
  if (q.from) where.push(`a.created_at >= $${params.push(q.from)}::date`);
  if (q.to) where.push(`a.created_at < $${params.push(q.to)}::date + 1`);
  const rows = await db.query<{ h3: string; n: number; shown: boolean }>(
    `SELECT to_hex(h3_parent(a.h3, $1)) AS h3, count(*) AS n, count(DISTINCT a.author_pseudonym) >= $2 AS shown
     FROM appeals a WHERE ${where.join(' AND ')} GROUP BY 1 ORDER BY 1`, params);
  const shown = rows.filter((r) => r.shown);
  return {
    res: q.res,
    kMin: K_MIN_CITIZENS,
    cells: shown.map((r) => ({ h3: r.h3, count: Number(r.n) })),
    suppressed: rows.length - shown.length,
  };
}
