import { NextResponse } from 'next/server';
import { route } from '@/lib/serve/http';
import { roadsQuery } from '../_lib/query';

export const dynamic = 'force-dynamic';

/** The viewer's segments as GeoJSON lines ({id, external_id, name}), simplified to about 1 m, for the /roads map. */
export const GET = route('/api/roads/geojson', async (req, ctx) => {
  const { owner } = roadsQuery(new URL(req.url), ctx);
  const [r] = await ctx.db.query<{ fc: unknown }>(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
       'type', 'Feature', 'id', id,
       'properties', json_build_object('id', id, 'external_id', external_id, 'name', name, 'owner', owner),
       'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.00001), 6)::json) ORDER BY id), '[]'::json)) AS fc
     FROM road_segments WHERE ($1::text IS NULL OR owner = $1)`, [owner]);
  return NextResponse.json(r.fc, { headers: { 'Content-Type': 'application/geo+json' } });
});
