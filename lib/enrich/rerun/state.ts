import type { Session } from '../../../db';
import { readEnrichmentState, writeEnrichmentState } from '../../../db/queries/rerun';

/** Fingerprint of the inputs a step last ran with, or null before its first run. */
export async function readState(s: Session, step: string): Promise<string | null> {
  return (await readEnrichmentState(s, step)) ?? null;
}

export async function writeState(
  s: Session,
  step: string,
  fingerprint: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await writeEnrichmentState(s, step, fingerprint, JSON.stringify(detail));
}
