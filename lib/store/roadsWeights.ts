import type { Session } from '../../db';
import { deleteAllWeights, ownerHasWeights, upsertWeight, weightRows } from '../../db/queries/roadsWeights';
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
  const rows = await weightRows(s, owner);
  const w: Weights = { ...DEFAULT_WEIGHTS };
  for (const r of rows) if (isPart(r.part)) w[r.part] = Number(r.weight);
  return w;
}

/** Whether `owner` has weights of its own (otherwise it follows the global default). */
export async function hasOwnWeights(s: Session, owner: string): Promise<boolean> {
  return ownerHasWeights(s, owner);
}

/** Saves the weights of `owner` (null: the global default). */
export async function saveWeights(s: Session, w: Weights, by: string, owner: string | null): Promise<void> {
  for (const p of PARTS) await upsertWeight(s, owner, p, w[p], by);
}

export async function resetWeights(s: Session): Promise<void> {
  await deleteAllWeights(s);
}
