import 'server-only';
import { hasDemoRoads } from '../../db/queries/basemap';
import { basemapTile, BASEMAP_MAX_ZOOM } from '../aggregate/basemap/tiles';
import { basemapStyle } from '../aggregate/basemap/style';
import { pmtilesInfo, pmtilesTile } from '../aggregate/basemap/pmtiles';
import { cachedTile, dataVersion } from '../aggregate/cache';
import { parseTileCoord } from '../aggregate/tiles';
import { basemapStyleQuerySchema, parseQuery, pathSegments } from './params';
import { env } from '../config/env';
import type { RouteContext } from './http';

/**
 * Where the browser reaches us (MapLibre wants absolute URLs): PMAP_BASE_URL, else the Host the browser asked for
 * (Next's req.url names the host it listens on, and `localhost` is another origin than `127.0.0.1` to CSP).
 */
function originOf(req: Request): string {
  const base = env().PMAP_BASE_URL;
  if (base) return new URL(base).origin;
  const u = new URL(req.url);
  return `${u.protocol}//${req.headers.get('host') ?? u.host}`;
}

/** Whether the tables hold the demo's data: its attribution is then «Демо-данные». */
function isDemo(ctx: RouteContext): Promise<boolean> {
  return hasDemoRoads(ctx.db);
}

/**
 * GET /api/basemap/style.json?variant=muted|clear: the basemap style, its tiles from our tables (keyed by the data
 * version, so a change of roads or boundaries gives new URLs) or from PMAP_BASEMAP_PMTILES, glyphs from /glyphs.
 */
export async function basemapStyleResponse(req: Request, ctx: RouteContext): Promise<Response> {
  const { variant } = parseQuery(basemapStyleQuerySchema, new URL(req.url));
  const origin = originOf(req);
  const e = env();
  const glyphs = `${origin}/glyphs/{fontstack}/{range}.pbf`;
  let style;
  if (e.PMAP_BASEMAP_PMTILES) {
    const info = await pmtilesInfo(e.PMAP_BASEMAP_PMTILES);
    style = basemapStyle({
      variant,
      glyphs,
      tiles: `${origin}/api/basemap/tiles/{z}/{x}/{y}.pbf?src=pmtiles`,
      minzoom: info.minzoom,
      maxzoom: info.maxzoom,
      bounds: info.bounds,
      attribution: e.PMAP_BASEMAP_ATTRIBUTION ?? info.attribution,
    });
  } else {
    const v = encodeURIComponent(await dataVersion(ctx.db));
    style = basemapStyle({
      variant,
      glyphs,
      tiles: `${origin}/api/basemap/tiles/{z}/{x}/{y}.pbf?v=${v}`,
      minzoom: 0,
      maxzoom: BASEMAP_MAX_ZOOM,
      attribution: e.PMAP_BASEMAP_ATTRIBUTION ?? ((await isDemo(ctx)) ? 'Демо-данные' : null),
    });
  }
  return Response.json(style, { headers: { 'Cache-Control': 'public, max-age=60' } });
}

/** GET /api/basemap/tiles/{z}/{x}/{y}.pbf: public, so it carries roads, boundaries, places and houses, never appeals. */
export async function basemapTileResponse(req: Request, ctx: RouteContext): Promise<Response> {
  const [z, x, y] = pathSegments(new URL(req.url), 3);
  const file = env().PMAP_BASEMAP_PMTILES;
  const coord = parseTileCoord(z, x, y, file ? 22 : BASEMAP_MAX_ZOOM);
  const { tile, hit } = file
    ? { tile: await pmtilesTile(file, coord), hit: false }
    : await cachedTile(ctx.db, `basemap:${coord.z}/${coord.x}/${coord.y}`, () => basemapTile(ctx.db, coord));
  return new Response(new Uint8Array(tile), {
    headers: {
      'Content-Type': 'application/vnd.mapbox-vector-tile',
      // The style's tile URLs carry the data version: a given URL's bytes change only with the data behind it.
      'Cache-Control': 'public, max-age=3600',
      'X-Tile-Cache': hit ? 'hit' : 'miss',
    },
  });
}
