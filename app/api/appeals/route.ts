import { NextResponse } from 'next/server';
import { mayReadContacts } from '@/lib/auth/policy';
import { route } from '@/lib/serve/http';
import { appealListQuerySchema, parseQuery } from '@/lib/serve/params';
import { listAppeals } from '@/lib/store/appealList';

export const dynamic = 'force-dynamic';

/** Staff list of appeals with text and, for topics in doubt, the top 3 to choose from; the raw author contact, and contacts inside the text, only for admins. */
export const GET = route('/api/appeals', async (req, { db, viewer }) => {
  const { page, page_size, doubt, ...filter } = parseQuery(appealListQuerySchema, new URL(req.url));
  const r = await listAppeals(db, filter, page, page_size, mayReadContacts(viewer?.role ?? null), {
    doubtOnly: doubt === 'only',
  });
  return NextResponse.json(r, { headers: { 'Cache-Control': 'private, no-store' } });
});
