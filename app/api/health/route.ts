import { NextResponse } from 'next/server';
import { route } from '@/lib/serve/http';

export const dynamic = 'force-dynamic';

export const GET = route('/api/health', async (_req, { db }) => {
  const [v] = await db.query<{ v: string }>('SELECT postgis_lib_version() AS v');
  return NextResponse.json({ db: db.kind === 'embedded' ? 'embedded' : 'postgres', postgis: v.v });
});
