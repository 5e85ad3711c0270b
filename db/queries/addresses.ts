import type { Session } from '../client';
import { qb, runFirst } from '../sql/builder';

/* Server-only. Reads of the address gazetteer. */

/** Whether a gazetteer is loaded (any address at all). */
export async function hasAddresses(s: Session): Promise<boolean> {
  const r = await runFirst(
    s,
    qb.selectNoFrom((eb) => eb.exists(eb.selectFrom('addresses').select(eb.lit(1).as('one'))).as('x')),
  );
  return Boolean(r?.x);
}
