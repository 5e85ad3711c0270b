import type { Session } from '../../../db';

/** Fingerprint of the inputs a step last ran with, or null before its first run. */
export async function readState(s: Session, step: string): Promise<string | null> {
  const [r] = await s.query<{ fingerprint: string }>(`SELECT fingerprint FROM enrichment_state WHERE step = $1`, [step]);
  return r?.fingerprint ?? null;
}

export async function writeState(s: Session, step: string, fingerprint: string, detail: Record<string, unknown> = {}): Promise<void> {
  await s.query(
    `INSERT INTO enrichment_state (step, fingerprint, detail, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (step) DO UPDATE SET fingerprint = excluded.fingerprint, detail = excluded.detail, updated_at = now()`,
    [step, fingerprint, JSON.stringify(detail)]);
}
