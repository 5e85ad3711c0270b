import { NextResponse } from 'next/server';
import { z } from 'zod';
import { mayReadContacts } from '@/lib/auth/policy';
import { appealFilterSchema } from '@/lib/domain/filters';
import { pagingSchema } from '@/lib/domain/params';
import { parseQuery, route } from '@/lib/serve/http';
import { listAppeals } from '@/lib/store/appealList';

export const dynamic = 'force-dynamic';

const schema = appealFilterSchema.extend({
  ...pagingSchema(50, 200),
  /** only: just the appeals whose topic is in doubt. */
  doubt: z.enum(['only']).optional(),
});

/** Staff list of appeals with text and, for topics in doubt, the top 3 to choose from; the raw author contact, and contacts inside the text, only for admins. */
export const GET = route('/api/appeals', async (req, { db, viewer }) => {
  const { page, page_size, doubt, ...filter } = parseQuery(schema, new URL(req.url));
  const r = await listAppeals(db, filter, page, page_size, mayReadContacts(viewer?.role ?? null), { doubtOnly: doubt === 'only' });
  return NextResponse.json(r, { headers: { 'Cache-Control': 'private, no-store' } });
});
