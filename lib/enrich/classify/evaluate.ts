import { TOPICS, type Topic } from '../../domain/vocab';

export interface Scored {
  topic: Topic;
  predicted: Topic;
  gratitude: boolean;
  predictedGratitude: boolean;
}

export interface TopicScore {
  topic: Topic;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

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
    perTopic.push({
      topic,
      support: tp + fn,
      precision,
      recall,
      f1: ratio(2 * precision * recall, precision + recall),
    });
  }
  const gtp = rows.filter((r) => r.gratitude && r.predictedGratitude).length;
  return {
    perTopic,
    macroF1: ratio(
      perTopic.reduce((a, t) => a + t.f1, 0),
      perTopic.length,
    ),
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
  for (const t of e.perTopic)
    lines.push(
      `${t.topic.padEnd(12)} ${String(t.support).padStart(7)}  ${pct(t.precision).padStart(9)}  ${pct(t.recall).padStart(6)}  ${pct(t.f1)}`,
    );
  lines.push(
    `macro-F1 ${pct(e.macroF1)}, accuracy ${pct(e.accuracy)}; gratitude precision ${pct(e.gratitude.precision)}, recall ${pct(e.gratitude.recall)} (${e.gratitude.support} thanks)`,
  );
  return lines.join('\n');
}

/** Mean F1 over the given topics (all of them, present or not): the "macro-F1 over roads, housing, …". */
export function macroF1Over(e: Evaluation, topics: readonly Topic[]): number {
  return ratio(
    topics.reduce((a, t) => a + (e.perTopic.find((x) => x.topic === t)?.f1 ?? 0), 0),
    topics.length,
  );
}

/** Rows: true topic; columns: predicted; only topics that occur in either. */
export function confusion(rows: readonly Pick<Scored, 'topic' | 'predicted'>[]): {
  topics: Topic[];
  counts: number[][];
} {
  const topics = TOPICS.filter((t) => rows.some((r) => r.topic === t || r.predicted === t));
  const counts = topics.map((t) => topics.map((p) => rows.filter((r) => r.topic === t && r.predicted === p).length));
  return { topics, counts };
}

export function formatConfusion(c: ReturnType<typeof confusion>): string {
  const w = 7;
  const head = `${'true \\ predicted'.padEnd(16)}${c.topics.map((t) => t.slice(0, w - 1).padStart(w)).join('')}`;
  return [
    head,
    ...c.topics.map((t, i) => `${t.padEnd(16)}${c.counts[i].map((n) => String(n).padStart(w)).join('')}`),
  ].join('\n');
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  confidence: number;
  accuracy: number;
}

/** Reliability table: predictions binned by confidence, with the mean confidence and the share right in each bin. */
export function reliability(
  rows: readonly { confidence: number; correct: boolean }[],
  edges = [0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001],
): { bins: ReliabilityBin[]; ece: number } {
  const bins: ReliabilityBin[] = [];
  let ece = 0;
  for (let i = 0; i + 1 < edges.length; i++) {
    const inBin = rows.filter((r) => r.confidence >= edges[i] && r.confidence < edges[i + 1]);
    const confidence = ratio(
      inBin.reduce((a, r) => a + r.confidence, 0),
      inBin.length,
    );
    const accuracy = ratio(inBin.filter((r) => r.correct).length, inBin.length);
    bins.push({ from: edges[i], to: Math.min(1, edges[i + 1]), count: inBin.length, confidence, accuracy });
    ece += (inBin.length / (rows.length || 1)) * Math.abs(confidence - accuracy);
  }
  return { bins, ece };
}

export function formatReliability(r: ReturnType<typeof reliability>): string {
  const lines = ['confidence    texts  mean conf  share right'];
  for (const b of r.bins)
    lines.push(
      `${b.from.toFixed(2)}–${b.to.toFixed(2)}  ${String(b.count).padStart(7)}  ${b.confidence.toFixed(3).padStart(9)}  ${b.accuracy.toFixed(3).padStart(11)}`,
    );
  lines.push(`expected calibration error ${r.ece.toFixed(3)}`);
  return lines.join('\n');
}
