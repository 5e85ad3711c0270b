import { NextResponse } from 'next/server';
import { jobWithProgress } from '@/lib/ingest/jobs/http';
import { withGrouping } from '@/lib/ingest/jobs/runner';
import { route } from '@/lib/serve/http';
import { pathIdAt } from '@/lib/serve/params';

export const dynamic = 'force-dynamic';

/** One job and its progress; a finished big appeal import also says how many of its appeals await grouping. */
export const GET = route('/api/admin/imports/[id]', async (req, { db }) => {
  const [job] = await withGrouping(db, [await jobWithProgress(db, pathIdAt(req, 1))]);
  return NextResponse.json(job);
});
