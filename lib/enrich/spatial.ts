import type { Session } from '../../db';
import { assignAppealBoundaries, snapAppealsToRoads, type AppealIds } from '../../db/queries/spatial';

/*
 * Spatial enrichment (its statements in db/queries/spatial.ts), over a set of appeals named by `ids`
 * (db/queries/spatial.ts appealIdsIn: the rows an import touched, the rows `pmap enrich` found affected, or all).
 * Both functions write only rows whose answer changed and return how many.
 */

/** Farthest a road-topic appeal may be from the segment it is snapped to. */
export const SNAP_MAX_M = 60;

/**
 * Region and municipality by point-in-polygon (db/sql/boundaryAt.ts, as the import's merge does it). A point
 * covered by two polygons (real files overlap in slivers) goes to the one it lies deepest inside; only a point on a
 * shared border line falls to the smallest code. Boundaries are stored split at the antimeridian (migration
 * 2026-11-23T04), so Chukotka needs nothing special here.
 */
export async function assignBoundaries(s: Session, ids: AppealIds | string): Promise<number> {
  return assignAppealBoundaries(s, ids);
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
export async function snapToRoads(
  s: Session,
  ids: AppealIds | string,
  nameMarginM: number = SNAP_NAME_MARGIN_M,
): Promise<number> {
  const margin = Number.isFinite(nameMarginM) && nameMarginM > 0 ? nameMarginM : 0;
  return snapAppealsToRoads(s, ids, SNAP_MAX_M, margin);
}
