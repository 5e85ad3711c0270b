import { NextResponse } from 'next/server';
import { mapMeta } from '@/lib/aggregate/meta';
import { route } from '@/lib/serve/http';

export const dynamic = 'force-dynamic';

export const GET = route('/api/meta', async (_req, { db }) => NextResponse.json(await mapMeta(db)));
