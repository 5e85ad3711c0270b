import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';

/* Server-only. */

/** The staged columns that tell one record from another: a change elsewhere (status, hours) is a newer version. */
const IDENTITY: Record<'appeal_stage' | 'point_stage', string[]> = {
  appeal_stage: ['created_at', 'text'],
  point_stage: ['name', 'lat', 'lon'],
};

/**
 * How many ids of a staged file carry more than one different record — an appeal created at another time or with
 * another text, a site with another name or place — as opposed to the same row repeated or a later version of it
 * (another status, other hours): a sign that the id column is not an id. Run before rejectInFileDuplicates.
 */
export async function conflictingIds(
  s: Session,
  stage: 'appeal_stage' | 'point_stage',
  key = 'external_id',
): Promise<number> {
  const cols = sql.join(IDENTITY[stage].map((c) => sql.ref(c)));
  const [r] = await runSql<{ n: number }>(
    s,
    sql`SELECT count(*)::int n FROM (SELECT 1 FROM ${sql.table(stage)} GROUP BY ${sql.ref(key)} HAVING count(DISTINCT (${cols})) > 1) t`,
  );
  return Number(r?.n ?? 0);
}
