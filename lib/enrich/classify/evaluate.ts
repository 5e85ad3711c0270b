import { TOPICS, type Topic } from '../../domain/vocab';

export interface Scored {
  topic: Topic;
  predicted: Topic;
  gratitude: boolean;
  predictedGratitude: boolean;
}

export interface TopicScore { topic: Topic; support: number; precision: number; recall: number; f1: number }

export interface Evaluation {
  perTopic: TopicScore[];
  /** Mean F1 over the topics that occur in the truth or the predictions. */
  macroF1: number;
  accuracy: number;
  gratitude: { precision: number; recall: number; support: number };
}

const ratio = (a: number, b: number) => (b ? a / b : 0);

/** Per-topic precision, recall and F1, macro-F1 and the gratitude flag's precision and recall. */
export function evaluate(rows: readonly Scored[]): Evaluation {
  const perTopic: TopicScore[] = [];
  for (const topic of TOPICS) {
    const tp = rows.filter((r) => r.topic === topic && r.predicted === topic).length;
    const fp = rows.filter((r) => r.topic !== topic && r.predicted === topic).length;
    const fn = rows.filter((r) => r.topic === topic && r.predicted !== topic).length;
    if (!tp && !fp && !fn) continue;
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    perTopic.push({ topic, support: tp + fn, precision, recall, f1: ratio(2 * precision * recall, precision + recall) });
  }
  const gtp = rows.filter((r) => r.gratitude && r.predictedGratitude).length;
  return {
    perTopic,
    macroF1: ratio(perTopic.reduce((a, t) => a + t.f1, 0), perTopic.length),
    accuracy: ratio(rows.filter((r) => r.topic === r.predicted).length, rows.length),
    gratitude: {
      precision: ratio(gtp, rows.filter((r) => r.predictedGratitude).length),
      recall: ratio(gtp, rows.filter((r) => r.gratitude).length),
      support: rows.filter((r) => r.gratitude).length,
    },
  };
}

/** The per-topic table as text, for test output and reports. */
export function formatEvaluation(e: Evaluation): string {
  const pct = (x: number) => x.toFixed(3);
  const lines = ['topic        support  precision  recall  F1'];
  for (const t of e.perTopic) lines.push(`${t.topic.padEnd(12)} ${String(t.support).padStart(7)}  ${pct(t.precision).padStart(9)}  ${pct(t.recall).padStart(6)}  ${pct(t.f1)}`);
  lines.push(`macro-F1 ${pct(e.macroF1)}, accuracy ${pct(e.accuracy)}; gratitude precision ${pct(e.gratitude.precision)}, recall ${pct(e.gratitude.recall)} (${e.gratitude.support} thanks)`);
  return lines.join('\n');
}
