import { errorFunction } from 'simple-statistics';

/**
 * Two-sided p-value of a standard normal z: P(|Z| ≥ |z|) = erfc(|z|/√2). simple-statistics' errorFunction is the
 * Numerical Recipes erfc approximation (fractional error < 1.2e-7) returned as 1 − erfc, so 1 − erf keeps the
 * tail precise down to about 1e-15 — enough for Benjamini–Hochberg on thousands of cells. (Its
 * cumulativeStdNormalProbability is a table rounded to 0.01 in z and 1e-4 in p: too coarse for the tail.)
 */
export function twoSidedP(z: number): number {
  if (!Number.isFinite(z)) return Number.isNaN(z) ? 1 : 0;
  return Math.min(1, Math.max(0, 1 - errorFunction(Math.abs(z) / Math.SQRT2)));
}
