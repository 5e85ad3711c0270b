import { createHash } from 'node:crypto';
import { TOPICS, type Topic } from '../../domain/vocab';
import { isGratitude } from './gratitude';
import { RuleMatcher } from './matcher';
import { LinearScorer, type LinearModel } from './linear';
import { isTopicGroup, ruleEntries, rulesHash, type Rules } from './rules';
import { normalise, words } from './text';

export interface Classification {
  topic: Topic;
  /** Posterior of the chosen topic, at most MAX_CONFIDENCE: 1 is reserved for topics the source gave. */
  confidence: number;
  isGratitude: boolean;
  /**
   * The three most probable topics with their probabilities (same scale as confidence), best first:
   * top[0].topic === topic, top[0].p === confidence. Operators are shown these when confidence is low. A text with no
   * evidence at all has just [{ topic: 'other', p: 0 }].
   */
  top: { topic: Topic; p: number }[];
}

export interface TopicClassifier {
  /** Changes whenever the rules or the model change; stored with what it classified. */
  readonly version: string;
  readonly rules: Rules;
  /** linearModelHash() of the model, or null for rules only. */
  readonly modelHash: string | null;
  classify(text: string | null | undefined): Classification;
  /** Only the thank-you decision (rules, no model): for rows whose source already gave the topic. */
  gratitude(text: string | null | undefined): boolean;
}

/**
 * How much each kind of rule evidence adds to a topic's score (the model's scores are log-odds, so these are nats).
 * The rule file is the operators' override: an entry they add moves texts that contain it towards its topic whatever
 * the model says. The weights are chosen on the development part of the real data by scripts/train-classifier.ts
 * and stored in the model file.
 */
export interface EvidenceWeights {
  /** One exact rule match. */
  rule: number;
  /** A rule match with one typo: weaker, the typo may be a different word. */
  fuzzy: number;
  /**
   * Multiplier of both for the topics the model saw few real texts of (health, education…: the portal has none, so
   * the model knows them from the demo templates and a few sentences only); there the rules are the better witness.
   */
  rare?: number;
  /** The topics `rare` applies to. */
  rareTopics?: Topic[];
}
export const DEFAULT_WEIGHTS: EvidenceWeights = { rule: 3, fuzzy: 1.5 };
/**
 * Added to "other" when no topic rule matches (score units, before the temperature): a plain question or remark
 * («Подскажите, куда обращаться?») otherwise lands on the portal's commonest topics, the model having seen almost
 * nothing else; only texts the model is unsure of move. Part of the score, so the probabilities stay a softmax and
 * the top 3 stay ordered.
 */
export const PLAIN_OTHER = 3.5;
export const MAX_CONFIDENCE = 0.99;
/** Part of every version: bump it when classify() changes meaning, so `pmap enrich` re-classifies everything. */
export const ALGORITHM = 'linear-rules-2';

const OTHER = TOPICS.indexOf('other');
const round2 = (x: number) => Math.round(x * 100) / 100;

export interface ShippedModel {
  model: LinearModel;
  hash: string;
  weights: EvidenceWeights;
}

/**
 * Rules and the linear model as one score per topic: model log-odds + rule evidence, then softmax at the model's
 * calibrated temperature. The rules are additive features, so editing them changes the score only of texts that
 * contain an edited entry: that is what lets `pmap enrich` re-classify only those.
 */
export function makeClassifier(
  rules: Rules,
  shipped: ShippedModel | null,
  override?: EvidenceWeights,
): TopicClassifier {
  const w = override ?? shipped?.weights ?? DEFAULT_WEIGHTS;
  const scale = TOPICS.map((t) => (w.rareTopics?.includes(t) ? (w.rare ?? 1) : 1));
  const matcher = new RuleMatcher(ruleEntries(rules));
  const scorer = shipped ? new LinearScorer(shipped.model) : null;
  const temperature = shipped?.model.temperature ?? 1;
  const modelHash = shipped?.hash ?? null;
  const version = createHash('sha1')
    .update(`${ALGORITHM}:${rulesHash(rules)}:${modelHash ?? 'rules-only'}:${JSON.stringify(w)}`)
    .digest('hex')
    .slice(0, 16);
  const classify = (text: string | null | undefined): Classification => {
    const raw = text ?? '';
    const norm = normalise(raw.length > 2000 ? raw.slice(0, 2000) : raw);
    const ws = norm ? norm.split(' ') : [];
    const hits = matcher.match(ws);
    const gratitude = isGratitude(raw, hits);
    const scores = new Array<number>(TOPICS.length).fill(0);
    let evidence = 0;
    let ruleHits = 0;
    for (const h of hits) {
      if (!isTopicGroup(h.entry.group)) continue;
      const t = TOPICS.indexOf(h.entry.group);
      scores[t] += scale[t] * (h.fuzzy ? w.fuzzy : w.rule);
      evidence++;
      ruleHits++;
    }
    if (scorer && ws.length) evidence += scorer.scoreNormalised(norm, scores);
    if (!ruleHits) scores[OTHER] += PLAIN_OTHER;
    if (!evidence) return { topic: 'other', confidence: 0, isGratitude: gratitude, top: [{ topic: 'other', p: 0 }] };
    let max = -Infinity;
    for (const x of scores) max = Math.max(max, x);
    const p = scores.map((x) => Math.exp((x - max) / temperature));
    const z = p.reduce((a, x) => a + x, 0);
    const order = p.map((x, t) => t).sort((a, b) => p[b] - p[a] || a - b);
    const top = order.slice(0, 3).map((t) => ({ topic: TOPICS[t], p: round2(Math.min(MAX_CONFIDENCE, p[t] / z)) }));
    return { topic: TOPICS[order[0]], confidence: top[0].p, isGratitude: gratitude, top };
  };
  const gratitude = (text: string | null | undefined): boolean => {
    const raw = text ?? '';
    return isGratitude(raw, matcher.match(words(raw)));
  };
  return { version, rules, modelHash, classify, gratitude };
}
