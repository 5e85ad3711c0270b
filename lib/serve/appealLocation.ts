import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { appealAddressSchema, appealLocationSchema, appealPointSchema, parseBody, pathIdAt } from './params';
import { PmapError } from '../errors';
import { setAppealLocation } from '../store/appealLocation';
import { readJson, type RouteContext } from './http';

/**
 * POST /api/appeals/{id}/location (app/api/appeals/[id]/location/route.ts wraps it in route()): a person places an
 * appeal by hand, `{"lat": 51.77, "lon": 55.1}` (level 'point') or `{"address": "…"}` geocoded to its house (level
 * 'house'; found to its street only is refused). Cell, municipality, road and problem follow; the change is
 * audit-logged. Answers the appeal's place as it now is (lib/store/appealLocation.ts). Here, not in the route file,
 * so the integration test runs it through the same route() wrapper without the app's path aliases.
 */
export async function appealLocationHandler(req: Request, { db, viewer }: RouteContext): Promise<Response> {
  if (!viewer) throw PmapError.keyed('unauthenticated', 'auth.sign_in_first');
  // /api/appeals/{id}/location: the id is the segment before "location".
  const id = pathIdAt(req, 2);
  const raw = await readJson(req);
  const body = parseBody<z.infer<typeof appealPointSchema> | z.infer<typeof appealAddressSchema>>(
    appealLocationSchema(raw),
    raw,
  );
  const state = await setAppealLocation(db, id, body, { email: viewer.email, role: viewer.role });
  return NextResponse.json(state, { headers: { 'Cache-Control': 'private, no-store' } });
}
