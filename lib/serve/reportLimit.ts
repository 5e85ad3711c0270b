import 'server-only';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { PmapError } from '../errors';
import { clientKey } from './rateLimit';

// Reports land in a staff inbox: far fewer than page views, so a tighter limit than other public calls.
const reportLimiter = new RateLimiterMemory({ keyPrefix: 'point-report', points: 10, duration: 600 });

export async function limitReports(req: Request): Promise<void> {
  try {
    await reportLimiter.consume(clientKey(req));
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      throw new PmapError('rate_limited', `too many reports; retry in ${Math.ceil(e.msBeforeNext / 1000)} s`);
    }
    throw e;
  }
}
