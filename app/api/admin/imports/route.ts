import { issueError } from '@/lib/i18n/zodIssue';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { IMPORT_KINDS } from '@/lib/ingest/jobs/profiles';
import { progressOf, startImport, withGrouping } from '@/lib/ingest/jobs/runner';
import { readJson, route } from '@/lib/serve/http';
import { listJobs } from '@/lib/store/importJobs';

export const dynamic = 'force-dynamic';

export const GET = route('/api/admin/imports', async (_req, { db }) => {
  const jobs = await listJobs(db);
  return NextResponse.json({ jobs: await withGrouping(db, jobs.map((j) => ({ ...j, progress: progressOf(j) }))) });
});

const body = z.strictObject({
  upload: z.string().max(100),
  kind: z.enum(IMPORT_KINDS),
  mapping: z.record(z.string(), z.unknown()).nullable().default(null),
});

export const POST = route('/api/admin/imports', async (req, { db, viewer }) => {
  const parsed = body.safeParse(await readJson(req, 256 * 1024));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw issueError(i, `${String(i.path[0] ?? 'body')}: ${i.message}`, 'body');
  }
  const id = await startImport(db, { ...parsed.data, userEmail: viewer!.email });
  return NextResponse.json({ id }, { status: 202 });
});
