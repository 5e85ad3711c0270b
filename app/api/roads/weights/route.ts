import { NextResponse } from 'next/server';
import { z } from 'zod';
import { PmapError } from '@/lib/errors';
import { DEFAULT_WEIGHTS } from '@/lib/roads/score';
import { readJson, route } from '@/lib/serve/http';
import { readWeights, saveWeights } from '@/lib/store/roadsWeights';

export const dynamic = 'force-dynamic';

const weight = z.number().min(0).max(100);
const body = z.strictObject({ per_km: weight, citizens: weight, trend: weight, condition: weight, road_class: weight, facilities: weight });

/** The score's stored weights and the defaults. */
export const GET = route('/api/roads/weights', async (_req, { db }) => NextResponse.json({ weights: await readWeights(db), defaults: DEFAULT_WEIGHTS }));

/** Saves new weights: admins and road agencies only (analysts read them). */
export const POST = route('/api/roads/weights', async (req, { db, viewer }) => {
  if (!viewer || (viewer.role !== 'admin' && viewer.role !== 'road_agency')) throw new PmapError('forbidden', 'only admins and road agencies change the weights');
  const r = body.safeParse(await readJson(req));
  if (!r.success) {
    const i = r.error.issues[0];
    throw new PmapError('bad_argument', `${i.path.join('.') || 'body'}: ${i.message}`);
  }
  await db.transaction((s) => saveWeights(s, r.data, viewer.email));
  return NextResponse.json({ weights: await readWeights(db), defaults: DEFAULT_WEIGHTS });
});
