import { isTopic, type Topic } from '../../../domain/vocab';
import type { TopicClassifier } from '../classifier';
import { confusion, evaluate, macroF1Over, reliability, type Evaluation, type Scored } from '../evaluate';
import type { LabelledRow } from './sources';

/** The four topics the portal's taxonomy maps onto without doubt: the acceptance's macro-F1 is over these. */
export const CORE_TOPICS: readonly Topic[] = ['roads', 'housing', 'improvement', 'waste'];

export interface Measured {
  n: number;
  evaluation: Evaluation;
  /** Macro-F1 over CORE_TOPICS, on the rows whose true topic is one of them. */
  coreMacroF1: number;
  confusion: ReturnType<typeof confusion>;
  reliability: ReturnType<typeof reliability>;
}

/** Scores a classifier on labelled rows; rows labelled ambiguous or exclude are not scored. */
export function measure(cls: Pick<TopicClassifier, 'classify'>, rows: readonly LabelledRow[]): Measured {
  const scored: (Scored & { confidence: number })[] = [];
  for (const r of rows) {
    if (!isTopic(r.label)) continue;
    const c = cls.classify(r.text);
    scored.push({
      topic: r.label,
      predicted: c.topic,
      gratitude: !!r.gratitude,
      predictedGratitude: c.isGratitude,
      confidence: c.confidence,
    });
  }
  const core = scored.filter((s) => CORE_TOPICS.includes(s.topic));
  return {
    n: scored.length,
    evaluation: evaluate(scored),
    coreMacroF1: macroF1Over(evaluate(core), CORE_TOPICS),
    confusion: confusion(scored),
    reliability: reliability(scored.map((s) => ({ confidence: s.confidence, correct: s.topic === s.predicted }))),
  };
}
