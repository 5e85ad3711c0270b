import { sql } from 'kysely';
import type { Database } from '../client';
import { runSql } from '../sql/builder';

/* Server-only. Where the data already loaded lies (lib/store/dataExtent.ts knownExtents). */

export type ExtentRow = { w: number | null; s: number | null; e: number | null; n: number | null };

/** The extent of every geometry of `table`. */
export async function tableExtent(
  db: Database,
  table: 'boundaries' | 'road_segments' | 'addresses',
): Promise<ExtentRow | undefined> {
  const [r] = await runSql<ExtentRow>(
    db,
    sql`SELECT ST_XMin(x) w, ST_YMin(x) s, ST_XMax(x) e, ST_YMax(x) n FROM (SELECT ST_Extent(geom)::geometry x FROM ${sql.table(table)}) t`,
  );
  return r;
}

/** The 1st–99th percentile box of up to `sample` located rows of source `code` in `table`. */
export async function sourceExtent(
  db: Database,
  table: 'appeals' | 'service_points',
  code: string,
  sample: number,
): Promise<ExtentRow | undefined> {
  const [r] = await runSql<ExtentRow>(
    db,
    sql`SELECT percentile_cont(0.01) WITHIN GROUP (ORDER BY x) w, percentile_cont(0.01) WITHIN GROUP (ORDER BY y) s,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY x) e, percentile_cont(0.99) WITHIN GROUP (ORDER BY y) n
     FROM (SELECT ST_X(t.geom) x, ST_Y(t.geom) y FROM ${sql.table(table)} t JOIN sources s ON s.id = t.source_id
           WHERE s.code = ${code} AND t.geom IS NOT NULL LIMIT ${sql.lit(sample)}) p`,
  );
  return r;
}
