import { issueError } from '@/lib/i18n/zodIssue';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { PmapError } from '@/lib/errors';
import { OWNERS } from '@/lib/ingest/roads/mapping';
import { DEFAULT_WEIGHTS } from '@/lib/roads/score';
import { ownerScope, weightsTarget } from '@/lib/roads/scope';
import { readJson, route } from '@/lib/serve/http';
import { parseQuery, roadsWeightsQuerySchema } from '@/lib/serve/params';
import type { Session } from '@/db';
import { hasOwnWeights, readWeights, saveWeights } from '@/lib/store/roadsWeights';

export const dynamic = 'force-dynamic';

const weight = z.number().min(0).max(100);
const owner = z.enum(OWNERS).optional();
const body = z.strictObject({ per_km: weight, citizens: weight, trend: weight, condition: weight, road_class: weight, facilities: weight, owner });

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
  const r = body.safeParse(await readJson(req));
  if (!r.success) {
    const i = r.error.issues[0];
    throw issueError(i, `${i.path.join('.') || 'body'}: ${i.message}`, 'body');
  }
  const { owner: requested, ...w } = r.data;
  const target = weightsTarget(viewer, requested);
  await db.transaction((s) => saveWeights(s, w, viewer.email, target));
  return NextResponse.json(await weightsOf(db, target));
});
