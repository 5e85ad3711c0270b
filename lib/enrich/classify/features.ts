import { normalise, stem } from './text';

/**
 * Hashed text features: word stems (Snowball) plus character 3–5-grams of the normalised text with its word
 * boundaries. Stems carry the vocabulary; the n-grams survive typos, slang and forms the stemmer splits differently
 * (асфальд, мусар, светафор share most of their n-grams with the right word). Both are hashed into 2^bits buckets, so
 * the model has a fixed size whatever the vocabulary.
 */

// FNV-1a, 32 bit: fast, good enough spread for feature hashing; seeds keep stems and n-grams apart.
const FNV_PRIME = 0x01000193;
const SEED_STEM = 0x811c9dc5;
const SEED_GRAM = 0x050c5d1f;

function fnv(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

export function hashString(s: string, seed = SEED_STEM): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = fnv(h, s.charCodeAt(i));
  return h >>> 0;
}

/** Words too common to tell a topic; stems of them are not features (their n-grams still are). */
const DIGITS = /^\d+$/;
const STOP = new Set([
  'и',
  'в',
  'во',
  'на',
  'с',
  'со',
  'к',
  'у',
  'по',
  'за',
  'из',
  'от',
  'до',
  'о',
  'об',
  'а',
  'но',
  'же',
  'ли',
  'бы',
]);

/** Seed of the stem hash in a model's `known` bit set (linear.ts). */
export const KNOWN_SEED = 0x2f6b1d3a;

export interface FeatureScratch {
  /** After textFeatures with a known set: how many of the text's stems are in it. */
  known: number;
  /** Generation stamp per bucket, so a text's features are deduplicated without a Set. */
  stamp: Int32Array;
  gen: number;
  out: Int32Array;
}

export function featureScratch(bits: number): FeatureScratch {
  return { stamp: new Int32Array(1 << bits), gen: 0, out: new Int32Array(4096), known: 0 };
}

/**
 * The distinct feature buckets of a text, written into scratch.out; returns how many. Binary features: a bucket
 * counts once per text, whatever the repetition.
 */
export function textFeatures(
  text: string,
  bits: number,
  scratch: FeatureScratch,
  chars = true,
  known?: Uint8Array,
): number {
  return normalisedFeatures(normalise(text.length > 2000 ? text.slice(0, 2000) : text), bits, scratch, chars, known);
}

/** textFeatures() of a text already through normalise() (the classifier has it from its rule matching). */
export function normalisedFeatures(
  norm: string,
  bits: number,
  scratch: FeatureScratch,
  chars = true,
  known?: Uint8Array,
): number {
  const mask = (1 << bits) - 1;
  const gen = ++scratch.gen;
  const { stamp } = scratch;
  // Room for every feature: one stem per word and three n-grams per character, at most.
  if (scratch.out.length < norm.length * 4 + 8) scratch.out = new Int32Array(norm.length * 4 + 8);
  const out = scratch.out;
  let n = 0;
  scratch.known = 0;
  if (!norm) return 0;
  const kmask = known ? known.length * 8 - 1 : 0;
  for (const w of norm.split(' ')) {
    if (w.length < 2 || DIGITS.test(w)) continue;
    const st = stem(w);
    if (known) {
      const kb = hashString(st, KNOWN_SEED) & kmask;
      if (known[kb >> 3] & (1 << (kb & 7))) scratch.known++;
    }
    if (STOP.has(w)) continue;
    const b = hashString(st) & mask;
    if (stamp[b] !== gen) {
      stamp[b] = gen;
      out[n++] = b;
    }
  }
  if (!chars) return n;
  // Character n-grams of " word word ", digits folded to one symbol (house numbers are not topic evidence).
  const s = ` ${norm.replace(/\d/g, '0')} `;
  for (let i = 0; i + 3 <= s.length; i++) {
    let h = SEED_GRAM;
    for (let j = 0; j < 5 && i + j < s.length; j++) {
      h = fnv(h, s.charCodeAt(i + j));
      if (j < 2) continue;
      const b = (fnv(h, j) >>> 0) & mask;
      if (stamp[b] !== gen) {
        stamp[b] = gen;
        out[n++] = b;
      }
    }
  }
  return n;
}
