import { sql } from 'kysely';
import type { AppealFilter } from '../../lib/domain/filters';
import type { Session } from '../client';
import { appealFilterSql } from '../sql/appealFilter';
import { runSql } from '../sql/builder';
import { h3Parent, h3Resolution } from '../sql/h3';

/* Server-only. What lib/aggregate/hotspots/load.ts tests for hotspots: the appeals' span and their weekly counts. */

/** The first and last day (UTC, YYYY-MM-DD) of the appeals; nulls when there are none. */
export async function appealDaySpan(s: Session) {
  const [r] = await runSql<{ min: string | null; max: string | null }>(
    s,
    sql`SELECT to_char(min(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS min, to_char(max(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS max FROM appeals`,
  );
  return r;
}

/**
 * Filtered appeals per H3 cell at `res` (hex) and per week (its Monday, YYYY-MM-DD), counted from the stored cell of
 * the appeals placed at least that precisely.
 */
export function weeklyCellCounts(s: Session, filter: AppealFilter, res: number) {
  return runSql<{ h3: string; week: string; n: number }>(
    s,
    sql`SELECT to_hex(${h3Parent(sql`a.h3`, res)}) AS h3, to_char(date_trunc('week', a.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week,
            count(*) AS n
     FROM appeals a WHERE a.h3 IS NOT NULL AND ${h3Resolution(sql`a.h3`)} >= ${res} AND ${appealFilterSql(filter)} GROUP BY 1, 2`,
  );
}
