import { NextResponse } from 'next/server';
import { priorityReport } from '@/lib/store/roadsReport';
import { route } from '@/lib/serve/http';
import { roadsQuery } from '../_lib/query';

export const dynamic = 'force-dynamic';

/**
 * The priority list of the viewer's segments (a road agency: its owner's only): each segment's statistics, parts,
 * points, score and rank, the three exception lists as ids, the weights and the window. The statistics are there so
 * the page can preview other weights without asking again.
 */
export const GET = route('/api/roads/priorities', async (req, ctx) => {
  const { owner, filter } = roadsQuery(new URL(req.url), ctx);
  const r = await priorityReport(ctx.db, { owner, filter });
  return NextResponse.json({
    asOf: r.asOf,
    from: r.from,
    owner: r.owner,
    facilities: r.facilities,
    weights: r.weights,
    segments: r.ranked,
    hotPerKm: r.lists.hotPerKm,
    lists: { a: r.lists.hotUnplanned.map((s) => s.id), b: r.lists.plannedQuiet.map((s) => s.id), c: r.lists.warrantyClaims.map((s) => s.id) },
  });
});
