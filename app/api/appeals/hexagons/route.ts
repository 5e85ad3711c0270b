import { NextResponse } from 'next/server';
import { cached } from '@/lib/aggregate/cache';
import { hexagonCounts } from '@/lib/aggregate/hexagons';
import { route } from '@/lib/serve/http';
import { hexagonQuerySchema, parseQuery } from '@/lib/serve/params';

export const dynamic = 'force-dynamic';

/** Appeal counts per H3 cell for the map: ?res=4..9&bbox=w,s,e,n&topic=…&from=…&to=…&gratitude=exclude|include|only */
export const GET = route('/api/appeals/hexagons', async (req, { db }) => {
  const q = parseQuery(hexagonQuerySchema, new URL(req.url));
  return NextResponse.json(await cached(db, `hex:${JSON.stringify(q)}`, () => hexagonCounts(db, q)), {
    headers: { 'Cache-Control': 'private, max-age=30' },
  });
});
