import type { Database } from '../../db';
import { GRATITUDE_DEFAULT } from '../domain/filters';
import { cached } from './cache';
import { mapMeta } from './meta';
import { monthBounds } from './publicHexagons';
import { summary } from './summary';

/** One calendar month of problems (thanks left out), region-wide: counts only. */
export interface PublicMonth {
  /** YYYY-MM, with its first and last day. */
  period: string;
  from: string;
  to: string;
  total: number;
  /** Appeals of the month that have an answer (answered or closed). */
  answered: number;
  /** answered / total, or null for an empty month. */
  answeredShare: number | null;
  /** Topic codes by count, largest first; topics without appeals left out. */
  byTopic: { topic: string; count: number }[];
}

export interface PublicStats {
  /** The last day with appeals (UTC, YYYY-MM-DD), or null when there are none. */
  dataUntil: string | null;
  /** The month of the newest appeal, then the one before it; empty without data. */
  months: PublicMonth[];
}

const prevMonth = (period: string) => {
  const [y, m] = period.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/**
 * The front page's public figures: for the newest month with appeals and the month before it, the number of problems
 * (GRATITUDE_DEFAULT: thanks are not counted), by topic, and how many have an answer. Region-wide counts from the side
 * panel's own summary(): no text, author, contact or place. Whole calendar months, as the public hexagons take them.
 */
export function publicStats(db: Database, now = new Date()): Promise<PublicStats> {
  return cached(db, 'public-stats', async () => {
    const max = (await mapMeta(db)).dateRange.max;
    if (!max) return { dataUntil: null, months: [] };
    const latest = max.slice(0, 7);
    const months = await Promise.all(
      [latest, prevMonth(latest)].map(async (period): Promise<PublicMonth> => {
        const { from, to } = monthBounds(period);
        const s = await summary(db, { from, to, gratitude: GRATITUDE_DEFAULT }, { now });
        return {
          period,
          from,
          to,
          total: s.total,
          answered: s.response.answered,
          answeredShare: s.total ? s.response.answered / s.total : null,
          byTopic: s.byTopic.filter((t) => t.count > 0),
        };
      }),
    );
    return { dataUntil: max, months };
  });
}
