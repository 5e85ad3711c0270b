import type { Session } from '../../../db';
import { diffEnrichmentInputs, recordEnrichmentInputs, type InputStep } from '../../../db/merge/rerun';
import { enrichmentInputsDigest } from '../../../db/queries/rerun';

/**
 * A spatial input of enrichment whose items are diffed against what the last run saw (each item's hash and extent
 * over the live table: db/merge/rerun.ts).
 */
export interface InputSpec {
  step: InputStep;
}

export const BOUNDARY_INPUT: InputSpec = { step: 'boundaries' };

export const ROAD_INPUT: InputSpec = { step: 'roads' };

/**
 * Fills temp table `table` (id, old_extent, new_extent, new_hash) with the items added, changed or removed since the
 * last run, and returns how many. An item's old and new extents bound the appeals whose answer it can change.
 */
export async function diffInputs(s: Session, spec: InputSpec, table: string): Promise<number> {
  return diffEnrichmentInputs(s, spec.step, table);
}

/** Records the current items as seen, for the changed ones only. */
export async function recordInputs(s: Session, spec: InputSpec, table: string): Promise<void> {
  await recordEnrichmentInputs(s, spec.step, table);
}

/** A fingerprint of everything recorded for a step: what `enrichment_state` shows. */
export async function inputsFingerprint(s: Session, step: InputSpec['step']): Promise<string> {
  const r = await enrichmentInputsDigest(s, step);
  return `${Number(r?.n ?? 0)}:${r?.h ?? ''}`;
}
