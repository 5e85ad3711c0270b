import { NextResponse } from 'next/server';
import { jobIdOf, jobWithProgress } from '@/lib/ingest/jobs/http';
import { route } from '@/lib/serve/http';

export const dynamic = 'force-dynamic';

export const GET = route('/api/admin/imports/[id]', async (req, { db }) => NextResponse.json(await jobWithProgress(db, jobIdOf(req, 1))));
