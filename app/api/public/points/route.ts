import { NextResponse } from 'next/server';
import { PmapError } from '@/lib/errors';
import { filterOfQuery } from '@/lib/points/query';
import { route } from '@/lib/serve/http';
import { parseQuery, publicPointsQuerySchema } from '@/lib/serve/params';
import { publicPointList } from '@/lib/serve/publicPoints';
import { publicPointDetails } from '@/db/queries/publicPoints';

export const dynamic = 'force-dynamic';

/**
 * Public vaccination points: the compact list (lib/points/compact.ts) with optional filters, or with `id` one
 * point's details including its own phone and website. Public fields only; cacheable by browsers and proxies.
 */
export const GET = route('/api/public/points', async (req, { db }) => {
  const q = parseQuery(publicPointsQuerySchema, new URL(req.url));
  if (q.id !== undefined) {
    const point = await publicPointDetails(db, q.id);
    if (!point) throw PmapError.keyed('not_found', 'points.no_point', { id: q.id });
    return NextResponse.json({ point }, { headers: { 'Cache-Control': 'public, max-age=300' } });
  }
  const body = await publicPointList(db, filterOfQuery(q), new Date());
  // "Open now" changes by the minute; the rest only with an import.
  const maxAge = q.open_now ? 60 : 300;
  return NextResponse.json(body, {
    headers: { 'Cache-Control': `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 2}` },
  });
});
