import { NextResponse } from 'next/server';
import { cached } from '@/lib/aggregate/cache';
import { geocodeOne } from '@/lib/enrich/geocode';
import { route } from '@/lib/serve/http';
import { geocodeQuerySchema, parseQuery } from '@/lib/serve/params';

export const dynamic = 'force-dynamic';

/** An address → a point, from the offline gazetteer, for the public "find near an address" search. */
export const GET = route('/api/public/geocode', async (req, { db }) => {
  const { q } = parseQuery(geocodeQuerySchema, new URL(req.url));
  const hit = q ? await cached(db, `geocode:${q.toLowerCase()}`, () => geocodeOne(db, q)) : null;
  const result = hit ? { lat: hit.lat, lon: hit.lon, confidence: hit.confidence, matched: hit.matched } : null;
  return NextResponse.json({ query: q, result }, { headers: { 'Cache-Control': 'public, max-age=3600' } });
});
