import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';
import { appealIdsIn, type AppealIds } from '../sql/appealIds';

/* Server-only. `pmap geocode --appeals`: its work list. */

/** Lists the appeals without a location in geocode_todo (dropped at the transaction's end). */
export async function createGeocodeTodo(s: Session): Promise<void> {
  await runSql(s, sql`CREATE TEMP TABLE geocode_todo ON COMMIT DROP AS SELECT id FROM appeals WHERE geom IS NULL`);
}

/** The appeals in geocode_todo. */
export const geocodeTodoIds: AppealIds = appealIdsIn('geocode_todo');
