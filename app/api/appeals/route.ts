import { NextResponse } from 'next/server';
import { z } from 'zod';
import { mayReadContacts } from '@/lib/auth/policy';
import { appealFilterSchema } from '@/lib/domain/filters';
import { parseQuery, route } from '@/lib/serve/http';
import { listAppeals } from '@/lib/store/appealList';

export const dynamic = 'force-dynamic';

const schema = appealFilterSchema.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

/** Staff list of appeals with text; the raw author contact, and contacts inside the text, only for admins. */
export const GET = route('/api/appeals', async (req, { db, viewer }) => {
  const { page, page_size, ...filter } = parseQuery(schema, new URL(req.url));
  const r = await listAppeals(db, filter, page, page_size, mayReadContacts(viewer?.role ?? null));
  return NextResponse.json(r, { headers: { 'Cache-Control': 'private, no-store' } });
});
