import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';
import { boundaryAtSql } from '../sql/boundaryAt';
import { idsQuery, type AppealIds } from '../sql/appealIds';
import { expandByMetres } from '../sql/spatial';

/*
 * Server-only. Spatial enrichment of appeals (lib/enrich/spatial.ts holds the rules), over a set of appeals named by
 * a subquery of ids: the rows an import touched, the rows `pmap enrich` found affected, or all. Both statements write
 * only rows whose answer changed and return how many.
 */

export { appealIdsIn, type AppealIds } from '../sql/appealIds';

/** Located appeals without a municipality (the demo's last step). */
export const appealIdsWithoutMunicipality: AppealIds = sql`SELECT id FROM appeals WHERE municipality_id IS NULL AND geom IS NOT NULL`;

/** Region and municipality by point-in-polygon (db/sql/boundaryAt.ts). */
export async function assignAppealBoundaries(s: Session, ids: AppealIds | string): Promise<number> {
  const rows = await runSql(
    s,
    sql<{ n: number }>`WITH x AS (
      SELECT a.id, ${sql.raw(boundaryAtSql('municipality', 'a.geom'))} AS m, ${sql.raw(boundaryAtSql('region', 'a.geom'))} AS r
      FROM appeals a WHERE a.id IN (${idsQuery(ids)})
    ), u AS (
      UPDATE appeals a SET municipality_id = x.m, region_id = x.r FROM x
      WHERE a.id = x.id AND (a.municipality_id IS DISTINCT FROM x.m OR a.region_id IS DISTINCT FROM x.r)
      RETURNING 1)
    SELECT count(*) AS n FROM u`,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Snaps road-topic appeals to the nearest road segment within `maxM` metres; a segment of the appeal's own street
 * wins when at most `marginM` metres farther than the nearest (lib/enrich/spatial.ts snapToRoads says why).
 */
export async function snapAppealsToRoads(
  s: Session,
  ids: AppealIds | string,
  maxM: number,
  marginM: number,
): Promise<number> {
  const q = idsQuery(ids);
  // "named" is never NULL (coalesce): NULL sorts first under DESC, so under the old rule's "named DESC" a segment with
  // no name (street_key NULL) beat every named one.
  // MATERIALIZED: the street key is computed once per appeal, not once per candidate segment, and only for an
  // appeal with a segment near it (it was most of this step's time, 6 s a million rows, where no road is near).
  const rows = await runSql(
    s,
    sql<{ n: number }>`WITH located AS (
      SELECT a.id, a.geom, a.street, a.address,
             ${expandByMetres(sql`a.geom`, maxM, sql`ST_Y(a.geom)`)} AS reach
      -- A point known only to its street or settlement (geocode_level) cannot tell which segment: not snapped.
      FROM appeals a WHERE a.id IN (${q}) AND a.topic = 'roads' AND a.geom IS NOT NULL
        AND a.geocode_level IN ('point', 'house')
    ), target AS MATERIALIZED (
      SELECT l.id, l.geom, l.reach,
             pmap_street_key(coalesce(nullif(btrim(l.street), ''), pmap_address_street(l.address))) AS street
      FROM located l WHERE EXISTS (SELECT 1 FROM road_segments r WHERE r.geom && l.reach)
    ), best AS MATERIALIZED (
      SELECT DISTINCT ON (t.id) t.id, c.seg, c.d
      FROM target t
      CROSS JOIN LATERAL (
        SELECT k.*, min(k.d) OVER () AS nearest
        FROM (SELECT r.id AS seg, ST_Distance(r.geom::geography, t.geom::geography, false) AS d,
                     coalesce(r.street_key = t.street, false) AS named
              FROM road_segments r
              WHERE r.geom && t.reach) k) c
      WHERE c.d <= ${sql.lit(maxM)}
      ORDER BY t.id, (c.named AND c.d <= c.nearest + ${sql.lit(marginM)}) DESC, c.d, c.seg
    ), snapped AS (
      UPDATE appeals a SET road_segment_id = b.seg, road_distance_m = b.d FROM best b
      WHERE a.id = b.id AND (a.road_segment_id IS DISTINCT FROM b.seg OR abs(coalesce(a.road_distance_m, -1) - b.d) > 0.01)
      RETURNING 1
    ), unsnapped AS (
      UPDATE appeals a SET road_segment_id = NULL, road_distance_m = NULL
      WHERE a.id IN (${q}) AND a.road_segment_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM best b WHERE b.id = a.id)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM snapped) + (SELECT count(*) FROM unsnapped) AS n`,
  );
  return Number(rows[0]?.n ?? 0);
}
