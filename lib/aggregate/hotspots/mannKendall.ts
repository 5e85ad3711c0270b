import { median } from 'simple-statistics';
import { twoSidedP } from './normal';

export interface MannKendall {
  /** S = Σ_{i<j} sign(x_j − x_i). */
  s: number;
  /** Var(S) with the tie correction: [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18. */
  varS: number;
  /** (S − sign(S)) / √Var(S), 0 when S = 0 or Var(S) = 0. */
  z: number;
  /** Two-sided p from the normal. */
  p: number;
}

/**
 * The Mann–Kendall trend test on an evenly spaced series (Kendall 1975; Gilbert 1987, ch. 16). Hand-written:
 * no installed library has it. O(n²), which is 5 000 pairs for two years of weeks.
 */
export function mannKendall(x: readonly number[]): MannKendall {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = x[j] - x[i];
      s += d > 0 ? 1 : d < 0 ? -1 : 0;
    }
  }
  const ties = new Map<number, number>();
  for (const v of x) ties.set(v, (ties.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = s === 0 || varS <= 0 ? 0 : (s - Math.sign(s)) / Math.sqrt(varS);
  return { s, varS, z, p: twoSidedP(z) };
}

/** Sen's slope: the median of (x_j − x_i)/(j − i) over i < j, in units per step; 0 for fewer than two points. */
export function senSlope(x: readonly number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < x.length - 1; i++) for (let j = i + 1; j < x.length; j++) slopes.push((x[j] - x[i]) / (j - i));
  return slopes.length ? median(slopes) : 0;
}
