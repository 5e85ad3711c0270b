import type { Session } from '../client';
import { runSql } from '../sql/builder';
import { sql } from 'kysely';

/* Server-only. */

/** Rebuilds the indexes a bulk load dropped (nothing when none were). */
export type RestoreIndexes = () => Promise<void>;

/**
 * Drops the secondary indexes of `table` (not those behind a constraint: primary key, unique keys) when `incoming`
 * new rows are many against the table: 50 k or more, and at least 30 % of its rows. Maintaining them row by row made
 * a 100 k-row merge into appeals 5x slower than building them afterwards, and inserting 200 k one-appeal problems
 * 3.5x slower (1.9 s with the GiST index on their points, 0.5 s without; rebuilding it for 400 k took 0.8 s).
 * Dropped and rebuilt inside the caller's transaction, so a crash restores them with everything else. Until the
 * commit the table is locked for readers too: the condition keeps this to first loads and loads that rival the table.
 */
export async function dropIndexesForBulk(
  s: Session,
  table: 'appeals' | 'problems',
  incoming: number,
): Promise<RestoreIndexes> {
  const [{ existing }] = await runSql<{ existing: number }>(
    s,
    sql`SELECT greatest(reltuples, 0) AS existing FROM pg_class WHERE oid = ${table}::regclass`,
  );
  if (incoming < 50_000 || incoming < 0.3 * Number(existing)) return async () => undefined;
  const idx = await runSql<{ indexname: string; indexdef: string }>(
    s,
    sql`SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = ${table}
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
  // DDL: the index names and definitions come from the catalogue itself.
  for (const i of idx) await s.query(`DROP INDEX ${i.indexname}`);
  const defs = idx.map((i) => i.indexdef);
  return async () => {
    for (const def of defs.splice(0)) await s.query(def);
  };
}
