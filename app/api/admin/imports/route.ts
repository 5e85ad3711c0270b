import { NextResponse } from 'next/server';
import { progressOf, startImport, withGrouping } from '@/lib/ingest/jobs/runner';
import { readJson, route } from '@/lib/serve/http';
import { importBodySchema, parseBody } from '@/lib/serve/params';
import { listJobs } from '@/lib/store/importJobs';

export const dynamic = 'force-dynamic';

export const GET = route('/api/admin/imports', async (_req, { db }) => {
  const jobs = await listJobs(db);
  return NextResponse.json({
    jobs: await withGrouping(
      db,
      jobs.map((j) => ({ ...j, progress: progressOf(j) })),
    ),
  });
});

export const POST = route('/api/admin/imports', async (req, { db, viewer }) => {
  const body = parseBody(importBodySchema, await readJson(req, 256 * 1024));
  const id = await startImport(db, { ...body, userEmail: viewer!.email });
  return NextResponse.json({ id }, { status: 202 });
});
