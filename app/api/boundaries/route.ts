import { z } from 'zod';
import { boundariesGeoJson } from '@/lib/aggregate/boundaries';
import { cached } from '@/lib/aggregate/cache';
import { parseQuery, route } from '@/lib/serve/http';

export const dynamic = 'force-dynamic';

const schema = z.strictObject({ level: z.enum(['region', 'municipality']).default('municipality') });

export const GET = route('/api/boundaries', async (req, { db }) => {
  const { level } = parseQuery(schema, new URL(req.url));
  return new Response(await cached(db, `bnd:${level}`, () => boundariesGeoJson(db, level)), {
    headers: { 'Content-Type': 'application/geo+json', 'Cache-Control': 'private, max-age=300' },
  });
});
