/*
 * Server-only. Which boundary a point belongs to, as SQL fragments shared by every place that answers it (the import
 * merges, `pmap enrich`, hotspot place names), so they all agree.
 *
 * Real boundary files overlap in slivers: neighbours' shared edges were rounded or simplified separately, so a strip
 * metres wide lies in both polygons. A point covered by two polygons goes to the one it lies DEEPEST inside (farthest
 * from that polygon's edge, in metres on the sphere), not to the smallest code: in a sliver the point is a few metres
 * inside one neighbour's outline and, in the other, right at the edge it was copied from. Only a tie (a point exactly
 * on a shared border line, depth 0 in both) falls to the smallest code, deterministically. The depth is computed only
 * when more than one polygon covers the point, so the usual case costs one point-in-polygon test.
 *
 * A polygon that lies inside another of its level (a settlement or allotment inside the city's outline, as in the
 * Kaliningrad file: «Рыбная Деревня» inside «Калининград») is not a sliver: a point in it belongs to it, the more
 * specific unit, however deep it lies in the container. The import marks such polygons (props._inside: the ids of
 * the polygons holding at least NESTED_SHARE of its area, lib/store/boundaryPick.ts), and they go first.
 *
 * The fragments are text (the bulk merges are raw statements, kept byte for byte); `sql.raw(boundaryAtSql(…))` puts
 * one into a Kysely `sql` template.
 */

export type BoundaryLevel = 'region' | 'municipality';

/**
 * A scalar subquery: `column` of the `level` boundary that covers the point expression `pt` (NULL when none).
 * `level`, `pt` and `column` are fixed identifiers of our own, never user input.
 */
export function boundaryAtSql(level: BoundaryLevel, pt: string, column: 'id' | 'name' | 'code' = 'id'): string {
  // Aliases of their own (bp_*): the caller's query may have its own "b" or "c".
  return `(SELECT bp_c.${column} FROM (SELECT bp_b.id, bp_b.code, bp_b.name, bp_b.geom, bp_b.props, count(*) OVER () AS n,
        array_agg(bp_b.id::text) OVER () AS ids FROM boundaries bp_b
      WHERE bp_b.level = '${level}' AND ST_Covers(bp_b.geom, ${pt})) bp_c
    ORDER BY CASE WHEN bp_c.n > 1 THEN coalesce(bp_c.props->'_inside' ?| bp_c.ids, false) END DESC NULLS LAST,
      CASE WHEN bp_c.n > 1 THEN ST_Distance(ST_Boundary(bp_c.geom)::geography, (${pt})::geography) END DESC NULLS LAST,
      bp_c.code, bp_c.id LIMIT 1)`;
}

/** True when the point expression `pt` lies inside (not on the edge of) two or more boundaries of `level`. */
export function inOverlapSql(level: BoundaryLevel, pt: string): string {
  return `((SELECT count(*) FROM boundaries b WHERE b.level = '${level}' AND ST_Contains(b.geom, ${pt})) > 1)`;
}
