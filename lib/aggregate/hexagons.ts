import { z } from 'zod';
import type { Database } from '../../db';
import { appealFilterSchema, type AppealFilter } from '../domain/filters';
import { appealWhere } from '../store/appealFilterSql';

export const MIN_RES = 4;
export const MAX_RES = 9;

// Mean H3 edge length in degrees of latitude, per resolution; the bbox grows by two edges so cells cut by the
// viewport edge still count all their appeals.
const EDGE_DEG: Record<number, number> = { 4: 0.2, 5: 0.077, 6: 0.029, 7: 0.011, 8: 0.0041, 9: 0.0016 };

const bbox = z
  .string()
  .transform((s) => s.split(',').map(Number))
  .refine((a) => a.length === 4 && a.every(Number.isFinite), 'expected w,s,e,n')
  .refine((a) => a[0] < a[2] && a[1] < a[3] && a[1] >= -90 && a[3] <= 90, 'expected w<e and s<n within range');

export const hexagonQuerySchema = appealFilterSchema.extend({
  res: z.coerce.number().int().min(MIN_RES).max(MAX_RES),
  bbox: bbox.optional(),
  gratitude: z.enum(['exclude', 'include', 'only']).default('exclude'),
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
  const w = appealWhere(filter as AppealFilter, 1);
  const params: unknown[] = [res, ...w.params];
  let box = '';
  if (b) {
    const m = 2 * EDGE_DEG[res];
    params.push(b[0] - m * 1.6, b[1] - m, b[2] + m * 1.6, b[3] + m);
    const n = params.length;
    box = `AND a.geom && ST_MakeEnvelope($${n - 3}, $${n - 2}, $${n - 1}, $${n}, 4326)`;
  }
  const rows = await db.query<{ h3: string; n: number }>(
    `SELECT to_hex(h3_parent(a.h3, $1)) AS h3, count(*) AS n FROM appeals a
     WHERE a.h3 IS NOT NULL ${box} AND ${w.sql} GROUP BY 1 ORDER BY 1`, params);
  const cells = rows.map((r) => ({ h3: r.h3, count: Number(r.n) }));
  return { res, cells, total: cells.reduce((s, c) => s + c.count, 0), max: cells.reduce((m, c) => Math.max(m, c.count), 0) };
}
