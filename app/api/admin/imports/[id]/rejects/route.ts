import { rejectsResponse } from '@/lib/ingest/jobs/http';
import { route } from '@/lib/serve/http';
import { pathIdAt } from '@/lib/serve/params';
import { withRussianReasons } from '@/lib/serve/rejectsCsv';

export const dynamic = 'force-dynamic';

export const GET = route('/api/admin/imports/[id]/rejects', async (req, { db }) =>
  withRussianReasons(await rejectsResponse(db, pathIdAt(req, 2))),
);
