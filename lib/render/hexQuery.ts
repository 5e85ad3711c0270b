import type { AppealFilter } from '../domain/filters';
import { CHANNELS, STATUSES, TOPICS, type Channel, type Status, type Topic } from '../domain/vocab';
import { appealFilterParams } from './appealFilterQuery';
import { bboxParam, type Bbox } from './bbox';

export type Gratitude = 'exclude' | 'include' | 'only';

export interface HexFilters {
  /** Selected topics; all of them (or none given) means no topic filter. */
  topics: readonly Topic[];
  /** Inclusive dates YYYY-MM-DD, or null for open ends. */
  from: string | null;
  to: string | null;
  gratitude: Gratitude;
  /** Selected channels and statuses; null (or absent) means every one. */
  channels?: readonly Channel[] | null;
  statuses?: readonly Status[] | null;
  /** A boundary code. */
  municipality?: string | null;
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

function vocabFilter<T extends string>(values: readonly T[] | null | undefined, vocab: readonly T[]): T[] | null {
  if (!values) return null;
  const ordered = vocab.filter((v) => values.includes(v));
  return ordered.length === vocab.length ? null : ordered;
}

/** Appends the shared appeal filters (lib/domain/filters.ts) in the one stable order of appealFilterParams. */
export function appendFilterParams(p: URLSearchParams, f: HexFilters): URLSearchParams {
  for (const [k, v] of appealFilterParams(toAppealFilter(f))) p.set(k, v);
  return p;
}

/** The shared filters alone as a query string, for the summary, hotspot, tile, drill-down and export APIs. */
export const filterSearchParams = (f: HexFilters): string => appendFilterParams(new URLSearchParams(), f).toString();

/** The same filters as the object the drill-down and export components take. */
export function toAppealFilter(f: HexFilters): AppealFilter {
  const out: AppealFilter = { gratitude: f.gratitude };
  const topics = topicFilter(f.topics);
  if (topics) out.topic = topics;
  const channels = vocabFilter(f.channels, CHANNELS);
  if (channels) out.channel = channels;
  const statuses = vocabFilter(f.statuses, STATUSES);
  if (statuses) out.status = statuses;
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  if (f.municipality) out.municipality = f.municipality;
  return out;
}

/** Query string for `GET /api/appeals/hexagons`, with parameters in a stable order. */
export function hexagonSearchParams(q: HexQuery): string {
  const p = new URLSearchParams();
  p.set('res', String(q.res));
  p.set('bbox', bboxParam(q.bbox));
  return appendFilterParams(p, q).toString();
}

/** A TanStack Query key built from the same inputs as the request. */
export function hexagonQueryKey(q: HexQuery) {
  return ['appeals-hexagons', { res: q.res, bbox: bboxParam(q.bbox), filter: filterSearchParams(q) }] as const;
}
