import type { Session } from '../../db';

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
 *
 * A polygon that lies inside another of its level (a settlement or allotment inside the city's outline, as in the
 * Kaliningrad file: «Рыбная Деревня» inside «Калининград») is not a sliver: a point in it belongs to it, the more
 * specific unit, however deep it lies in the container. The import marks such polygons (props._inside: the ids of
 * the polygons holding at least NESTED_SHARE of its area), and they go first.
 */

export type BoundaryLevel = 'region' | 'municipality';

/**
 * A scalar subquery: `column` of the `level` boundary that covers the point expression `pt` (NULL when none).
 * `level` and `column` are fixed identifiers of our own, never user input.
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

/** A polygon with at least this share of its area inside another of its level is nested in it (not a sliver). */
export const NESTED_SHARE = 0.9;

export interface BoundaryOverlaps {
  /** Pairs of polygons of the level whose insides overlap. */
  pairs: number;
  /** …of which one lies inside the other (NESTED_SHARE). */
  nested: number;
  /** The overlaps' area in square metres. */
  m2: number;
  /** Located appeals and service points inside two or more polygons of the level. */
  points: number;
}

/**
 * After an import of one level: finds the polygons that overlap, marks those nested in another (props._inside, read
 * by boundaryAtSql) and counts the located rows that lie in an overlap.
 */
export async function boundaryOverlaps(s: Session, level: BoundaryLevel): Promise<BoundaryOverlaps> {
  await s.query(`UPDATE boundaries SET props = props - '_inside' WHERE level = $1 AND props ? '_inside'`, [level]);
  const pairs = await s.query<{ a: number; b: number; m2: number; a_in_b: boolean; b_in_a: boolean }>(
    `SELECT a, b, m2, m2 >= $2 * a_m2 AS a_in_b, m2 >= $2 * b_m2 AS b_in_a FROM (
       SELECT a.id AS a, b.id AS b, ST_Area(ST_Intersection(a.geom, b.geom)::geography) AS m2,
              ST_Area(a.geom::geography) AS a_m2, ST_Area(b.geom::geography) AS b_m2
       FROM boundaries a JOIN boundaries b ON b.level = a.level AND a.id < b.id AND a.geom && b.geom
       WHERE a.level = $1 AND ST_Relate(a.geom, b.geom, '2********')) x`, [level, NESTED_SHARE]);
  const inside = new Map<number, string[]>();
  let nested = 0;
  for (const p of pairs) {
    // Both inside each other: the same unit twice (a duplicate), not a nesting; depth decides between them.
    if (p.a_in_b === p.b_in_a) continue;
    const [inner, outer] = p.a_in_b ? [p.a, p.b] : [p.b, p.a];
    inside.set(inner, [...(inside.get(inner) ?? []), String(outer)]);
    nested++;
  }
  for (const [id, outer] of inside) {
    await s.query(`UPDATE boundaries SET props = props || jsonb_build_object('_inside', $2::jsonb) WHERE id = $1`, [id, JSON.stringify(outer)]);
  }
  if (!pairs.length) return { pairs: 0, nested: 0, m2: 0, points: 0 };
  const [p] = await s.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM appeals a WHERE a.geom IS NOT NULL AND ${inOverlapSql(level, 'a.geom')})
          + (SELECT count(*) FROM service_points p WHERE p.geom IS NOT NULL AND ${inOverlapSql(level, 'p.geom')}) AS n`);
  return { pairs: pairs.length, nested, m2: pairs.reduce((t, x) => t + Number(x.m2), 0), points: Number(p.n) };
}
