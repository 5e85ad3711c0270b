import type { Session } from '../../db';

/**
 * An appeal awaiting problem grouping: a located complaint without a problem yet. Thanks and appeals without a
 * location never join a problem; every other appeal gets one when grouping runs (lib/enrich/problems/group.ts picks
 * exactly these rows), so the count falls to 0 once the grouping after an import's commit is done (issue 21).
 * The partial index appeals_awaiting_group_idx holds exactly these rows: the count reads only them.
 */
export const AWAITING_GROUPING = 'problem_id IS NULL AND geom IS NOT NULL AND NOT is_gratitude';

/** How many appeals await problem grouping, over the whole database. */
export async function countAwaitingGrouping(s: Session): Promise<number> {
  const [{ n }] = await s.query<{ n: number }>(`SELECT count(*) AS n FROM appeals WHERE ${AWAITING_GROUPING}`);
  return Number(n);
}
