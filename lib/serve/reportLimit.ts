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
      throw PmapError.keyed('rate_limited', 'points.reports_retry_in', { seconds: Math.ceil(e.msBeforeNext / 1000) });
    }
    throw e;
  }
}
