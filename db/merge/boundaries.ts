import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';

/* Server-only. Statements over boundary_stage (lib/ingest/boundaries/importBoundaries.ts). */

/**
 * Deletes from boundary_stage the rows whose polygons have no area once repaired (every ring collapses to a line or
 * a point) and returns them: ST_MakeValid would make them an empty MultiPolygon, a boundary that contains nothing.
 */
export async function deleteArealessStaged(
  s: Session,
): Promise<{ row_number: number; props: Record<string, unknown> }[]> {
  return runSql(
    s,
    sql`DELETE FROM boundary_stage
     WHERE ST_IsEmpty(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)), 3))
     RETURNING row_number, props`,
  );
}
