/** Topic mix of complaints: ЦУР Orenburg's first-year figures, bent by season and, for COVID, by time. */
import { TOPICS, type Topic } from '../domain/vocab';
import { cumulative } from './rng';
import type { Subtopic } from './texts-complaints';
import type { PeriodMonth } from './timeline';

/**
 * Yearly complaint counts from the Orenburg social-network figures (shared/domain.md); education, energy, social and
 * other are small shares the press reports do not break out.
 */
export const TOPIC_WEIGHTS: Readonly<Record<Topic, number>> = {
  roads: 6847,
  housing: 4632,
  improvement: 4489,
  health: 2391,
  transport: 2097,
  waste: 1457,
  covid: 1162,
  education: 600,
  energy: 500,
  social: 450,
  other: 700,
};

// January first; each row is rescaled to a mean of 1 so seasons move complaints around the year, not the totals.
const SEASON: Partial<Record<Topic, readonly number[]>> = {
  roads: [1.15, 1.1, 1.35, 1.6, 1.4, 1.0, 0.8, 0.7, 0.75, 0.8, 0.9, 1.1],
  housing: [1.1, 1.0, 0.9, 0.8, 0.75, 0.8, 0.85, 0.8, 1.25, 1.6, 1.4, 1.15],
  improvement: [1.45, 1.35, 1.1, 1.0, 0.95, 0.9, 0.85, 0.85, 0.8, 0.8, 0.9, 1.3],
  health: [1.2, 1.15, 1.05, 0.95, 0.9, 0.85, 0.85, 0.85, 0.95, 1.05, 1.1, 1.1],
  transport: [0.95, 0.95, 0.95, 1.0, 1.1, 1.15, 1.15, 1.1, 1.0, 0.95, 0.9, 0.9],
  waste: [0.9, 0.85, 0.9, 1.0, 1.1, 1.2, 1.25, 1.2, 1.0, 0.9, 0.85, 0.95],
  covid: [1.1, 1.0, 0.9, 0.8, 0.8, 0.8, 0.9, 1.0, 1.2, 1.3, 1.2, 1.1],
  education: [1.0, 1.0, 1.0, 0.9, 0.9, 0.6, 0.6, 0.9, 1.5, 1.2, 1.1, 1.0],
  energy: [1.2, 1.1, 1.0, 0.9, 0.9, 1.0, 1.1, 1.0, 0.9, 0.9, 1.0, 1.2],
};

const seasonal = (topic: Topic, month: number): number => {
  const row = SEASON[topic];
  if (!row) return 1;
  const mean = row.reduce((a, b) => a + b, 0) / row.length;
  return (row[month] ?? mean) / mean;
};

/** COVID questions fade over the period (1.8× at its start to 0.2× at its end; mean 1). */
const covidTrend = (progress: number): number => 1.8 - 1.6 * progress;

/** Cumulative topic weights (in `TOPICS` order) for one month of the period. */
export function topicTable(month: PeriodMonth): Float64Array {
  return cumulative(
    TOPICS.map(
      (t) => TOPIC_WEIGHTS[t] * seasonal(t, month.calendarMonth) * (t === 'covid' ? covidTrend(month.progress) : 1),
    ),
  );
}

/** Per topic, per calendar month: cumulative weights over the sub-topics of `families` (complaints or thanks). */
export function subtopicTables(families: Record<Topic, readonly Subtopic[]>): Record<Topic, Float64Array[]> {
  const out = {} as Record<Topic, Float64Array[]>;
  for (const t of TOPICS) {
    out[t] = Array.from({ length: 12 }, (_, m) => cumulative(families[t].map((s) => s.months[m] ?? 0)));
  }
  return out;
}
