import { sql, type RawBuilder } from 'kysely';
import { ROLLUP_RES, type PeriodSource } from '../../lib/aggregate/rollup';
import type { AppealFilter } from '../../lib/domain/filters';
import type { Session } from '../client';
import { res9Range, rollupAsAppeals } from '../sql/rollup';
import { appealFilterSql } from '../sql/appealFilter';
import { runSql } from '../sql/builder';

/*
 * Server-only. Appeal counts per H3 cell in SQL, the three ways lib/aggregate/hexagons.ts cellCounts chooses from.
 * Boxes are [w, s, e, n], already padded by the caller. Rows are (hex id, n), by id.
 */

type Box = readonly number[];
type CellRow = { h3: string; n: number };

/**
 * At res ≤ 7 from the rollup: each part of the period (lib/aggregate/rollup.ts rollupParts) from its source — whole
 * months from the monthly rollup, the days at either end from the appeals (an index-only scan of the covering date
 * index, one count per res-7 cell) — and, with a box, only the res-7 cells whose point (appeal_rollup_cell) lies in it.
 */
export function rollupCellCounts(
  s: Session,
  res: number,
  parts: readonly { table: PeriodSource; filter: AppealFilter }[],
  box: Box | null,
) {
  const near = (h: RawBuilder<unknown>) =>
    box
      ? sql`JOIN appeal_rollup_cell c ON c.h3_r7 = ${h} AND c.lon BETWEEN ${box[0]} AND ${box[2]} AND c.lat BETWEEN ${box[1]} AND ${box[3]}`
      : sql``;
  const union = parts.map(({ table, filter }) => {
    const w = appealFilterSql(filter);
    if (table !== 'appeals')
      return sql`SELECT a.h3, a.n FROM ${rollupAsAppeals(table)} a ${near(sql`a.h3`)} WHERE ${w}`;
    const days = sql`SELECT h3_parent(a.h3, ${sql.lit(ROLLUP_RES)}) AS h3, count(*) AS n FROM appeals a WHERE a.h3 IS NOT NULL AND ${w} GROUP BY 1`;
    return box ? sql`SELECT d.h3, d.n FROM (${days}) d ${near(sql`d.h3`)}` : days;
  });
  return runSql<CellRow>(
    s,
    sql`SELECT to_hex(h3_parent(u.h3, ${res})) AS h3, sum(u.n) AS n
    FROM (${sql.join(union, sql` UNION ALL `)}) u GROUP BY 1 ORDER BY 1`,
  );
}

/**
 * Res 8–9 near a viewport: the res-7 cells whose point lies in `box7`, each one index range of its res-9
 * descendants (res9Range), counted from the appeals' covering H3 index. Cells are whole (every appeal of a cell
 * whose res-7 parent is in range counts); the caller keeps those whose centre is in its own box.
 */
export function fineCellCounts(s: Session, filter: AppealFilter, res: number, box7: Box) {
  const r = res9Range(sql`c.h3_r7`);
  return runSql<CellRow>(
    s,
    sql`SELECT to_hex(h3_parent(a.h3, ${res})) AS h3, count(*) AS n
       FROM appeal_rollup_cell c JOIN appeals a ON a.h3 BETWEEN ${r.lo} AND ${r.hi}
       WHERE c.lat BETWEEN ${box7[1]} AND ${box7[3]} AND c.lon BETWEEN ${box7[0]} AND ${box7[2]} AND ${appealFilterSql(filter)}
       GROUP BY 1 ORDER BY 1`,
  );
}

/** From the appeals table: the cells at `res` of the appeals placed at least that precisely, optionally in a box. */
export function appealCellCounts(s: Session, filter: AppealFilter, res: number, box: Box | null) {
  const inBox = box ? sql`AND a.geom && ST_MakeEnvelope(${box[0]}, ${box[1]}, ${box[2]}, ${box[3]}, 4326)` : sql``;
  return runSql<CellRow>(
    s,
    sql`SELECT to_hex(h3_parent(a.h3, ${res})) AS h3, count(*) AS n FROM appeals a
       WHERE a.h3 IS NOT NULL AND ((a.h3 >> 52) & 15) >= ${res} ${inBox} AND ${appealFilterSql(filter)} GROUP BY 1 ORDER BY 1`,
  );
}
