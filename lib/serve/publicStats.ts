import 'server-only';
import type { Database } from '../../db';
import { publicStats, type PublicStats } from '../aggregate/publicStats';
import { publicPointList } from './publicPoints';

export interface PublicStatsBody extends PublicStats {
  /** Vaccination points on the public map, and of them open at `asOf` (each in its own time zone). */
  points: { total: number; openNow: number };
  asOf: string;
}

/** What the front page shows and /api/public/stats answers: the same figures, counts only. */
export async function publicStatsBody(db: Database, now = new Date()): Promise<PublicStatsBody> {
  const [stats, all, open] = await Promise.all([
    publicStats(db, now),
    publicPointList(db, {}, now),
    publicPointList(db, { openNow: true }, now),
  ]);
  return { ...stats, points: { total: all.total, openNow: open.total }, asOf: now.toISOString() };
}
