import { NextResponse } from 'next/server';
import { cached } from '@/lib/aggregate/cache';
import { publicHexagons } from '@/lib/aggregate/publicHexagons';
import { route } from '@/lib/serve/http';
import { parseQuery, publicHexagonQuerySchema } from '@/lib/serve/params';

export const dynamic = 'force-dynamic';

/** Anonymous aggregate: problems per coarse H3 cell, only where at least 5 distinct citizens wrote. */
export const GET = route('/api/public/hexagons', async (req, { db }) => {
  const q = parseQuery(publicHexagonQuerySchema, new URL(req.url));
  return NextResponse.json(await cached(db, `pub:${JSON.stringify(q)}`, () => publicHexagons(db, q)), {
    headers: { 'Cache-Control': 'public, max-age=300' },
  });
});
