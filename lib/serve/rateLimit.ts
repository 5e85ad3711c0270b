import 'server-only';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { PmapError } from '../errors';
import { CLIENT_IP_HEADER } from './clientAddress';

// One process serves the app (the embedded database allows no other), so an in-memory limiter is exact.
const publicLimiter = new RateLimiterMemory({ keyPrefix: 'public', points: 300, duration: 60 });

/**
 * The address server.ts decided for this request (socket peer, or through trusted proxies only). Client-supplied
 * forwarding headers are never read here. Without server.ts (`next dev`) every client shares one bucket.
 */
export function clientKey(req: Request): string {
  return req.headers.get(CLIENT_IP_HEADER) || 'direct';
}

/** 300 requests a minute per client on anonymous routes; beyond that a 429 with Retry-After. */
export async function limitPublic(req: Request): Promise<void> {
  try {
    await publicLimiter.consume(clientKey(req));
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      throw PmapError.keyed('rate_limited', 'rate.retry_in', { seconds: Math.ceil(e.msBeforeNext / 1000) });
    }
    throw e;
  }
}
