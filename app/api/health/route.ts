import { NextResponse } from 'next/server';
import { postgisVersion } from '@/db/queries/health';
import { route } from '@/lib/serve/http';

export const dynamic = 'force-dynamic';

export const GET = route('/api/health', async (_req, { db }) => {
  const postgis = await postgisVersion(db);
  return NextResponse.json({ db: db.kind === 'embedded' ? 'embedded' : 'postgres', postgis });
});
