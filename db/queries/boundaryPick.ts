import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';
import { inOverlapSql, type BoundaryLevel } from '../sql/boundaryAt';

/* Server-only. The statements behind lib/store/boundaryPick.ts boundaryOverlaps (overlapping boundary polygons). */

export type { BoundaryLevel };

/** Clears the nesting marks (props._inside) of every boundary of `level`. */
export async function clearInsideMarks(s: Session, level: BoundaryLevel): Promise<void> {
  await runSql(s, sql`UPDATE boundaries SET props = props - '_inside' WHERE level = ${level} AND props ? '_inside'`);
}

export interface OverlapPair {
  a: number;
  b: number;
  m2: number;
  a_in_b: boolean;
  b_in_a: boolean;
}

/** Pairs of `level` polygons whose insides overlap, the overlap's area, and whether either holds `share` of the other. */
export async function overlapPairs(s: Session, level: BoundaryLevel, share: number): Promise<OverlapPair[]> {
  return runSql<OverlapPair>(
    s,
    sql`SELECT a, b, m2, m2 >= ${share} * a_m2 AS a_in_b, m2 >= ${share} * b_m2 AS b_in_a FROM (
       SELECT a.id AS a, b.id AS b, ST_Area(ST_Intersection(a.geom, b.geom)::geography) AS m2,
              ST_Area(a.geom::geography) AS a_m2, ST_Area(b.geom::geography) AS b_m2
       FROM boundaries a JOIN boundaries b ON b.level = a.level AND a.id < b.id AND a.geom && b.geom
       WHERE a.level = ${level} AND ST_Relate(a.geom, b.geom, '2********')) x`,
  );
}

/** Marks boundary `id` as nested inside the boundaries `outer` (ids as text). */
export async function markInside(s: Session, id: number, outer: string[]): Promise<void> {
  await runSql(
    s,
    sql`UPDATE boundaries SET props = props || jsonb_build_object('_inside', ${JSON.stringify(outer)}::jsonb) WHERE id = ${id}`,
  );
}

/** Located appeals and service points inside two or more polygons of `level`. */
export async function pointsInOverlaps(s: Session, level: BoundaryLevel): Promise<number> {
  const [p] = await runSql<{ n: number }>(
    s,
    sql`SELECT (SELECT count(*) FROM appeals a WHERE a.geom IS NOT NULL AND ${sql.raw(inOverlapSql(level, 'a.geom'))})
          + (SELECT count(*) FROM service_points p WHERE p.geom IS NOT NULL AND ${sql.raw(inOverlapSql(level, 'p.geom'))}) AS n`,
  );
  return Number(p.n);
}
