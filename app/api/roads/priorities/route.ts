import { NextResponse } from 'next/server';
import { scoreBands } from '@/lib/roads/bands';
import { LIST_TABS, pageOf, PLAN_FILTERS, SORT_KEYS } from '@/lib/roads/page';
import { rankSegments, rankShift } from '@/lib/roads/score';
import type { Weights } from '@/lib/roads/types';
import { priorityReport } from '@/lib/store/roadsReport';
import { route } from '@/lib/serve/http';
import { roadsPrioritiesExtra } from '@/lib/serve/params';
import { roadsQuery } from '../_lib/query';

export const dynamic = 'force-dynamic';

/**
 * One page of the priority list of the viewer's segments (a road agency: its owner's only), filtered and sorted on
 * the server: each segment's statistics, parts, points, score, rank and (with `weights`) its rank shift under the
 * previewed weights; the total that passes the filters, the sizes of the three exception lists, the road classes,
 * the stored weights and the window. `scores=1` adds the score of every segment in the list and the colour bands.
 */
export const GET = route('/api/roads/priorities', async (req, ctx) => {
  const { owner, filter, rest } = roadsQuery(new URL(req.url), ctx, roadsPrioritiesExtra);
  const p = rest as {
    page: number;
    page_size: number;
    sort: (typeof SORT_KEYS)[number];
    dir?: 'asc' | 'desc';
    q?: string;
    plan?: (typeof PLAN_FILTERS)[number];
    road_class?: string;
    list: (typeof LIST_TABS)[number];
    weights?: Weights;
    scores?: '0' | '1';
  };
  const r = await priorityReport(ctx.db, { owner, filter });
  const preview = p.weights ? rankSegments(r.ranked, p.weights, { facilities: r.facilities, asOf: r.asOf }) : r.ranked;
  const shift = p.weights ? rankShift(r.ranked, preview) : new Map<number, number>();
  const lists = { a: r.lists.hotUnplanned, b: r.lists.plannedQuiet, c: r.lists.warrantyClaims };
  const only = p.list === 'all' ? null : new Set(lists[p.list].map((s) => s.id));
  const dir = p.dir ?? (p.sort === 'rank' || p.sort === 'name' ? 'asc' : 'desc');
  const page = pageOf(preview, {
    only,
    q: p.q,
    plan: p.plan,
    roadClass: p.road_class,
    sort: p.sort,
    dir,
    page: p.page,
    pageSize: p.page_size,
  });
  return NextResponse.json({
    asOf: r.asOf,
    from: r.from,
    owner: r.owner,
    facilities: r.facilities,
    weights: r.weights,
    hotPerKm: r.lists.hotPerKm,
    counts: { all: r.ranked.length, a: lists.a.length, b: lists.b.length, c: lists.c.length },
    classes: [...new Set(r.ranked.map((s) => s.roadClass ?? ''))].filter(Boolean).sort(),
    moved: [...shift.values()].filter((x) => x !== 0).length,
    total: page.total,
    page: p.page,
    pageSize: p.page_size,
    sort: p.sort,
    dir,
    segments: page.rows.map((s) => ({ ...s, shift: shift.get(s.id) ?? 0 })),
    ...(p.scores === '1'
      ? {
          scores: Object.fromEntries(preview.map((s) => [s.id, s.score])),
          bands: scoreBands(preview.map((s) => s.score)),
        }
      : {}),
  });
});
