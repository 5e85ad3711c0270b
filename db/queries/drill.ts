import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { AppealFilter } from '../../lib/domain/filters';
import type { Database } from '../client';
import { appealFilterSql } from '../sql/appealFilter';
import { runSql } from '../sql/builder';
import { APPEAL_ROW_COLUMNS, type AppealRow } from './appealList';
import { awaitingGroupingSql } from './groupingPending';

/* Server-only. The appeals behind a map target (lib/store/appealDrill.ts). */

/** Where the drill-down looks: a road segment, one appeal, or the stored res-9 cells under a cell (a range of h3 values, then checked exactly). */
export type DrillWhere =
  | { kind: 'segment'; id: number }
  | { kind: 'appeal'; id: number }
  | { kind: 'cell'; lo: bigint; hi: bigint; res: number; cell: bigint };

function targetSql(t: DrillWhere): RawBuilder<SqlBool> {
  if (t.kind === 'segment') return sql<SqlBool>`a.road_segment_id = ${t.id}`;
  if (t.kind === 'appeal') return sql<SqlBool>`a.id = ${t.id}`;
  return sql<SqlBool>`a.h3 BETWEEN ${t.lo.toString()}::bigint AND ${t.hi.toString()}::bigint
    AND h3_parent(a.h3, ${t.res}::int) = ${t.cell.toString()}::bigint`;
}

const whereOf = (t: DrillWhere, f: AppealFilter) => sql`${targetSql(t)} AND ${appealFilterSql(f)}`;

/** How many appeals match, and of them how many await problem grouping. */
export async function drillCounts(
  db: Database,
  t: DrillWhere,
  f: AppealFilter,
): Promise<{ n: number; awaiting: number }> {
  const [r] = await runSql<{ n: number; awaiting: number }>(
    db,
    sql`SELECT count(*) AS n, count(*) FILTER (WHERE ${awaitingGroupingSql}) AS awaiting FROM appeals a WHERE ${whereOf(t, f)}`,
  );
  return { n: Number(r.n), awaiting: Number(r.awaiting) };
}

/** One page of them, newest first. */
export async function drillRows(
  db: Database,
  t: DrillWhere,
  f: AppealFilter,
  limit: number,
  offset: number,
): Promise<AppealRow[]> {
  return runSql<AppealRow>(
    db,
    sql`SELECT ${APPEAL_ROW_COLUMNS}
     FROM appeals a LEFT JOIN boundaries m ON m.id = a.municipality_id
     WHERE ${whereOf(t, f)} ORDER BY a.created_at DESC, a.id DESC LIMIT ${limit} OFFSET ${offset}`,
  );
}
