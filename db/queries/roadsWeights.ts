import type { Session } from '../client';
import { qb, run, runFirst } from '../sql/builder';

/*
 * Server-only. Road priority weights per owner plus a global default (owner NULL; migration
 * 2026-12-07T13-weights-owner).
 */

/** The weight rows that apply to `owner`: the default's (owner NULL) first, the owner's after them. */
export async function weightRows(s: Session, owner: string | null): Promise<{ part: string; weight: number }[]> {
  return run(
    s,
    qb
      .selectFrom('road_priority_weights')
      .select(['part', 'weight'])
      .where((eb) => eb.or([eb('owner', 'is', null), eb('owner', '=', owner)]))
      .orderBy('owner', (ob) => ob.asc().nullsFirst()),
  );
}

/** Whether `owner` has weight rows of its own. */
export async function ownerHasWeights(s: Session, owner: string): Promise<boolean> {
  return (
    (await runFirst(
      s,
      qb
        .selectFrom('road_priority_weights')
        .select((eb) => eb.lit(1).as('one'))
        .where('owner', '=', owner)
        .limit(1),
    )) !== undefined
  );
}

/** Sets one part's weight for `owner` (null: the global default). */
export async function upsertWeight(
  s: Session,
  owner: string | null,
  part: string,
  weight: number,
  by: string,
): Promise<void> {
  await run(
    s,
    qb
      .insertInto('road_priority_weights')
      .values({ owner, part, weight, updated_by: by })
      .onConflict((oc) =>
        oc.columns(['owner', 'part']).doUpdateSet((eb) => ({
          weight: eb.ref('excluded.weight'),
          updated_by: eb.ref('excluded.updated_by'),
          updated_at: eb.fn('now'),
        })),
      ),
  );
}

export async function deleteAllWeights(s: Session): Promise<void> {
  await run(s, qb.deleteFrom('road_priority_weights'));
}
