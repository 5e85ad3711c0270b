import type { Session } from '../../db';
import {
  clearInsideMarks,
  markInside,
  overlapPairs,
  pointsInOverlaps,
  type BoundaryLevel,
} from '../../db/queries/boundaryPick';

/*
 * Which boundary a point belongs to: the rule and its SQL are in db/sql/boundaryAt.ts (boundaryAtSql, read by
 * the import merges, `pmap enrich` and hotspot place names). A polygon nested inside another of its level goes first;
 * the import marks such polygons here (props._inside).
 */

export type { BoundaryLevel };

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
 * by boundaryAtSql in db/sql/boundaryAt.ts) and counts the located rows that lie in an overlap.
 */
export async function boundaryOverlaps(s: Session, level: BoundaryLevel): Promise<BoundaryOverlaps> {
  await clearInsideMarks(s, level);
  const pairs = await overlapPairs(s, level, NESTED_SHARE);
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
    await markInside(s, id, outer);
  }
  if (!pairs.length) return { pairs: 0, nested: 0, m2: 0, points: 0 };
  const points = await pointsInOverlaps(s, level);
  return { pairs: pairs.length, nested, m2: pairs.reduce((t, x) => t + Number(x.m2), 0), points };
}
