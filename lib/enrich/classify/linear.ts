import { createHash } from 'node:crypto';
import { TOPICS, type Topic } from '../../domain/vocab';
import { PmapError } from '../../errors';
import {
  featureScratch,
  hashString,
  KNOWN_SEED,
  normalisedFeatures,
  textFeatures,
  type FeatureScratch,
} from './features';
import { normalise, stem as stemOf } from './text';

/*
 * A linear topic model over hashed features (features.ts): one weight per bucket and topic, a bias per topic.
 * Trained offline (scripts/train-classifier.ts) either as multinomial logistic regression or as naive Bayes written in
 * the same linear form, so both are scored, stored and compared the same way.
 *
 * Hand-written rather than a library: the npm packages that fit a classifier (ml-logistic-regression and the like)
 * work on dense matrices, which 2^18 hashed features × 11 topics × 10 000 texts cannot be; fastText builds (wasm)
 * ship no trainer we can run offline here and their models are hundreds of megabytes. Plain SGD on sparse binary
 * features is forty lines and trains in seconds.
 */

export interface LinearModel {
  kind: 'linear-v1';
  algorithm: 'logreg' | 'nb';
  bits: number;
  topics: readonly Topic[];
  /** weights[bucket * topics.length + t]. */
  weights: Float32Array;
  /**
   * The same weights as stored (int8, times scale[t]) when read from a file: scoring reads these, a quarter of the
   * memory, so the random look-ups of hashed features stay in the processor's cache (twice the throughput).
   */
  quantised?: { q: Int8Array; scale: Float32Array };
  bias: Float32Array;
  /** Character n-grams as well as stems (false: stems only, for comparison). */
  chars: boolean;
  /** Scale texts' feature vectors to unit length (logistic regression) or not (naive Bayes counts each feature fully). */
  normalise: boolean;
  /** Calibration: probabilities are softmax(score / temperature); fitted on a development part the model never saw. */
  temperature: number;
  /** One bit per hashed stem seen in training: a text none of whose stems the model knows has no model evidence. */
  known: Uint8Array;
  /** What it was trained on and how, for the record (shown by `pmap enrich` and the bench). */
  meta: Record<string, unknown>;
}

export interface Example {
  text: string;
  topic: Topic;
  /** Relative weight in training (demo texts count less than real ones). */
  weight?: number;
}

/** Per-topic scores of a text: bias + Σ weights, before calibration. */
export class LinearScorer {
  private scratch: FeatureScratch;
  private acc: Float64Array;
  constructor(readonly model: LinearModel) {
    this.scratch = featureScratch(model.bits);
    this.acc = new Float64Array(model.topics.length);
  }

  /** Adds the model's scores to `into`; returns how many of the text's stems the model knows. */
  score(text: string, into: number[]): number {
    return this.scoreNormalised(normalise(text.length > 2000 ? text.slice(0, 2000) : text), into);
  }

  /** score() of a text already through normalise(). */
  scoreNormalised(norm: string, into: number[]): number {
    const m = this.model;
    const k = m.topics.length;
    const n = normalisedFeatures(norm, m.bits, this.scratch, m.chars, m.known);
    const f = this.scratch.out;
    const v = m.normalise && n ? 1 / Math.sqrt(n) : 1;
    const acc = this.acc.fill(0);
    const w = m.quantised?.q ?? m.weights;
    for (let i = 0; i < n; i++) {
      const base = f[i] * k;
      for (let t = 0; t < k; t++) acc[t] += w[base + t];
    }
    const scale = m.quantised?.scale;
    for (let t = 0; t < k; t++) into[t] += m.bias[t] + v * acc[t] * (scale ? scale[t] : 1);
    return this.scratch.known;
  }
}

function knownSet(examples: readonly Example[], bits: number): Uint8Array {
  const set = new Uint8Array((1 << bits) / 8);
  const mask = (1 << bits) - 1;
  const df = new Map<string, number>();
  for (const ex of examples) {
    for (const w of new Set(normalise(ex.text).split(' ')))
      if (w.length >= 2 && !/^\d+$/.test(w)) {
        const st = stemOf(w);
        df.set(st, (df.get(st) ?? 0) + 1);
      }
  }
  // Stems of two texts or more: one-off words (names, typos) are not what makes a text "known".
  for (const [s, n] of df) {
    if (n < 2) continue;
    const b = hashString(s, KNOWN_SEED) & mask;
    set[b >> 3] |= 1 << (b & 7);
  }
  return set;
}

/** A seeded shuffle (mulberry32), so training is reproducible. */
function shuffled(n: number, seed: number): Uint32Array {
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const x = idx[i];
    idx[i] = idx[j];
    idx[j] = x;
  }
  return idx;
}

interface Encoded {
  feats: Int32Array[];
  labels: Int32Array;
  weights: Float32Array;
}

function encode(examples: readonly Example[], bits: number, chars: boolean): Encoded {
  const scratch = featureScratch(bits);
  const feats: Int32Array[] = [];
  const labels = new Int32Array(examples.length);
  const weights = new Float32Array(examples.length);
  examples.forEach((ex, i) => {
    const n = textFeatures(ex.text, bits, scratch, chars);
    feats.push(scratch.out.slice(0, n));
    labels[i] = TOPICS.indexOf(ex.topic);
    weights[i] = ex.weight ?? 1;
  });
  return { feats, labels, weights };
}

export interface LogRegOptions {
  bits?: number;
  chars?: boolean;
  epochs?: number;
  /** Initial learning rate; it decays as 1 / (1 + epoch). */
  rate?: number;
  /** L2 shrinkage applied to the weights a text touches (lazy, the sparse approximation). */
  l2?: number;
  seed?: number;
}

/**
 * Multinomial logistic regression by averaged SGD (the average of the iterates generalises better than the last one,
 * and needs no tuning of a decay schedule to converge).
 */
export function trainLogReg(examples: readonly Example[], o: LogRegOptions = {}): LinearModel {
  const bits = o.bits ?? 18;
  const epochs = o.epochs ?? 8;
  const rate0 = o.rate ?? 0.5;
  const l2 = o.l2 ?? 1e-6;
  const k = TOPICS.length;
  const { feats, labels, weights: exw } = encode(examples, bits, o.chars ?? true);
  const w = new Float32Array((1 << bits) * k);
  const u = new Float32Array((1 << bits) * k);
  const b = new Float64Array(k);
  const ub = new Float64Array(k);
  const p = new Float64Array(k);
  let c = 1;
  for (let e = 0; e < epochs; e++) {
    const rate = rate0 / (1 + e);
    for (const i of shuffled(feats.length, (o.seed ?? 1) + e)) {
      const f = feats[i];
      const v = f.length ? 1 / Math.sqrt(f.length) : 0;
      for (let t = 0; t < k; t++) p[t] = b[t];
      for (let j = 0; j < f.length; j++) {
        const base = f[j] * k;
        for (let t = 0; t < k; t++) p[t] += v * w[base + t];
      }
      let max = -Infinity;
      for (let t = 0; t < k; t++) max = Math.max(max, p[t]);
      let z = 0;
      for (let t = 0; t < k; t++) z += p[t] = Math.exp(p[t] - max);
      const y = labels[i];
      for (let t = 0; t < k; t++) {
        const g = exw[i] * (p[t] / z - (t === y ? 1 : 0));
        if (Math.abs(g) < 1e-5) continue;
        const step = rate * g;
        b[t] -= step * 0.1;
        ub[t] -= c * step * 0.1;
        for (let j = 0; j < f.length; j++) {
          const at = f[j] * k + t;
          const d = step * v + rate * l2 * w[at];
          w[at] -= d;
          u[at] -= c * d;
        }
      }
      c++;
    }
  }
  for (let i = 0; i < w.length; i++) w[i] -= u[i] / c;
  const bias = new Float32Array(k);
  for (let t = 0; t < k; t++) bias[t] = b[t] - ub[t] / c;
  return {
    kind: 'linear-v1',
    algorithm: 'logreg',
    bits,
    chars: o.chars ?? true,
    topics: [...TOPICS],
    weights: w,
    bias,
    normalise: true,
    temperature: 1,
    known: knownSet(examples, bits),
    meta: { examples: examples.length, epochs, rate: rate0, l2 },
  };
}

export interface NbOptions {
  bits?: number;
  chars?: boolean;
  alpha?: number;
  clip?: number;
}

/**
 * Naive Bayes in linear form: a bucket's weight for a topic is the log ratio of its document frequency there to its
 * overall one, clipped (as the earlier stem model did), the bias a flattened log prior.
 */
export function trainNbLinear(examples: readonly Example[], o: NbOptions = {}): LinearModel {
  const bits = o.bits ?? 18;
  const alpha = o.alpha ?? 1;
  const clip = o.clip ?? 3;
  const k = TOPICS.length;
  const { feats, labels, weights: exw } = encode(examples, bits, o.chars ?? true);
  const df = new Float64Array((1 << bits) * k);
  const all = new Float64Array(1 << bits);
  const docs = new Float64Array(k);
  feats.forEach((f, i) => {
    docs[labels[i]] += exw[i];
    for (const x of f) {
      df[x * k + labels[i]] += exw[i];
      all[x] += exw[i];
    }
  });
  const total = docs.reduce((a, d) => a + d, 0);
  const w = new Float32Array((1 << bits) * k);
  for (let x = 0; x < all.length; x++) {
    if (all[x] < 2) continue;
    const overall = Math.log((all[x] + alpha) / (total + 2 * alpha));
    for (let t = 0; t < k; t++) {
      if (docs[t])
        w[x * k + t] = Math.max(
          -clip,
          Math.min(clip, Math.log((df[x * k + t] + alpha) / (docs[t] + 2 * alpha)) - overall),
        );
    }
  }
  const prior = [...docs].map((d) => 0.5 * Math.log((d + 1) / (total + k)));
  const pm = prior.reduce((a, x) => a + x, 0) / k;
  return {
    kind: 'linear-v1',
    algorithm: 'nb',
    bits,
    chars: o.chars ?? true,
    topics: [...TOPICS],
    weights: w,
    bias: Float32Array.from(prior.map((x) => x - pm)),
    normalise: false,
    temperature: 1,
    known: knownSet(examples, bits),
    meta: { examples: examples.length, alpha, clip },
  };
}

/** The model file: JSON with the weights quantised to int8 per topic (a scale each) and base64-encoded. */
export interface ModelFile {
  kind: 'linear-v1';
  algorithm: 'logreg' | 'nb';
  bits: number;
  chars: boolean;
  topics: string[];
  normalise: boolean;
  temperature: number;
  bias: number[];
  scale: number[];
  weights: string;
  known: string;
  /** Rule evidence weights chosen with this model (classifier.ts EvidenceWeights). */
  evidence?: { rule: number; fuzzy: number; rare?: number; rareTopics?: Topic[] };
  meta: Record<string, unknown>;
}

export function serialiseModel(m: LinearModel): ModelFile {
  const k = m.topics.length;
  const scale = new Array<number>(k).fill(0);
  for (let i = 0; i < m.weights.length; i++) scale[i % k] = Math.max(scale[i % k], Math.abs(m.weights[i]));
  for (let t = 0; t < k; t++) scale[t] = scale[t] / 127 || 1;
  const q = new Int8Array(m.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(m.weights[i] / scale[i % k]);
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    kind: m.kind,
    algorithm: m.algorithm,
    bits: m.bits,
    chars: m.chars,
    topics: [...m.topics],
    normalise: m.normalise,
    temperature: r(m.temperature),
    bias: [...m.bias].map(r),
    scale: scale.map((s) => Number(s.toPrecision(8))),
    weights: Buffer.from(q.buffer).toString('base64'),
    known: Buffer.from(m.known).toString('base64'),
    meta: m.meta,
  };
}

export function parseModel(f: ModelFile, where = 'topic model'): LinearModel {
  const topics = f.topics as Topic[];
  if (f.kind !== 'linear-v1' || topics.length !== TOPICS.length || topics.some((t, i) => t !== TOPICS[i])) {
    throw new PmapError(
      'bad_file',
      `${where}: not a linear-v1 model over today's topics; retrain it with npm run train:classifier`,
    );
  }
  const k = topics.length;
  const buf = Buffer.from(f.weights, 'base64');
  const q = new Int8Array(buf.buffer, buf.byteOffset, buf.length);
  if (q.length !== (1 << f.bits) * k)
    throw new PmapError('bad_file', `${where}: ${q.length} weights, expected ${(1 << f.bits) * k}`);
  const weights = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) weights[i] = q[i] * f.scale[i % k];
  return {
    kind: 'linear-v1',
    algorithm: f.algorithm,
    bits: f.bits,
    chars: f.chars,
    topics,
    weights,
    quantised: { q, scale: Float32Array.from(f.scale) },
    bias: Float32Array.from(f.bias),
    normalise: f.normalise,
    temperature: f.temperature,
    known: new Uint8Array(Buffer.from(f.known, 'base64')),
    meta: f.meta,
  };
}

/** Identifies a model by its stored form: the version of every classification it makes includes it. */
export function linearModelHash(f: ModelFile): string {
  return createHash('sha1')
    .update(
      `${f.weights}|${f.bias.join(',')}|${f.scale.join(',')}|${f.temperature}|${f.normalise}|${f.chars}|${f.known}`,
    )
    .digest('hex')
    .slice(0, 16);
}
