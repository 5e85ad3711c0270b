/*
 * Which boundary a point belongs to, as SQL fragments shared by every place that answers it (the import merges,
 * `pmap enrich`, hotspot place names), so they all agree.
 *
 * Real boundary files overlap in slivers: neighbours' shared edges were rounded or simplified separately, so a strip
 * metres wide lies in both polygons. A point covered by two polygons goes to the one it lies DEEPEST inside (farthest
 * from that polygon's edge, in metres on the sphere), not to the smallest code: in a sliver the point is a few metres
 * inside one neighbour's outline and, in the other, right at the edge it was copied from. Only a tie (a point exactly
 * on a shared border line, depth 0 in both) falls to the smallest code, deterministically. The depth is computed only
 * when more than one polygon covers the point, so the usual case costs one point-in-polygon test.
 */

export type BoundaryLevel = 'region' | 'municipality';

/**
 * A scalar subquery: `column` of the `level` boundary that covers the point expression `pt` (NULL when none).
 * `level` and `column` are fixed identifiers of our own, never user input.
 */
export function boundaryAtSql(level: BoundaryLevel, pt: string, column: 'id' | 'name' | 'code' = 'id'): string {
  return `(SELECT c.${column} FROM (SELECT b.id, b.code, b.name, b.geom, count(*) OVER () AS n FROM boundaries b
      WHERE b.level = '${level}' AND ST_Covers(b.geom, ${pt})) c
    ORDER BY CASE WHEN c.n > 1 THEN ST_Distance(ST_Boundary(c.geom)::geography, (${pt})::geography) END DESC NULLS LAST,
      c.code, c.id LIMIT 1)`;
}

/** True when the point expression `pt` lies inside (not on the edge of) two or more boundaries of `level`. */
export function inOverlapSql(level: BoundaryLevel, pt: string): string {
  return `((SELECT count(*) FROM boundaries b WHERE b.level = '${level}' AND ST_Contains(b.geom, ${pt})) > 1)`;
}
