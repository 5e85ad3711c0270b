import { NextResponse } from 'next/server';
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
  const b = p.bbox ?? null;
  const where = `($1::text IS NULL OR owner = $1) AND ($2::int[] IS NULL OR id = ANY($2::int[]))
    AND ($3::float8 IS NULL OR geom && ST_MakeEnvelope($3, $4, $5, $6, 4326))`;
  const params = [owner, p.ids ?? null, b?.[0] ?? null, b?.[1] ?? null, b?.[2] ?? null, b?.[3] ?? null];
  const [r] = await ctx.db.query<{ fc: { features: unknown[] } & Record<string, unknown>; n: number }>(
    `SELECT (SELECT count(*)::int FROM road_segments WHERE ${where}) AS n,
       json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
       'type', 'Feature', 'id', id,
       'properties', json_build_object('id', id, 'external_id', external_id, 'name', name, 'owner', owner),
       'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.00001), 6)::json) ORDER BY id), '[]'::json)) AS fc
     FROM (SELECT * FROM road_segments WHERE ${where} ORDER BY id LIMIT $7 OFFSET $8) s`,
    [...params, p.page_size, (p.page - 1) * p.page_size]);
  const fc = { ...r.fc, numberMatched: r.n, numberReturned: r.fc.features.length };
  return NextResponse.json(fc, { headers: { 'Content-Type': 'application/geo+json' } });
});
