import type { Session } from '../../../db';
import {
  addAppealsInExtent,
  addAppealsOfBoundaries,
  addAppealsOfSegments,
  addIds,
  addRoadAppealsNear,
  countRows,
  createIdTable,
  recordMovedCandidates,
  stageGeocodeCandidates,
} from '../../../db/merge/rerun';
import { gazetteerDigest } from '../../../db/queries/rerun';
import { appealIdsIn } from '../../../db/queries/spatial';
import { geocodeAppeals } from '../geocode/appeals';
import { assignBoundaries, snapToRoads, SNAP_MAX_M } from '../spatial';
import { BOUNDARY_INPUT, diffInputs, inputsFingerprint, recordInputs, ROAD_INPUT } from './inputs';
import { readState, writeState } from './state';

export interface StepResult {
  /** Inputs (boundaries, segments, …) added, changed or removed since the last run. */
  inputs_changed: number;
  /** Appeals whose enrichment was computed again. */
  checked: number;
  /** Appeals whose stored answer changed. */
  updated: number;
}

const EXTENTS = ['old_extent', 'new_extent'] as const;

/**
 * Re-geocodes when the gazetteer changed: appeals located by the geocoder (their answer may change) and appeals
 * with an address but no location (they may now match). Appeals whose point moved go to `movedTable`.
 */
export async function geocodeStep(s: Session, movedTable: string): Promise<StepResult & { matched: number }> {
  const g = await gazetteerDigest(s);
  const fingerprint = `${Number(g?.n ?? 0)}:${g?.max_id ?? 0}:${g?.last ?? ''}:${Number(g?.streets ?? 0)}`;
  if ((await readState(s, 'gazetteer')) === fingerprint)
    return { inputs_changed: 0, checked: 0, updated: 0, matched: 0 };
  await stageGeocodeCandidates(s);
  const r = await geocodeAppeals(s, appealIdsIn('enrich_geocode_candidates'));
  await recordMovedCandidates(s, movedTable);
  await writeState(s, 'gazetteer', fingerprint);
  return {
    inputs_changed: 1,
    checked: await countRows(s, 'enrich_geocode_candidates'),
    updated: await countRows(s, movedTable),
    matched: r.matched,
  };
}

/** Region and municipality again for appeals a changed boundary may contain (old or new extent), or that moved. */
export async function boundariesStep(s: Session, movedTable: string): Promise<StepResult> {
  const changed = await diffInputs(s, BOUNDARY_INPUT, 'enrich_boundary_diff');
  await createIdTable(s, 'enrich_boundary_appeals');
  if (changed) {
    for (const ext of EXTENTS) await addAppealsInExtent(s, 'enrich_boundary_appeals', 'enrich_boundary_diff', ext);
    // Appeals still pointing at a removed boundary (there is no foreign key to clear them).
    await addAppealsOfBoundaries(s, 'enrich_boundary_appeals', 'enrich_boundary_diff');
  }
  await addIds(s, 'enrich_boundary_appeals', movedTable);
  const checked = await countRows(s, 'enrich_boundary_appeals');
  const updated = checked ? await assignBoundaries(s, appealIdsIn('enrich_boundary_appeals')) : 0;
  if (changed) await recordInputs(s, BOUNDARY_INPUT, 'enrich_boundary_diff');
  await writeState(s, 'boundaries', await inputsFingerprint(s, 'boundaries'));
  return { inputs_changed: changed, checked, updated };
}

/**
 * Road snapping again for road-topic appeals near a changed segment (old or new extent, widened by SNAP_MAX_M),
 * appeals snapped to a changed segment, and appeals in `extraTables` (topic changed, point moved).
 */
export async function roadsStep(s: Session, extraTables: readonly string[]): Promise<StepResult> {
  const changed = await diffInputs(s, ROAD_INPUT, 'enrich_road_diff');
  await createIdTable(s, 'enrich_road_appeals');
  if (changed) {
    for (const ext of EXTENTS) await addRoadAppealsNear(s, 'enrich_road_appeals', 'enrich_road_diff', ext, SNAP_MAX_M);
    await addAppealsOfSegments(s, 'enrich_road_appeals', 'enrich_road_diff');
  }
  for (const t of extraTables) await addIds(s, 'enrich_road_appeals', t);
  const checked = await countRows(s, 'enrich_road_appeals');
  const updated = checked ? await snapToRoads(s, appealIdsIn('enrich_road_appeals')) : 0;
  if (changed) await recordInputs(s, ROAD_INPUT, 'enrich_road_diff');
  await writeState(s, 'roads', await inputsFingerprint(s, 'roads'));
  return { inputs_changed: changed, checked, updated };
}
