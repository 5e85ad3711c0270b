import { NextResponse } from 'next/server';
import { cached } from '@/lib/aggregate/cache';
import { hotspots } from '@/lib/aggregate/hotspots/load';
import { route } from '@/lib/serve/http';
import { hotspotQuerySchema, parseQuery } from '@/lib/serve/params';

export const dynamic = 'force-dynamic';

/** Emerging hotspots per H3 cell for the shared filters: ?res=5..9 (default 7)&topic=…&from=…&to=… */
export const GET = route('/api/hotspots', async (req, { db }) => {
  const q = parseQuery(hotspotQuerySchema, new URL(req.url));
  const body = await cached(db, `hotspots:${JSON.stringify(q)}`, () => hotspots(db, q));
  return NextResponse.json(body, { headers: { 'Cache-Control': 'private, max-age=30' } });
});
