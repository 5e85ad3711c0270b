import type { Session } from '../../db';
import { DEFAULT_WEIGHTS } from '../roads/score';
import { PARTS, type Weights } from '../roads/types';

/*
 * Weights per road owner plus a global default (owner NULL; migration 2026-12-07T13-weights-owner). Who may write
 * which is decided in lib/roads/scope.ts (weightsTarget); this file only reads and writes.
 */

const isPart = (p: string): p is keyof Weights => (PARTS as readonly string[]).includes(p);

/**
 * The weights `owner`'s list is scored with: its own where saved, else the global default, else the built-in
 * weight. `owner` null reads the global default (the list of every owner is scored with it).
 */
export async function readWeights(s: Session, owner: string | null): Promise<Weights> {
  // Default rows first, the owner's after them, so the owner's win.
  const rows = await s.query<{ part: string; weight: number }>(
    `SELECT part, weight FROM road_priority_weights WHERE owner IS NULL OR owner = $1 ORDER BY owner NULLS FIRST`, [owner]);
  const w: Weights = { ...DEFAULT_WEIGHTS };
  for (const r of rows) if (isPart(r.part)) w[r.part] = Number(r.weight);
  return w;
}

/** Whether `owner` has weights of its own (otherwise it follows the global default). */
export async function hasOwnWeights(s: Session, owner: string): Promise<boolean> {
  const rows = await s.query(`SELECT 1 FROM road_priority_weights WHERE owner = $1 LIMIT 1`, [owner]);
  return rows.length > 0;
}

/** Saves the weights of `owner` (null: the global default). */
export async function saveWeights(s: Session, w: Weights, by: string, owner: string | null): Promise<void> {
  for (const p of PARTS) {
    await s.query(
      `INSERT INTO road_priority_weights (owner, part, weight, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (owner, part) DO UPDATE SET weight = excluded.weight, updated_by = excluded.updated_by, updated_at = now()`,
      [owner, p, w[p], by],
    );
  }
}

export async function resetWeights(s: Session): Promise<void> {
  await s.query('DELETE FROM road_priority_weights');
}
