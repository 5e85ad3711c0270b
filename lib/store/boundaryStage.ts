import type { Session } from '../../db';
import { deleteArealessStaged } from '../../db/merge/boundaries';
import type { RejectSink } from './rejects';

/**
 * Staged boundaries (boundary_stage of lib/ingest/boundaries/importBoundaries.ts) whose polygons have no area once
 * repaired — every ring collapses to a line or a point (all positions equal or on one line) — leave the stage as
 * rejects: ST_MakeValid would make them an empty MultiPolygon, a boundary that contains nothing.
 */
export async function rejectArealess(s: Session, sink: RejectSink): Promise<void> {
  const rows = await deleteArealessStaged(s);
  for (const r of rows) {
    await sink.add(s, {
      row: r.row_number,
      reason: 'invalid geometry: the polygon has no area (its rings collapse to lines or points)',
      values: r.props,
    });
  }
}
