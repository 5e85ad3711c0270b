import 'server-only';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { env } from '../config/env';
import { PmapError } from '../errors';
import { CLIENT_IP_HEADER } from './clientAddress';

/**
 * Two buckets per client for anonymous requests: the API's (PMAP_RATE_PUBLIC_PER_MIN, default 300 a minute) and the
 * basemap's (style and vector tiles, PMAP_RATE_BASEMAP_PER_MIN, default 3000): a map view loads dozens of tiles, and
 * panning the public map must not spend the API's allowance. Glyphs are static files (public/glyphs) outside both.
 * One process serves the app (the embedded database allows no other), so in-memory limiters are exact.
 */
let limiters: { api: RateLimiterMemory; basemap: RateLimiterMemory; perMin: [number, number] } | null = null;

function limiter(bucket: 'api' | 'basemap'): RateLimiterMemory {
  const e = env();
  const perMin: [number, number] = [e.PMAP_RATE_PUBLIC_PER_MIN, e.PMAP_RATE_BASEMAP_PER_MIN];
  if (!limiters || limiters.perMin.join() !== perMin.join()) {
    limiters = {
      api: new RateLimiterMemory({ keyPrefix: 'public', points: perMin[0], duration: 60 }),
      basemap: new RateLimiterMemory({ keyPrefix: 'basemap', points: perMin[1], duration: 60 }),
      perMin,
    };
  }
  return limiters[bucket];
}

/** The bucket a route pattern counts against: the basemap's routes have their own. */
export function rateBucket(pattern: string): 'api' | 'basemap' {
  return pattern.startsWith('/api/basemap/') ? 'basemap' : 'api';
}

/**
 * The address server.ts decided for this request (socket peer, or through trusted proxies only). Client-supplied
 * forwarding headers are never read here. Without server.ts (`next dev`) every client shares one bucket.
 */
export function clientKey(req: Request): string {
  return req.headers.get(CLIENT_IP_HEADER) || 'direct';
}

/** Counts an anonymous request against its route's bucket; beyond the limit a 429 with Retry-After. */
export async function limitPublic(req: Request, pattern = ''): Promise<void> {
  try {
    await limiter(rateBucket(pattern)).consume(clientKey(req));
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      throw PmapError.keyed('rate_limited', 'rate.retry_in', { seconds: Math.ceil(e.msBeforeNext / 1000) });
    }
    throw e;
  }
}
