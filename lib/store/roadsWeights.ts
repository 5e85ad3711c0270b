import type { Session } from '../../db';
import { DEFAULT_WEIGHTS } from '../roads/score';
import { PARTS, type Weights } from '../roads/types';

/** The stored weights, each missing part at its default. */
export async function readWeights(s: Session): Promise<Weights> {
  const rows = await s.query<{ part: string; weight: number }>('SELECT part, weight FROM road_priority_weights');
  const w: Weights = { ...DEFAULT_WEIGHTS };
  for (const r of rows) if ((PARTS as readonly string[]).includes(r.part)) w[r.part as keyof Weights] = Number(r.weight);
  return w;
}

export async function saveWeights(s: Session, w: Weights, by: string): Promise<void> {
  for (const p of PARTS) {
    await s.query(
      `INSERT INTO road_priority_weights (part, weight, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (part) DO UPDATE SET weight = excluded.weight, updated_by = excluded.updated_by, updated_at = now()`,
      [p, w[p], by],
    );
  }
}

export async function resetWeights(s: Session): Promise<void> {
  await s.query('DELETE FROM road_priority_weights');
}
