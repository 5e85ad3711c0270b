import { DAY_MS } from '../domain/days';
/** How much to trust a point's details: verified N days ago, or "call to confirm" once that is too long ago. */
export type Freshness = { kind: 'fresh'; days: number } | { kind: 'stale'; days: number | null };

/**
 * `verifiedAt` is a date ('YYYY-MM-DD') or an ISO instant. Days count whole calendar days in UTC; a date in the
 * future counts as today. Stale when older than `staleDays`, or never verified.
 */
export function freshness(verifiedAt: string | null, now: Date, staleDays: number): Freshness {
  if (!verifiedAt) return { kind: 'stale', days: null };
  const t = Date.parse(verifiedAt.length === 10 ? `${verifiedAt}T00:00:00Z` : verifiedAt);
  if (Number.isNaN(t)) return { kind: 'stale', days: null };
  const today = Math.floor(now.getTime() / DAY_MS);
  const days = Math.max(0, today - Math.floor(t / DAY_MS));
  return days > staleDays ? { kind: 'stale', days } : { kind: 'fresh', days };
}
