import type { Session } from '../../db';

/**
 * How many ids of a staged file carry more than one different record (raw values differ), as opposed to the same
 * row repeated: a sign that the id column is not an id. Run before rejectInFileDuplicates drops the earlier rows.
 */
export async function conflictingIds(s: Session, stage: 'appeal_stage' | 'point_stage', key = 'external_id'): Promise<number> {
  const [r] = await s.query<{ n: number }>(
    `SELECT count(*)::int n FROM (SELECT 1 FROM ${stage} GROUP BY ${key} HAVING count(DISTINCT raw) > 1) t`);
  return Number(r?.n ?? 0);
}

