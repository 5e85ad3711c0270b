import { boundariesGeoJson } from '@/lib/aggregate/boundaries';
import { cached } from '@/lib/aggregate/cache';
import { route } from '@/lib/serve/http';
import { boundariesQuerySchema, parseQuery } from '@/lib/serve/params';

export const dynamic = 'force-dynamic';

export const GET = route('/api/boundaries', async (req, { db }) => {
  const { level } = parseQuery(boundariesQuerySchema, new URL(req.url));
  return new Response(await cached(db, `bnd:${level}`, () => boundariesGeoJson(db, level)), {
    headers: { 'Content-Type': 'application/geo+json', 'Cache-Control': 'private, max-age=300' },
  });
});
