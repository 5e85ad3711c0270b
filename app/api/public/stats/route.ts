import { NextResponse } from 'next/server';
import { route } from '@/lib/serve/http';
import { noQuerySchema, parseQuery } from '@/lib/serve/params';
import { publicStatsBody } from '@/lib/serve/publicStats';

export const dynamic = 'force-dynamic';

/**
 * The front page's public figures: problems of the newest month with appeals and the month before (by topic, how
 * many answered) and vaccination points open now. Region-wide counts only: no text, author, contact or place.
 */
export const GET = route('/api/public/stats', async (req, { db }) => {
  parseQuery(noQuerySchema, new URL(req.url));
  // "Open now" changes by the minute.
  return NextResponse.json(await publicStatsBody(db), { headers: { 'Cache-Control': 'public, max-age=60' } });
});
