import { NextResponse } from 'next/server';
import { roadsGeojsonPage } from '@/db/queries/roadsGeojson';
import { route } from '@/lib/serve/http';
import { roadsGeojsonExtra } from '@/lib/serve/params';
import { roadsQuery } from '../_lib/query';

export const dynamic = 'force-dynamic';

/**
 * The viewer's segments as GeoJSON lines ({id, external_id, name, owner}), simplified to about 1 m, for scripts:
 * bounded — one page (`page`, `page_size` up to 5 000, by id), optionally within `bbox` (w,s,e,n) or only `ids`.
 * numberMatched / numberReturned (as in OGC API Features) say how many there are in all and in this page. The
 * /roads map draws the vector tiles /api/tiles/roads instead.
 */
export const GET = route('/api/roads/geojson', async (req, ctx) => {
  const { owner, rest } = roadsQuery(new URL(req.url), ctx, roadsGeojsonExtra);
  const p = rest as { page: number; page_size: number; bbox?: [number, number, number, number]; ids?: number[] };
  const r = await roadsGeojsonPage(
    ctx.db,
    { owner, ids: p.ids ?? null, bbox: p.bbox ?? null },
    { limit: p.page_size, offset: (p.page - 1) * p.page_size },
  );
  const fc = { ...r.fc, numberMatched: r.n, numberReturned: r.fc.features.length };
  return NextResponse.json(fc, { headers: { 'Content-Type': 'application/geo+json' } });
});
