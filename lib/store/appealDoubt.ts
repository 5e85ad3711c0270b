import type { Session } from '../../db';
import { env } from '../config/env';
import { loadClassifier } from '../enrich/classify/store';
import { isInDoubt, withDoubt, type TopicDoubt, type TopicOrigin } from '../enrich/topicDoubt';

/** The doubt threshold the lists, the API and the pages share (PMAP_TOPIC_DOUBT_BELOW). */
export const doubtBelow = (): number => env().PMAP_TOPIC_DOUBT_BELOW;

/**
 * Adds the doubt flag to a page of appeals, and to those in doubt their top topics from the active classifier run
 * on the text now (a few milliseconds a page; nothing is stored). The classifier is loaded only when a row needs it.
 */
export async function addDoubt<R extends TopicOrigin & { text: string | null }>(
  s: Session,
  rows: readonly R[],
  below = doubtBelow(),
): Promise<(R & TopicDoubt)[]> {
  if (!rows.some((r) => isInDoubt(r, below))) return withDoubt(rows, below, () => []);
  const cls = await loadClassifier(s);
  return withDoubt(rows, below, (text) => cls.classify(text).top);
}
