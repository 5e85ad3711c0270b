import { cellToLatLng } from 'h3-js';
import type { AppealFilter } from '../../domain/filters';
import { ROLLUP_RES } from '../rollup';
import { candidateCells, comboMask, dayNumber, lowerBound, type Cube } from './cube';

/*
 * Res 8–9 near a viewport from the cube's appeal rows: the res-7 cells whose point lies near the box, each one run
 * of appeals sorted by day, counted per res-9 cell (the two digits below res 7) and summed to res 8 when asked.
 * Same answer as the covering-index SQL in cellCounts: whole cells whose centre lies in the padded box.
 */

/** The H3 id (hex) of the descendant at `res` (8 or 9) of a res-7 cell, given digits 8 and 9 as d8 · 8 + d9. */
export function childHex(parent7: string, res: 8 | 9, digits: number): string {
  let id = (BigInt(`0x${parent7}`) & ~(15n << 52n)) | (BigInt(res) << 52n);
  id = (id & ~(7n << 21n)) | (BigInt(digits >> 3) << 21n);
  if (res === 9) id = (id & ~(7n << 18n)) | (BigInt(digits & 7) << 18n);
  return id.toString(16);
}

/**
 * Counts per res-8/9 cell for a filter, for the cells whose centre lies in `padded` (the viewport padded by three
 * cell edges, as padForCells gives it); `near` is that box padded again by three res-7 edges, to pick the res-7
 * cells whose descendants can lie inside.
 */
export function fineCellCounts(
  cube: Cube,
  f: AppealFilter,
  res: 8 | 9,
  padded: readonly number[],
  near: readonly number[],
): { h3: string; count: number }[] {
  const combo = comboMask(cube, f);
  const { cells, muni } = candidateCells(cube, f, near);
  const t = cube.tables.appeals;
  const from = f.from ? dayNumber(f.from) : -1;
  const to = f.to ? dayNumber(f.to) + 1 : -1;
  const slots = new Uint32Array(64);
  const out: { h3: string; count: number }[] = [];
  for (const c of cells ?? []) {
    let lo = t.cellStart[c];
    let hi = t.cellStart[c + 1];
    if (lo === hi) continue;
    if (from >= 0) lo = lowerBound(t.period, from, lo, hi);
    if (to >= 0) hi = lowerBound(t.period, to, lo, hi);
    slots.fill(0);
    const shift = res === 8 ? 3 : 0;
    for (let i = lo; i < hi; i++) {
      if (combo[t.combo[i]] === 1 && (muni === null || muni[t.muni[i]] === 1)) slots[(t.child[i] >> shift) << shift]++;
    }
    for (let k = 0; k < 64; k++) {
      // Digit 7 is no cell: a street- or settlement-level point stored as its res-7 cell (lib/enrich/h3.ts cellFor).
      if (slots[k] === 0 || k >> 3 === 7 || (res === 9 && (k & 7) === 7)) continue;
      const h3 = childHex(cube.cells.hex[c], res, k);
      const [lat, lon] = cellToLatLng(h3);
      if (lon >= padded[0] && lon <= padded[2] && lat >= padded[1] && lat <= padded[3])
        out.push({ h3, count: slots[k] });
    }
  }
  return out.sort((a, b) => (a.h3 < b.h3 ? -1 : a.h3 > b.h3 ? 1 : 0));
}

export const fineServes = (res: number): res is 8 | 9 => res === ROLLUP_RES + 1 || res === ROLLUP_RES + 2;
