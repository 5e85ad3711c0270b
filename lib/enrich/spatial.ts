import type { Session } from '../../db';
import { boundaryAtSql } from '../../db/sql/storeBoundaryPick';

/*
 * Spatial enrichment in SQL, over a set of appeals named by a subquery of ids (the rows an import touched, the rows
 * `pmap enrich` found affected, or all). Both functions write only rows whose answer changed and return how many.
 */

/** Farthest a road-topic appeal may be from the segment it is snapped to. */
export const SNAP_MAX_M = 60;

/** Degrees of latitude and of longitude (at the row's latitude) that span `m` metres: an index-friendly box. */
export const degreesLat = (m: number) => `(${m} / 110574.0)`;
export const degreesLon = (m: number, latSql: string) => `(${m} / (111320.0 * cos(radians(least(89.0, abs(${latSql}))))))`;

/**
 * Region and municipality by point-in-polygon (lib/store/boundaryPick.ts, as the import's merge does it). A point
 * covered by two polygons (real files overlap in slivers) goes to the one it lies deepest inside; only a point on a
 * shared border line falls to the smallest code. Boundaries are stored split at the antimeridian (migration
 * 2026-11-23T04), so Chukotka needs nothing special here.
 */
export async function assignBoundaries(s: Session, idsSql: string): Promise<number> {
  const rows = await s.query<{ n: number }>(`WITH x AS (
      SELECT a.id, ${boundaryAtSql('municipality', 'a.geom')} AS m, ${boundaryAtSql('region', 'a.geom')} AS r
      FROM appeals a WHERE a.id IN (${idsSql})
    ), u AS (
      UPDATE appeals a SET municipality_id = x.m, region_id = x.r FROM x
      WHERE a.id = x.id AND (a.municipality_id IS DISTINCT FROM x.m OR a.region_id IS DISTINCT FROM x.r)
      RETURNING 1)
    SELECT count(*) AS n FROM u`);
  return Number(rows[0]?.n ?? 0);
}

/**
 * How much nearer than the segment of the appeal's own street another segment must be to win. A street name decides
 * only between candidates at nearly the same distance (a point at a crossing, or GPS noise of a few metres); it never
 * beats a clearly nearer segment. On real files the street in an address is often the cross street or the street of
 * the nearest building 20–60 m away, while the defect lies on the segment under the point: a real city's pothole file
 * was matched to the recorded segment for 74 % of points when any named segment in reach won, and for 98.8 % by the
 * nearest segment alone. Measured by `npm run bench -- snap` on real OSM geometry (moscow_osm: ~2,900 points sampled
 * along real ways with seeded GPS noise σ 3 m and a lane offset, each given the nearest real building's address, or
 * the way's own street; docs/road-snapping.md has the table): over 4 seeds, the nearest-building file peaks at 3–4 m
 * and 3 m is never worse than nearest-only on any seed (91.6–92.4 % against 91.5–91.9 %; 4 m is worse on one), while
 * it gains 4–5 points where the address names the point's own street (95.1–95.7 % against 90.9–91.5 %). Wider
 * margins lose on the nearest-building file (10 m: 90.7–91.4 %); a name winning anywhere in reach (the old rule) gets
 * 76–77 % there. The margin is about the GPS error of the measurement (σ 3 m).
 */
export const SNAP_NAME_MARGIN_M = 3;

/**
 * Snaps road-topic appeals to the nearest road segment within SNAP_MAX_M metres. A segment whose street matches the
 * appeal's street (appeals.street, else the street in appeals.address; compared as pmap_street_key, which
 * road_segments.street_key holds) wins over a nearer one of another street only when it is at most `nameMarginM`
 * (SNAP_NAME_MARGIN_M) metres farther than the nearest segment. Ties go to the nearer segment, then the smaller id.
 * Appeals of other topics, or with no segment in reach, are unsnapped. `nameMarginM` is a parameter only for the
 * bench that measures it (bench/snap.ts); 0 is plain nearest-segment.
 */
export async function snapToRoads(s: Session, idsSql: string, nameMarginM: number = SNAP_NAME_MARGIN_M): Promise<number> {
  const margin = Number.isFinite(nameMarginM) && nameMarginM > 0 ? nameMarginM : 0;
  // "named" is never NULL (coalesce): NULL sorts first under DESC, so under the old rule's "named DESC" a segment with
  // no name (street_key NULL) beat every named one.
  // MATERIALIZED: the street key is computed once per appeal, not once per candidate segment, and only for an
  // appeal with a segment near it (it was most of this step's time, 6 s a million rows, where no road is near).
  const rows = await s.query<{ n: number }>(`WITH located AS (
      SELECT a.id, a.geom, a.street, a.address,
             ST_Expand(a.geom, ${degreesLon(SNAP_MAX_M, 'ST_Y(a.geom)')}, ${degreesLat(SNAP_MAX_M)}) AS reach
      -- A point known only to its street or settlement (geocode_level) cannot tell which segment: not snapped.
      FROM appeals a WHERE a.id IN (${idsSql}) AND a.topic = 'roads' AND a.geom IS NOT NULL
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
      WHERE c.d <= ${SNAP_MAX_M}
      ORDER BY t.id, (c.named AND c.d <= c.nearest + ${margin}) DESC, c.d, c.seg
    ), snapped AS (
      UPDATE appeals a SET road_segment_id = b.seg, road_distance_m = b.d FROM best b
      WHERE a.id = b.id AND (a.road_segment_id IS DISTINCT FROM b.seg OR abs(coalesce(a.road_distance_m, -1) - b.d) > 0.01)
      RETURNING 1
    ), unsnapped AS (
      UPDATE appeals a SET road_segment_id = NULL, road_distance_m = NULL
      WHERE a.id IN (${idsSql}) AND a.road_segment_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM best b WHERE b.id = a.id)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM snapped) + (SELECT count(*) FROM unsnapped) AS n`);
  return Number(rows[0]?.n ?? 0);
}
