import { isTopic, type Topic } from '../domain/vocab';

/** One of the most probable topics of a text, p in 0..1. */
export interface TopicChoice {
  topic: Topic;
  p: number;
}

/** How sure the stored topic is: chosen by a person, given by the source (confidence 1), or the machine's guess. */
export interface TopicOrigin {
  topicManual: boolean;
  topicConfidence: number | null;
}

/** What the lists add to an appeal: whether its topic is in doubt, and then the topics to offer, best first. */
export interface TopicDoubt {
  doubt: boolean;
  top: TopicChoice[] | null;
}

export const TOP_CHOICES = 3;

/**
 * Whether a person should look at the topic: only the machine's own guesses (not manual, confidence below 1, which
 * is what the source gave) under `below`. A missing confidence counts as 0, as re-classification treats it.
 */
export function isInDoubt(a: TopicOrigin, below: number): boolean {
  if (a.topicManual) return false;
  const c = a.topicConfidence ?? 0;
  return c < 1 && c < below;
}

/**
 * The classifier's ranking as choices to show: known topics only, each once (its highest p), p clamped to 0..1,
 * best first, at most `n`.
 */
export function topChoices(top: readonly { topic: string; p: number }[], n = TOP_CHOICES): TopicChoice[] {
  const best = new Map<Topic, number>();
  for (const c of top) {
    if (!isTopic(c.topic) || !Number.isFinite(c.p)) continue;
    const p = Math.min(1, Math.max(0, c.p));
    if (p > (best.get(c.topic) ?? -1)) best.set(c.topic, p);
  }
  return [...best]
    .map(([topic, p]) => ({ topic, p }))
    .sort((a, b) => b.p - a.p)
    .slice(0, n);
}

/**
 * Adds the doubt flag to each row, and the top choices to the rows in doubt; `rank` (the active classifier, run on
 * the text at read time) is called only for those. Pure: the caller supplies the classifier.
 */
export function withDoubt<R extends TopicOrigin & { text: string | null }>(
  rows: readonly R[],
  below: number,
  rank: (text: string | null) => readonly { topic: string; p: number }[],
): (R & TopicDoubt)[] {
  return rows.map((r) => {
    const doubt = isInDoubt(r, below);
    return { ...r, doubt, top: doubt ? topChoices(rank(r.text)) : null };
  });
}

/** A probability as the buttons show it: "48 %" (Russian puts a space before the sign). */
export function percentText(p: number): string {
  return `${Math.round(Math.min(1, Math.max(0, p)) * 100)} %`;
}
