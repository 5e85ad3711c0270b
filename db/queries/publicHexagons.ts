import { sql, type RawBuilder } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';

/* Server-only. Public (anonymous) counts of complaints per H3 cell (lib/aggregate/publicHexagons.ts). */

/**
 * Complaints (not thanks) per H3 cell at `res` (hex id), optionally of one topic and in [from, next) days, with
 * whether at least `kMin` distinct author pseudonyms stand behind the cell. Only cells no finer than the point's
 * precision count (street-level points stop at res 7).
 */
export function publicCellCounts(
  s: Session,
  q: { res: number; kMin: number; topic?: string; from?: string; next?: string },
) {
  const where: RawBuilder<unknown>[] = [
    sql`a.h3 IS NOT NULL`,
    sql`((a.h3 >> 52) & 15) >= ${q.res}`,
    sql`NOT a.is_gratitude`,
  ];
  if (q.topic) where.push(sql`a.topic = ${q.topic}`);
  if (q.from) where.push(sql`a.created_at >= ${q.from}::date`);
  if (q.next) where.push(sql`a.created_at < ${q.next}::date`);
  return runSql<{ h3: string; n: number; shown: boolean }>(
    s,
    sql`SELECT to_hex(h3_parent(a.h3, ${q.res})) AS h3, count(*) AS n, count(DISTINCT a.author_pseudonym) >= ${q.kMin} AS shown
     FROM appeals a WHERE ${sql.join(where, sql` AND `)} GROUP BY 1 ORDER BY 1`,
  );
}
