import { NextResponse } from 'next/server';
import { mayReadContacts } from '@/lib/auth/policy';
import { route } from '@/lib/serve/http';
import { drillQuerySchema, parseQuery } from '@/lib/serve/params';
import { drillAppeals, drillRequest } from '@/lib/store/appealDrill';

export const dynamic = 'force-dynamic';

/** The appeals behind a clicked cell (h3, res 4..9), road segment or point, under the current filter; newest first. */
export const GET = route('/api/appeals/drill', async (req, { db, viewer }) => {
  const { filter, target, page, pageSize } = drillRequest(parseQuery(drillQuerySchema, new URL(req.url)));
  const r = await drillAppeals(db, filter, target, page, pageSize, mayReadContacts(viewer?.role ?? null));
  return NextResponse.json(r, { headers: { 'Cache-Control': 'private, no-store' } });
});
