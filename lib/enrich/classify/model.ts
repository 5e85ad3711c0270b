import { createHash } from 'node:crypto';
import { TOPICS, type Topic } from '../../domain/vocab';
import { contentStems, words } from './text';

/*
 * Naive Bayes over stems, hand-written: the JS libraries that exist (natural, bayes) keep per-token counts in their own
 * formats, know nothing of our rule features, and would add a dependency for forty lines. NB rather than logistic
 * regression because the labelled corpus is dominated by a few hundred demo templates: NB trains in one pass over
 * counts, needs no tuning loop, and degrades gracefully where LR would overfit the templates' exact wording.
 *
 * Features are binary (a stem counts once per text) and per-class rates are document frequencies, so long texts
 * and big classes do not dominate. A stem's weight for a topic is its log rate there relative to its overall rate,
 * clipped: bounded evidence that adds up with the rule features in classifier.ts.
 */

export interface NbModel {
  kind: 'nb-v1';
  /** Topics in TOPICS order; arrays below follow it. */
  topics: readonly Topic[];
  /** Centred log prior, flattened (square root): the demo mix should not decide rare topics. */
  prior: number[];
  /** Stem → clipped log ratio of its rate in each topic to its overall rate. Only stems seen in `minDf` texts. */
  weights: Record<string, number[]>;
  examples: number;
}

export interface LabelledText {
  text: string;
  topic: Topic;
  /** The address as the source gave it: its words (street and town names) are left out of training. */
  address?: string | null;
}

export interface TrainOptions {
  minDf?: number;
  /** Laplace smoothing of per-topic document frequencies. */
  alpha?: number;
  /** Largest evidence one stem may carry, in nats. */
  clip?: number;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function trainNb(examples: Iterable<LabelledText>, o: TrainOptions = {}): NbModel {
  const minDf = o.minDf ?? 3;
  const alpha = o.alpha ?? 1;
  const clip = o.clip ?? 3;
  const k = TOPICS.length;
  const docs = new Array<number>(k).fill(0);
  const df = new Map<string, number[]>();
  // Labelled corpora repeat themselves (generator templates, bots, copy-paste campaigns): each distinct bag of stems
  // counts once per topic, or a template used 10 000 times would teach its filler words as topic words.
  const seen = TOPICS.map(() => new Set<string>());
  let n = 0;
  for (const ex of examples) {
    const t = TOPICS.indexOf(ex.topic);
    if (t < 0 || !ex.text) continue;
    n++;
    const skip = new Set(ex.address ? words(ex.address) : []);
    const stems = [...new Set(contentStems(words(ex.text).filter((w) => !skip.has(w)).join(' ')))].sort();
    const key = stems.join(' ');
    if (!stems.length || seen[t].has(key)) continue;
    seen[t].add(key);
    docs[t]++;
    for (const s of stems) {
      let row = df.get(s);
      if (!row) df.set(s, (row = new Array<number>(k).fill(0)));
      row[t]++;
    }
  }
  const total = docs.reduce((a, b) => a + b, 0);
  const weights: Record<string, number[]> = {};
  for (const s of [...df.keys()].sort()) {
    const row = df.get(s)!;
    const all = row.reduce((a, b) => a + b, 0);
    if (all < minDf) continue;
    // Evidence = how much more often the stem appears in a topic's texts than in all texts; topics without
    // examples get no opinion (0) rather than a strong "never".
    const overall = Math.log((all + alpha) / (total + 2 * alpha));
    weights[s] = row.map((c, t) => (docs[t] ? round(Math.max(-clip, Math.min(clip, Math.log((c + alpha) / (docs[t] + 2 * alpha)) - overall))) : 0));
  }
  const logPrior = docs.map((d) => 0.5 * Math.log((d + 1) / (total + k)));
  const pm = logPrior.reduce((a, b) => a + b, 0) / k;
  return { kind: 'nb-v1', topics: [...TOPICS], prior: logPrior.map((x) => round(x - pm)), weights, examples: n };
}

/** Per-topic evidence of a text's stems, and how many stems the model knew. */
export function nbEvidence(m: NbModel, stems: readonly string[]): { scores: number[]; known: number } {
  const scores = new Array<number>(m.topics.length).fill(0);
  let known = 0;
  for (const s of new Set(stems)) {
    const w = m.weights[s];
    if (!w) continue;
    known++;
    for (let t = 0; t < scores.length; t++) scores[t] += w[t];
  }
  return { scores, known };
}

/** JSON with object keys sorted: a model read back from jsonb (which reorders keys) hashes the same. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(x);
}

export function modelHash(m: NbModel): string {
  return createHash('sha1').update(canonical(m)).digest('hex').slice(0, 16);
}
