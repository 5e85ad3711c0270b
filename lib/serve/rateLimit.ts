import 'server-only';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { PmapError } from '../errors';

// One process serves the app (the embedded database allows no other), so an in-memory limiter is exact.
const publicLimiter = new RateLimiterMemory({ keyPrefix: 'public', points: 300, duration: 60 });

export function clientKey(req: Request): string {
  return req.headers.get('x-forwarded-for')?.split(',')[0].trim() || req.headers.get('x-real-ip') || 'direct';
}

/** 300 requests a minute per client on anonymous routes; beyond that a 429 with Retry-After. */
export async function limitPublic(req: Request): Promise<void> {
  try {
    await publicLimiter.consume(clientKey(req));
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      throw new PmapError('rate_limited', `too many requests; retry in ${Math.ceil(e.msBeforeNext / 1000)} s`);
    }
    throw e;
  }
}
