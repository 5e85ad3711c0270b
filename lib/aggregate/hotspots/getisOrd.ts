import { gridDisk } from 'h3-js';
import { twoSidedP } from './normal';

/**
 * Neighbour lists for Gi* with binary weights: each cell of the study area with itself and its k=1 ring
 * (gridDisk), kept only where the neighbour is in the study area. Indices refer to `cells`.
 */
export function neighbourIndex(cells: readonly string[]): number[][] {
  const at = new Map(cells.map((c, i) => [c, i]));
  return cells.map((c) =>
    gridDisk(c, 1)
      .map((n) => at.get(n))
      .filter((i): i is number => i !== undefined),
  );
}

/**
 * The study area: every cell with at least one appeal plus its k=1 ring, so that an occupied cell's empty
 * neighbours count as observed zeros and the analysis does not reach further than one ring beyond the data.
 */
export function studyArea(occupied: Iterable<string>): string[] {
  const all = new Set<string>();
  for (const c of occupied) for (const n of gridDisk(c, 1)) all.add(n);
  return [...all].sort();
}

export interface GiStar {
  z: number;
  p: number;
}

/**
 * Getis–Ord Gi* (Getis & Ord 1992, Ord & Getis 1995) with binary weights w_ij = 1 for j in the cell's neighbour
 * list (itself included), n cells, mean X̄ and S = √(Σx²/n − X̄²) over the whole study area:
 *
 *   Gi* = (Σ_j w_ij x_j − X̄ W_i) / (S √((n W_i − W_i²)/(n − 1))),  W_i = Σ_j w_ij = Σ_j w_ij²
 *
 * which is already a z-score; p is two-sided from the normal. z is 0 (p 1) where it is undefined: no variation
 * (S = 0), or a neighbourhood that is the whole study area. Hand-written: no installed library computes it on H3.
 */
export function giStar(x: readonly number[], neighbours: readonly (readonly number[])[]): GiStar[] {
  const n = x.length;
  let sum = 0;
  for (const v of x) sum += v;
  const mean = n ? sum / n : 0;
  let dev = 0; // two passes: Σ(x − X̄)² does not cancel the way Σx²/n − X̄² does when all counts are equal
  for (const v of x) dev += (v - mean) ** 2;
  const s = n ? Math.sqrt(dev / n) : 0;
  return neighbours.map((nb) => {
    const w = nb.length;
    let local = 0;
    for (const j of nb) local += x[j];
    const denom = s * Math.sqrt((n * w - w * w) / (n - 1));
    if (!(denom > 1e-12)) return { z: 0, p: 1 };
    const z = (local - mean * w) / denom;
    return { z, p: twoSidedP(z) };
  });
}
