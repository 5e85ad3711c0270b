/** Seeded random helpers shared by the demo generators. */
import seedrandom from 'seedrandom';

/** The root seed: every generator derives its own stream from it, so they stay independent of call order. */
export const DEMO_SEED: string = 'orenburg-cur-demo-v1';

/** A small deterministic random source. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** Standard normal deviate. */
  normal(): number;
}

/** Builds a generator for `DEMO_SEED/<stream>`; alea is used because it is several times faster than the default ARC4. */
export function makeRng(stream: string): Rng {
  const prng = seedrandom.alea(`${DEMO_SEED}/${stream}`);
  let spare: number | null = null;
  const next = (): number => prng();
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    range: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    normal: () => {
      // Box–Muller yields two deviates; keeping the second halves the cost on the hot path.
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      const u = 1 - next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/** Running sums of weights, for `pickIndex`. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += Math.max(0, w);
    out[i] = sum;
  });
  return out;
}

/** Index of the bucket that `u * total` falls into (binary search, so large tables stay cheap). */
export function pickIndex(cum: Float64Array, u: number): number {
  const target = u * (cum[cum.length - 1] ?? 0);
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] ?? 0) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A weighted choice among items; weights need not sum to one. */
export function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let u = rng.next() * total;
  for (const [item, w] of items) {
    u -= w;
    if (u < 0) return item;
  }
  const last = items[items.length - 1];
  if (!last) throw new Error('weighted choice from an empty list');
  return last[0];
}

/** `items[i]`, failing loudly instead of yielding undefined (indices here come from tables built over the same list). */
export function nth<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new Error(`index ${i} out of range (${items.length})`);
  return item;
}
