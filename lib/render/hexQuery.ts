import { TOPICS, type Topic } from '../domain/vocab';
import { bboxParam, type Bbox } from './bbox';

export type Gratitude = 'exclude' | 'include' | 'only';

export interface HexFilters {
  /** Selected topics; all of them (or none given) means no topic filter. */
  topics: readonly Topic[];
  /** Inclusive dates YYYY-MM-DD, or null for open ends. */
  from: string | null;
  to: string | null;
  gratitude: Gratitude;
}

export interface HexQuery extends HexFilters {
  res: number;
  bbox: Bbox;
}

/** Selected topics in vocabulary order, without duplicates; `null` when every topic is selected (no filter). */
export function topicFilter(topics: readonly Topic[]): Topic[] | null {
  const set = new Set(topics);
  const ordered = TOPICS.filter((t) => set.has(t));
  return ordered.length === TOPICS.length ? null : ordered;
}

/** Query string for `GET /api/appeals/hexagons`, with parameters in a stable order. */
export function hexagonSearchParams(q: HexQuery): string {
  const p = new URLSearchParams();
  p.set('res', String(q.res));
  p.set('bbox', bboxParam(q.bbox));
  const topics = topicFilter(q.topics);
  if (topics) p.set('topic', topics.join(','));
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  p.set('gratitude', q.gratitude);
  return p.toString();
}

/** A TanStack Query key built from the same inputs as the request. */
export function hexagonQueryKey(q: HexQuery) {
  return [
    'appeals-hexagons',
    { res: q.res, bbox: bboxParam(q.bbox), topics: topicFilter(q.topics), from: q.from, to: q.to, gratitude: q.gratitude },
  ] as const;
}
