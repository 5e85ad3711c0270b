import 'server-only';
import { env } from '../config/env';
import { PmapError } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin a browser page of ours posts from: PMAP_BASE_URL's, or else the request's own Host. */
function ownOrigins(req: Request): string[] {
  const base = env().PMAP_BASE_URL;
  if (base) return [new URL(base).origin];
  const host = req.headers.get('host');
  return host ? [`http://${host}`, `https://${host}`] : [];
}

/**
 * Cross-site request forgery, for every state-changing request (lib/serve/http.ts route() and better-auth's routes).
 * A request that carries a session cookie must come with the Origin of our own pages — exactly, port included: a page
 * on another port of the same host is another origin. Requests with no cookie (API keys, anonymous API clients)
 * cannot ride on a user's session; if a browser sent them, their Origin must still be ours.
 */
export function checkOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get('origin');
  const hasCookie = /(?:^|;\s*)(?:__Secure-)?better-auth\./.test(req.headers.get('cookie') ?? '');
  if (!origin) {
    const site = req.headers.get('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none')
      throw PmapError.keyed('forbidden', 'request.cross_site', { site: site.slice(0, 40) });
    if (hasCookie && site !== 'same-origin') throw PmapError.keyed('forbidden', 'request.no_origin');
    return;
  }
  if (!ownOrigins(req).includes(origin))
    throw PmapError.keyed('forbidden', 'request.cross_origin', { origin: origin.slice(0, 100) });
}

/** Routes that read JSON take only `application/json`: a form (text/plain, urlencoded, multipart) is refused. */
export function requireJson(req: Request): void {
  const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    throw type
      ? PmapError.keyed('unsupported_media_type', 'request.json_only', { type: type.slice(0, 100) })
      : PmapError.keyed('unsupported_media_type', 'request.json_no_type');
  }
}
