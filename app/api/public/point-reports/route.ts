import { NextResponse } from 'next/server';
import { PmapError } from '@/lib/errors';
import { REPORT_COMMENT_MAX, REPORT_REASONS } from '@/lib/points/reports';
import { readJson, route } from '@/lib/serve/http';
import { parseBody, pointReportSchema } from '@/lib/serve/params';
import { limitReports } from '@/lib/serve/reportLimit';
import { insertPointReport } from '@/db/queries/pointReports';

export const dynamic = 'force-dynamic';

/** What the report form offers. */
export const GET = route('/api/public/point-reports', async () =>
  NextResponse.json(
    { reasons: REPORT_REASONS, comment_max: REPORT_COMMENT_MAX },
    { headers: { 'Cache-Control': 'public, max-age=3600' } },
  ),
);

/**
 * "Report a mistake" on a point. The body is small and validated; the answer repeats nothing of it, so a
 * comment with personal data in it never travels back.
 */
export const POST = route('/api/public/point-reports', async (req, { db }) => {
  await limitReports(req);
  if (!(await insertPointReport(db, parseBody(pointReportSchema, await readJson(req, 4 * 1024)))))
    throw PmapError.keyed('not_found', 'points.no_such_point');
  return NextResponse.json({ status: 'received' }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
});
