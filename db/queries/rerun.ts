import { sql } from 'kysely';
import type { Session } from '../client';
import { qb, run, runFirst, runSql } from '../sql/builder';

/*
 * Server-only. What `pmap enrich` (lib/enrich/rerun) remembers between runs: each step's fingerprint
 * (enrichment_state) and what it saw of the gazetteer and of its spatial inputs (enrichment_inputs).
 */

/** Fingerprint of the inputs a step last ran with, or undefined before its first run. */
export async function readEnrichmentState(s: Session, step: string): Promise<string | undefined> {
  return (await runFirst(s, qb.selectFrom('enrichment_state').select('fingerprint').where('step', '=', step)))
    ?.fingerprint;
}

export async function writeEnrichmentState(
  s: Session,
  step: string,
  fingerprint: string,
  detail: string,
): Promise<void> {
  await run(
    s,
    qb
      .insertInto('enrichment_state')
      .values({ step, fingerprint, detail, updated_at: sql`now()` })
      .onConflict((oc) =>
        oc.column('step').doUpdateSet((eb) => ({
          fingerprint: eb.ref('excluded.fingerprint'),
          detail: eb.ref('excluded.detail'),
          updated_at: sql`now()`,
        })),
      ),
  );
}

/** Count and md5 of everything recorded for a step's inputs. */
export async function enrichmentInputsDigest(
  s: Session,
  step: string,
): Promise<{ n: number; h: string | null } | undefined> {
  const [r] = await runSql(
    s,
    sql<{
      n: number;
      h: string | null;
    }>`SELECT count(*) AS n, md5(string_agg(hash, ',' ORDER BY item_id)) AS h FROM enrichment_inputs WHERE step = ${step}`,
  );
  return r;
}

/** What the gazetteer holds, in a few numbers: addresses, the last id, the last update, streets. */
export async function gazetteerDigest(s: Session) {
  const [g] = await runSql(
    s,
    sql<{
      n: number;
      max_id: number | null;
      last: string | null;
      streets: number;
    }>`SELECT count(*) AS n, max(id) AS max_id, max(updated_at)::text AS last, (SELECT count(*) FROM address_streets) AS streets
     FROM addresses`,
  );
  return g;
}
