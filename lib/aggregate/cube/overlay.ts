import { cellToLatLng, cellToParent, getResolution } from 'h3-js';
import type { AppealFilter } from '../../domain/filters';
import { comboFilter, dayNumber, municipalityIds, type Cube, type RollupRow } from './cube';

/*
 * The writes a cube has not seen (appeal_cube_delta, migration 2026-11-24T11), added on top of its counts: the cube
 * stays exact after a bot's or an operator's appeal without being rebuilt. The rows are few (a cube is rebuilt once
 * they pass a limit, lib/aggregate/cube/index.ts), so they are scanned one by one per request.
 */

/** One key of the map's counts changed by writes the cube did not see, and by how much (n may be negative). */
export interface DeltaRow extends Omit<RollupRow, 'h3' | 'child'> {
  /** The res-9 cell, hex. */
  h3: string;
  /** The point appeal_rollup_cell keeps for the res-7 cell (the rollup's viewport test); NaN when it has none. */
  lon: number;
  lat: number;
}

type Counts = { h3: string; count: number }[];

const inBox = (b: readonly number[], lon: number, lat: number) =>
  lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];

function matching(cube: Cube, rows: readonly DeltaRow[], f: AppealFilter): DeltaRow[] {
  const pass = comboFilter(f);
  const munis = f.municipality ? municipalityIds(cube, f) : null;
  const from = f.from ? dayNumber(f.from) : -Infinity;
  const to = f.to ? dayNumber(f.to) : Infinity;
  return rows.filter(
    (r) =>
      r.day >= from &&
      r.day <= to &&
      pass(r) &&
      (munis === null || (r.municipalityId !== 0 && munis.has(r.municipalityId))),
  );
}

/** Adds the deltas per cell to counts sorted by cell id; cells that reach zero drop out. */
function addTo(base: Counts, deltas: Map<string, number>): Counts {
  if (!deltas.size) return base;
  const sums = new Map(base.map((c) => [c.h3, c.count]));
  for (const [h3, n] of deltas) sums.set(h3, (sums.get(h3) ?? 0) + n);
  return [...sums]
    .filter(([, n]) => n > 0)
    .map(([h3, count]) => ({ h3, count }))
    .sort((a, b) => (a.h3 < b.h3 ? -1 : a.h3 > b.h3 ? 1 : 0));
}

/** cubeCellCounts' answer (res 4–7, cells whose res-7 point lies in the padded box) with the deltas added. */
export function withDeltas(
  cube: Cube,
  rows: readonly DeltaRow[],
  base: Counts,
  f: AppealFilter,
  res: number,
  box: readonly number[] | null,
): Counts {
  const deltas = new Map<string, number>();
  for (const r of matching(cube, rows, f)) {
    if (box && !inBox(box, r.lon, r.lat)) continue;
    const h3 = cellToParent(r.h3, res);
    deltas.set(h3, (deltas.get(h3) ?? 0) + r.n);
  }
  return addTo(base, deltas);
}

/** fineCellCounts' answer (res 8–9: res-7 point near the box, the cell's centre in the padded box) with the deltas. */
export function withFineDeltas(
  cube: Cube,
  rows: readonly DeltaRow[],
  base: Counts,
  f: AppealFilter,
  res: 8 | 9,
  padded: readonly number[],
  near: readonly number[],
): Counts {
  const deltas = new Map<string, number>();
  for (const r of matching(cube, rows, f)) {
    // A street- or settlement-level point is stored as its res-7 cell (lib/enrich/h3.ts cellFor): no res 8–9 cell.
    if (!inBox(near, r.lon, r.lat) || getResolution(r.h3) < res) continue;
    const h3 = res === 9 ? r.h3 : cellToParent(r.h3, res);
    const [lat, lon] = cellToLatLng(h3);
    if (inBox(padded, lon, lat)) deltas.set(h3, (deltas.get(h3) ?? 0) + r.n);
  }
  return addTo(base, deltas);
}
