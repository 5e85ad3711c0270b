import { sql, type RawBuilder } from 'kysely';
import type { RollupTable } from '../../lib/aggregate/rollup';

/*
 * Server-only. SQL pieces of the rollup path of the map's counts (lib/aggregate/rollup.ts explains the rollup;
 * db/queries/hexagons.ts uses these).
 */

/**
 * A rollup table as `appeals a` would look to appealFilterSql: h3 (res 7), created_at (the month's first day, a
 * date: it compares with the filter's days exactly), the filter columns, and n.
 */
export const rollupAsAppeals = (t: RollupTable) => sql`(SELECT h3_r7 AS h3, day AS created_at, topic, channel, status,
  municipality_id, is_gratitude, n FROM ${sql.table(t)})`;

/**
 * The res-9 descendants of a res-7 cell (`c`, a bigint SQL expression) as one range of H3 ids. An H3 id holds the
 * resolution in bits 52–55 and digit r (1..15) in bits 3·(15−r) .. +2, unused digits all 7; a descendant at res 9
 * keeps the base cell and digits 1–7 and has digits 8–9 in 0..6. So `lo` sets res 9 and clears digits 8–9, `hi`
 * sets res 9 and leaves them 7 (no cell has digit 7 there), and every id between is a descendant. Appeals store
 * res 9 (lib/enrich/h3.ts), so `a.h3 BETWEEN lo AND hi` is an index range scan.
 */
export function res9Range(c: RawBuilder<unknown>): { lo: RawBuilder<string>; hi: RawBuilder<string> } {
  const at9 = sql<string>`((${c} & ~(15::bigint << 52)) | (9::bigint << 52))`;
  return { lo: sql<string>`(${at9} & ~(63::bigint << 18))`, hi: at9 };
}
