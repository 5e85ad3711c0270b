import rules from './topic-rules.json';
import { TOPICS, type Topic } from '../domain/vocab';

export interface Classification {
  topic: Topic;
  confidence: number;
  isGratitude: boolean;
}

const normalise = (text: string) => ` ${text.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
const topicStems = Object.entries(rules.topics) as [Topic, string[]][];

/**
 * Keyword rules from topic-rules.json: each stem that starts a word votes for its topic.
 * Confidence is the winner's share of the votes, damped when there are few. The statistical model of the
 * enrichment issue replaces this; the rule file stays as its editable seed.
 */
export function classifyText(text: string | null | undefined): Classification {
  const t = normalise(text ?? '');
  const isGratitude = rules.gratitude.some((s) => t.includes(` ${s}`));
  const votes = new Map<Topic, number>();
  for (const [topic, stems] of topicStems) {
    let n = 0;
    for (const s of stems) if (t.includes(` ${s}`)) n++;
    if (n) votes.set(topic, n);
  }
  if (!votes.size) return { topic: 'other', confidence: 0, isGratitude };
  const total = [...votes.values()].reduce((a, b) => a + b, 0);
  const [topic, best] = [...votes.entries()].sort((a, b) => b[1] - a[1] || TOPICS.indexOf(a[0]) - TOPICS.indexOf(b[0]))[0];
  return { topic, confidence: Math.round((best / total) * (best / (best + 1)) * 100) / 100, isGratitude };
}
