import { NextResponse } from 'next/server';
import { mayReadContacts } from '@/lib/auth/policy';
import { PmapError } from '@/lib/errors';
import { rankSegments } from '@/lib/roads/score';
import { route } from '@/lib/serve/http';
import { INT4_MAX, pathIdAt } from '@/lib/serve/params';
import { segmentDetail, segmentOwner } from '@/lib/store/roadsDetail';
import { segmentStats, statsWindow } from '@/lib/store/roadsStats';
import { readWeights } from '@/lib/store/roadsWeights';
import { roadsQuery } from '../../_lib/query';

export const dynamic = 'force-dynamic';

/** One segment: its statistics and score parts, its road appeals (with text, never the author; contacts in it for admins only) and plan history. */
export const GET = route('/api/roads/segments/[id]', async (req, ctx) => {
  const url = new URL(req.url);
  const id = pathIdAt(req, 1, 'id', INT4_MAX);
  const { owner, filter } = roadsQuery(url, ctx);
  const segOwner = await segmentOwner(ctx.db, id);
  // Another owner's segment does not exist for a road agency.
  if (owner && segOwner !== owner) throw PmapError.keyed('not_found', 'roads.no_segment', { id });
  const win = await statsWindow(ctx.db, filter);
  const [stats] = await segmentStats(ctx.db, { owner, filter, segmentId: id }, win);
  // Scored as in the list it was opened from: the owner's weights, or the default in the list of every owner.
  const [scored] = rankSegments([stats], await readWeights(ctx.db, owner), {
    facilities: win.facilities,
    asOf: win.asOf,
  });
  // The appeals of the statistics' period, so the detail counts the complaints the table counts.
  const detail = await segmentDetail(
    ctx.db,
    id,
    { ...filter, from: win.from, to: win.asOf },
    mayReadContacts(ctx.viewer?.role ?? null),
  );
  return NextResponse.json({ segment: { ...scored, rank: null }, asOf: win.asOf, from: win.from, ...detail });
});
