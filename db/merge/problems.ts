import { sql } from 'kysely';
import type { Session } from '../client';
import { nextIdSql } from '../nextId';
import { runSql } from '../sql/builder';

/*
 * Server-only. Problem grouping's writes (lib/enrich/problems/group.ts decides who joins what): where the appeals to
 * group live, and one batch's assignment written at once. On the bulk-import hot path (1 M rows): the statements are
 * the ones grouping always ran, only moved here.
 */

/**
 * Where the appeals to group live. Every relation named here has the columns the queries read.
 * - APPEALS: appeals already stored, grouped in place (an UPDATE of appeals.problem_id).
 * - STAGED: an import's new rows before they are inserted (appeal_new, db/merge/appeals.ts): the merge then writes
 *   each row once with its problem, instead of inserting it and rewriting it (that UPDATE was a fifth of a 1 M-row
 *   import). Problems they join are recounted by the caller after the merge.
 */
export interface GroupTarget {
  /** The appeals to group, the ungrouped ones with a null problem_id (id, topic, created_at, geom, channel, is_gratitude, problem_id). */
  pending: string;
  /** The same rows where batches are picked from (id, topic, created_at, geom, is_gratitude, problem_id). */
  ungrouped: string;
  /** Records each appeal's problem, given a relation of (aid, pid). */
  assign: (from: string) => string;
  /** Everything they may match (id, topic, created_at, geom, is_gratitude, problem_id). */
  all: string;
  /** Sources of text by id (id, text, address, street). */
  texts: string[];
  recountNow: boolean;
  /** `assign` UPDATEs appeals (problem_id only): the rollup trigger is told to skip it. */
  updatesAppeals: boolean;
}

export const APPEALS: GroupTarget = {
  pending: 'appeals',
  ungrouped: 'appeals',
  assign: (from) => `UPDATE appeals a SET problem_id = v.pid FROM ${from} v WHERE a.id = v.aid`,
  all: 'appeals',
  texts: ['appeals'],
  recountNow: true,
  updatesAppeals: true,
};

/** An import's own stored rows (appeal_touched, db/merge/appeals.ts): those its geocoding located after the merge. */
const TOUCHED_ROWS = '(SELECT a.* FROM appeal_touched t JOIN appeals a ON a.id = t.id)';
export const TOUCHED: GroupTarget = { ...APPEALS, pending: TOUCHED_ROWS, ungrouped: TOUCHED_ROWS };

// Assignments are inserted into appeal_new_problem, not updated into appeal_new: an UPDATE of 200 k temp rows took 4-5 s.
const STAGED_PENDING = `(SELECT n.id, n.topic, n.created_at, n.geom, n.channel, n.is_gratitude, p.problem_id
  FROM appeal_new n LEFT JOIN appeal_new_problem p ON p.id = n.id)`;

export const STAGED: GroupTarget = {
  pending: STAGED_PENDING,
  // Batches never come back to a row (keyset order), so the rows left to pick are all ungrouped.
  ungrouped: '(SELECT id, topic, created_at, geom, is_gratitude, NULL::bigint AS problem_id FROM appeal_new)',
  assign: (from) => `INSERT INTO appeal_new_problem (id, problem_id) SELECT aid, pid FROM ${from} v`,
  all: `(SELECT id, topic, created_at, geom, is_gratitude, problem_id FROM appeals
         UNION ALL SELECT id, topic, created_at, geom, is_gratitude, problem_id FROM ${STAGED_PENDING} n)`,
  texts: [
    'appeals',
    '(SELECT n.id, s.text, s.address, s.street FROM appeal_new n JOIN appeal_stage s USING (row_number))',
  ],
  recountNow: false,
  updatesAppeals: false,
};

/**
 * Writes one batch's assignment: each appeal's leader of its new group (null when it joins an existing problem, then
 * `joins` names it). SQL numbers the new groups (one problem per leader, counted as a problem of one) and records
 * every appeal's problem through the target. Returns how many problems were created and the problems that grew.
 */
export async function writeProblemAssignment(
  s: Session,
  target: GroupTarget,
  a: {
    ids: number[];
    leaders: (number | null)[];
    joins: (number | null)[];
  },
): Promise<{ created: number; grown: number[] }> {
  await runSql(s, sql`DROP TABLE IF EXISTS problem_assign, problem_leader`);
  await runSql(
    s,
    sql`CREATE TEMP TABLE problem_assign ON COMMIT DROP AS
     SELECT * FROM unnest(${a.ids}::bigint[], ${a.leaders}::bigint[], ${a.joins}::bigint[]) AS v(aid, leader, pid)`,
  );
  await runSql(
    s,
    sql`CREATE TEMP TABLE problem_leader ON COMMIT DROP AS
     SELECT leader, ${sql.raw(nextIdSql('problems'))} AS pid
     FROM (SELECT aid AS leader FROM problem_assign WHERE leader = aid ORDER BY aid) l`,
  );
  const [{ created }] = await runSql(
    s,
    sql<{ created: number }>`WITH ins AS (
       INSERT INTO problems (id, topic, first_at, last_at, geom, appeal_count, citizen_count, channel_count, channels)
       SELECT l.pid, a.topic, a.created_at, a.created_at, a.geom, 1, 1, 1, ARRAY[a.channel]
       FROM problem_leader l JOIN ${sql.raw(target.pending)} a ON a.id = l.leader RETURNING 1)
     SELECT count(*) AS created FROM ins`,
  );
  const assigned = `(SELECT a.aid, coalesce(a.pid, l.pid) AS pid, a.aid = a.leader AS leads
    FROM problem_assign a LEFT JOIN problem_leader l ON l.leader = a.leader)`;
  // Only problem_id changes: no rollup key, no cube delta (db/migrations/2026-12-07T34-rollup-keys-kept.ts).
  if (target.updatesAppeals) await runSql(s, sql`SELECT set_config('pmap.rollup_keys_kept', 'on', true)`);
  await runSql(s, sql.raw(target.assign(assigned)));
  if (target.updatesAppeals) await runSql(s, sql`SELECT set_config('pmap.rollup_keys_kept', 'off', true)`);
  const grown = (
    await runSql(s, sql<{ pid: number }>`SELECT DISTINCT pid FROM ${sql.raw(assigned)} x WHERE leads IS NOT TRUE`)
  ).map((r) => Number(r.pid));
  return { created: Number(created), grown };
}
