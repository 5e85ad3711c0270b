import { cellToLatLng } from 'h3-js';
import { z } from 'zod';
import type { Database } from '../../db';
import { appealCellCounts, fineCellCounts, rollupCellCounts } from '../../db/queries/hexagons';
import { appealFilterSchema, type AppealFilter } from '../domain/filters';
import { bboxSchema } from '../domain/params';
import { fineServes, liveCellCounts, liveFineCellCounts, readyCube } from './cube';
import { rollupParts, rollupServes, ROLLUP_RES } from './rollup';

export const MIN_RES = 4;
export const MAX_RES = 9;

// Mean H3 edge length in degrees of latitude, per resolution (H3's table: 26.1, 9.85, 3.72, 1.41, 0.531, 0.201 km).
// A cell's points lie within two edges of any point of it; edges vary across the globe, so the pad is three.
export const EDGE_DEG: Record<number, number> = { 4: 0.235, 5: 0.0886, 6: 0.0335, 7: 0.0127, 8: 0.00478, 9: 0.00181 };

export const hexagonQuerySchema = appealFilterSchema.extend({
  res: z.coerce.number().int().min(MIN_RES).max(MAX_RES),
  bbox: bboxSchema.optional(),
});
export type HexagonQuery = z.infer<typeof hexagonQuerySchema>;

export interface HexagonResult {
  res: number;
  cells: { h3: string; count: number }[];
  total: number;
  max: number;
}

/** Appeal counts per H3 cell at `res`, derived from the stored res-9 cell (see h3_parent in the migration). */
export async function hexagonCounts(db: Database, q: HexagonQuery): Promise<HexagonResult> {
  const { res, bbox: b, ...filter } = q;
  const cells = await cellCounts(db, filter as AppealFilter, res, b ? [b[0], b[1], b[2], b[3]] : null);
  return {
    res,
    cells,
    total: cells.reduce((s, c) => s + c.count, 0),
    max: cells.reduce((m, c) => Math.max(m, c.count), 0),
  };
}

/** Grows a box [w,s,e,n] by three cell edges at `res`, so cells cut by its edge still count all their appeals. */
export function padForCells(b: readonly number[], res: number): [number, number, number, number] {
  const m = 3 * EDGE_DEG[res];
  const lat = Math.min(80, Math.max(Math.abs(b[1]), Math.abs(b[3])));
  const mx = m / Math.cos((lat * Math.PI) / 180);
  return [b[0] - mx, Math.max(-90, b[1] - m), b[2] + mx, Math.min(90, b[3] + m)];
}

/**
 * Counts per H3 cell at `res` for a filter, optionally only cells near a box [w,s,e,n] (the box is padded here).
 * The one aggregation behind the hexagon API and the hexagon tiles: at res <= 7 from the rollup, in memory (the
 * cube, when it holds the current data version) or in SQL; res 8–9 near a viewport from the cube's appeal rows or
 * the covering H3 index; else from appeals. `source: 'sql'` skips the cube; 'raw' reads the appeals table (the
 * benchmark's reference).
 */
export async function cellCounts(
  db: Database,
  filter: AppealFilter,
  res: number,
  box: readonly number[] | null,
  source: 'auto' | 'sql' | 'raw' = 'auto',
): Promise<{ h3: string; count: number }[]> {
  // The rollups and the cube do not know how precisely each appeal is placed: a location filter reads the appeals.
  if (filter.location) source = 'raw';
  const padded = box ? padForCells(box, res) : null;
  if (source === 'auto' && (rollupServes(res) || (padded && fineServes(res)))) {
    const cube = await readyCube(db);
    if (cube && rollupServes(res)) return liveCellCounts(cube, filter, res, padded);
    if (cube && padded && fineServes(res))
      return liveFineCellCounts(cube, filter, res, padded, padForCells(padded, ROLLUP_RES));
  }
  let rows: { h3: string; n: number }[];
  if (source !== 'raw' && rollupServes(res)) {
    // The rollup keeps one point inside each res-7 cell for the box: whole months from the monthly rollup, the days
    // at either end from the appeals (rollupParts).
    rows = await rollupCellCounts(db, res, rollupParts(filter), padded);
  } else if (source !== 'raw' && padded) {
    // Res 8–9 near a viewport: the res-7 cells whose point lies near it, each one index range of its res-9
    // descendants, counted from the appeals' covering H3 index; then the cells whose centre is in the padded box.
    // Cells are whole (their res-7 parent is in range), so they count every appeal, as the raw query does.
    const fine = await fineCellCounts(db, filter, res, padForCells(padded, ROLLUP_RES));
    return fine.flatMap((x) => {
      const [lat, lon] = cellToLatLng(x.h3);
      return lon >= padded[0] && lon <= padded[2] && lat >= padded[1] && lat <= padded[3]
        ? [{ h3: x.h3, count: Number(x.n) }]
        : [];
    });
  } else {
    rows = await appealCellCounts(db, filter, res, padded);
  }
  return rows.map((r) => ({ h3: r.h3, count: Number(r.n) }));
}
