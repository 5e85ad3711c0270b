import 'server-only';
import { NextResponse } from 'next/server';
import { appealFilterSchema, parseQuery, pathSegments } from '../params';
import { PmapError } from '../../errors';
import { getTile, getTileJson, parseTileCoord, tileLayerOf, type TileLayer } from '../../aggregate/tiles';
import type { RouteContext } from '../http';

/**
 * Which segment owner a viewer's road tiles are limited to (null: all). Road agencies see the roads layer only,
 * and only their own segments; one without an owner sees none.
 */
function ownerScope(layer: TileLayer, ctx: RouteContext): string | null {
  if (ctx.viewer?.role !== 'road_agency') return null;
  if (layer !== 'roads') throw PmapError.keyed('forbidden', 'tiles.roads_only');
  return ctx.viewer.owner ?? '';
}

/** The path segments after /api/tiles/ (the route wrapper passes no params). */
const segments = (req: Request) => pathSegments(new URL(req.url), 2);

export async function tileJsonResponse(req: Request, ctx: RouteContext): Promise<Response> {
  const [seg] = segments(req);
  if (!seg.endsWith('.json')) throw PmapError.keyed('not_found', 'tiles.expected_json', { seg: seg.slice(0, 100) });
  const layer = tileLayerOf(seg);
  const owner = ownerScope(layer, ctx);
  const filter = parseQuery(appealFilterSchema, new URL(req.url));
  return NextResponse.json(await getTileJson(ctx.db, layer, filter, owner), {
    headers: { 'Cache-Control': 'private, max-age=60' },
  });
}

export async function tileResponse(req: Request, ctx: RouteContext): Promise<Response> {
  const [seg, z, x, y] = segments(req);
  const layer = tileLayerOf(seg);
  const owner = ownerScope(layer, ctx);
  const coord = parseTileCoord(z, x, y);
  const filter = parseQuery(appealFilterSchema, new URL(req.url));
  const { tile, hit } = await getTile(ctx.db, layer, filter, owner, coord);
  // An empty tile is a 200 with no body (MapLibre draws nothing), not a 404.
  return new Response(new Uint8Array(tile), {
    headers: {
      'Content-Type': 'application/vnd.mapbox-vector-tile',
      'Cache-Control': 'private, max-age=60',
      'X-Tile-Cache': hit ? 'hit' : 'miss',
    },
  });
}
