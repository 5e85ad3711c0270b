import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';

/* Server-only. The data version that keys every cached aggregate (lib/aggregate/cache.ts). */

/**
 * The data version as of the session's snapshot: the newest row of data_changes, and their count and sum. max(v)
 * alone missed a writer that drew a smaller v and committed after a larger one (a bigserial is not in commit
 * order); that commit still adds a row, so count and sum move.
 */
export async function readDataVersion(s: Session): Promise<string> {
  const [r] = await runSql<{ v: string }>(
    s,
    sql`SELECT concat_ws(':', coalesce(max(v), 0), count(*), coalesce(sum(v), 0)) AS v FROM data_changes`,
  );
  return r!.v;
}
