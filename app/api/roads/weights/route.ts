import { NextResponse } from 'next/server';
import { PmapError } from '@/lib/errors';
import { DEFAULT_WEIGHTS } from '@/lib/roads/score';
import { ownerScope, weightsTarget } from '@/lib/roads/scope';
import { readJson, route } from '@/lib/serve/http';
import { parseBody, parseQuery, roadsWeightsBodySchema, roadsWeightsQuerySchema } from '@/lib/serve/params';
import type { Session } from '@/db';
import { hasOwnWeights, readWeights, saveWeights } from '@/lib/store/roadsWeights';

export const dynamic = 'force-dynamic';

/**
 * One owner's weights (owner null: the global default), and what "back to the default" means for them: the global
 * default for an owner, the built-in weights for the default itself. `own`: the owner has saved weights of its own.
 */
async function weightsOf(db: Session, o: string | null) {
  return {
    owner: o,
    weights: await readWeights(db, o),
    defaults: o ? await readWeights(db, null) : DEFAULT_WEIGHTS,
    own: o ? await hasOwnWeights(db, o) : false,
  };
}

/** The weights a viewer's list is scored with: a road agency's owner's; staff those of `?owner=` or the default. */
export const GET = route('/api/roads/weights', async (req, { db, viewer }) => {
  if (!viewer) throw PmapError.keyed('unauthenticated', 'auth.sign_in_first');
  const q = parseQuery(roadsWeightsQuerySchema, new URL(req.url));
  return NextResponse.json(await weightsOf(db, ownerScope(viewer, q.owner)));
});

/**
 * Saves weights: a road agency its own owner's, an admin the global default or (with `owner`) one owner's;
 * analysts only read them (lib/roads/scope.ts weightsTarget).
 */
export const POST = route('/api/roads/weights', async (req, { db, viewer }) => {
  if (!viewer) throw PmapError.keyed('unauthenticated', 'auth.sign_in_first');
  const { owner: requested, ...w } = parseBody(roadsWeightsBodySchema, await readJson(req));
  const target = weightsTarget(viewer, requested);
  await db.transaction((s) => saveWeights(s, w, viewer.email, target));
  return NextResponse.json(await weightsOf(db, target));
});
