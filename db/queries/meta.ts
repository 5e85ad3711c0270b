import { sql } from 'kysely';
import type { Session } from '../client';
import { qb, run, runSql } from '../sql/builder';

/* Server-only. What the map and the pages need before their first query: vocabularies, time span, extent. */

/** Topics in their display order. */
export function topicNames(s: Session): Promise<{ code: string; name_ru: string; name_en: string }[]> {
  return run(s, qb.selectFrom('topics').select(['code', 'name_ru', 'name_en']).orderBy('sort'));
}

/** The first and last UTC day (YYYY-MM-DD) with appeals; both null when there are none. */
export async function appealDayRange(s: Session): Promise<{ min: string | null; max: string | null } | undefined> {
  const [r] = await runSql<{ min: string | null; max: string | null }>(
    s,
    sql`SELECT to_char(min(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS min,
            to_char(max(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS max FROM appeals`,
  );
  return r;
}

/**
 * The data's extent: the region's boundaries, else all boundaries, else the appeals (w is null when there is
 * nothing); approx says whether any boundary is marked approximate.
 */
export async function mapExtent(s: Session) {
  const [r] = await runSql<{ w: number | null; s: number; e: number; n: number; approx: boolean }>(
    s,
    sql`WITH x AS (SELECT coalesce((SELECT ST_Extent(geom) FROM boundaries WHERE level = 'region'),
                               (SELECT ST_Extent(geom) FROM boundaries),
                               (SELECT ST_Extent(geom) FROM appeals))::geometry AS g)
     SELECT ST_XMin(g) w, ST_YMin(g) s, ST_XMax(g) e, ST_YMax(g) n,
            EXISTS (SELECT 1 FROM boundaries WHERE props->>'approximate' = 'true') AS approx FROM x`,
  );
  return r;
}
