import { jobIdOf, rejectsResponse } from '@/lib/ingest/jobs/http';
import { route } from '@/lib/serve/http';
import { withRussianReasons } from '@/lib/serve/rejectsCsv';

export const dynamic = 'force-dynamic';

export const GET = route('/api/admin/imports/[id]/rejects', async (req, { db }) =>
  withRussianReasons(await rejectsResponse(db, jobIdOf(req, 2))));
