import { getResolution, isValidCell } from 'h3-js';
import { z } from 'zod';
import type { Database } from '../../db';
import { appealFilterSchema, type AppealFilter } from '../domain/filters';
import { BIGINT_ID_MAX, idSchema, INT4_MAX, pagingSchema, textSchema } from '../domain/params';
import { drillCounts, drillRows, type DrillWhere } from '../../db/queries/drill';
import type { AppealRow } from './appealList';
import { PmapError } from '../errors';
import { textFor } from '../privacy/redact';
import { addDoubt } from './appealDoubt';
import type { TopicDoubt } from '../enrich/topicDoubt';

/** What was clicked on the map: a hexagon of any drawn resolution, a road segment, or one appeal. */
export type DrillTarget =
  { kind: 'cell'; h3: string } | { kind: 'segment'; id: number } | { kind: 'appeal'; id: number };

/** An appeal row with whether its topic is in doubt and, then, its top topics. */
export type DrillRow = AppealRow & TopicDoubt;

export interface DrillPage {
  total: number;
  /** Of `total`, located complaints still awaiting problem grouping after a big import's commit (issue 21). */
  awaitingGrouping: number;
  page: number;
  pageSize: number;
  rows: DrillRow[];
}

export const DRILL_MIN_RES = 4;
export const DRILL_MAX_RES = 9;
const STORED_RES = 9n;

/** Query parameters of GET /api/appeals/drill: the shared filters, one target, and the page. */
export const drillQuerySchema = appealFilterSchema.extend({
  h3: textSchema(20).optional(),
  segment: idSchema(INT4_MAX).optional(),
  appeal: idSchema(BIGINT_ID_MAX).optional(),
  ...pagingSchema(20, 200),
});
export type DrillQuery = z.infer<typeof drillQuerySchema>;

/** Splits a parsed query into filter, target and paging; a missing, doubled or invalid target is a bad_argument. */
export function drillRequest(q: DrillQuery): {
  filter: AppealFilter;
  target: DrillTarget;
  page: number;
  pageSize: number;
} {
  const { h3, segment, appeal, page, page_size, ...filter } = q;
  const given = [h3 !== undefined, segment !== undefined, appeal !== undefined].filter(Boolean).length;
  if (given !== 1) throw PmapError.keyed('bad_argument', 'drill.one_of');
  let target: DrillTarget;
  if (h3 !== undefined) {
    const cell = h3.toLowerCase();
    if (!isValidCell(cell)) throw PmapError.keyed('bad_argument', 'drill.bad_h3', { h3: h3.slice(0, 40) });
    const res = getResolution(cell);
    if (res < DRILL_MIN_RES || res > DRILL_MAX_RES) {
      throw PmapError.keyed('bad_argument', 'drill.h3_resolution', { res, min: DRILL_MIN_RES, max: DRILL_MAX_RES });
    }
    target = { kind: 'cell', h3: cell };
  } else if (segment !== undefined) target = { kind: 'segment', id: segment };
  else target = { kind: 'appeal', id: appeal! };
  return { filter, target, page, pageSize: page_size };
}

/**
 * The stored res-9 cells under `cell` lie between two integers: same base cell and leading digits, resolution
 * field 9, the digits below `cell`'s resolution anywhere from 0 to 7. h3-js has no range API (cellToChildren at
 * res 4 lists 16 807 cells), so this is bit arithmetic mirroring h3_parent() in the init migration. The range lets
 * the btree on appeals.h3 do the work; `h3_parent(a.h3, res) = cell` then checks exactly.
 */
export function storedCellRange(cell: string): { cell: bigint; res: number; lo: bigint; hi: bigint } {
  const res = getResolution(cell);
  const value = BigInt(`0x${cell}`);
  const hi = (value & ~(15n << 52n)) | (STORED_RES << 52n);
  const lowerDigits = (1n << (BigInt(15 - res) * 3n)) - (1n << ((15n - STORED_RES) * 3n));
  return { cell: value, res, lo: hi & ~lowerDigits, hi };
}

/** The target as the query narrows it: a cell becomes the range of its stored res-9 cells, checked exactly. */
function whereOf(t: DrillTarget): DrillWhere {
  if (t.kind !== 'cell') return t;
  return { kind: 'cell', ...storedCellRange(t.h3) };
}

/**
 * One page of the appeals behind a map target under the current filter, newest first, with the total; contacts inside
 * the text only when `contacts` (mayReadContacts).
 */
export async function drillAppeals(
  db: Database,
  f: AppealFilter,
  target: DrillTarget,
  page: number,
  pageSize: number,
  contacts: boolean,
): Promise<DrillPage> {
  const where = whereOf(target);
  const { n, awaiting } = await drillCounts(db, where, f);
  const total = Number(n);
  const offset = (page - 1) * pageSize;
  const rows = offset >= total ? [] : await drillRows(db, where, f, pageSize, offset);
  const judged = await addDoubt(db, rows);
  return {
    total,
    awaitingGrouping: Number(awaiting),
    page,
    pageSize,
    rows: judged.map((r) => ({
      ...r,
      text: textFor(contacts, r.text),
      id: Number(r.id),
      problemId: r.problemId === null ? null : Number(r.problemId),
    })),
  };
}
