import type { Session } from '../../../db';
import { nextIdSql } from '../../../db/nextId';
import { env } from '../../config/env';
import { AWAITING_GROUPING } from '../../../db/queries/groupingPending';
import { stepTimer } from '../../config/timing';
import { nearestInTime, PairGrid, surelyWithin, type GridAppeal } from './candidates';
import { assignProblems, type CandidatePair, type ProblemRule } from './rule';
import { problemTerms, termSimilarity } from './similarity';

export function problemRule(): ProblemRule {
  const e = env();
  return { distanceM: e.PMAP_PROBLEM_DISTANCE_M, windowDays: e.PMAP_PROBLEM_WINDOW_DAYS, minSimilarity: e.PMAP_PROBLEM_MIN_SIMILARITY };
}

export interface GroupResult {
  /** Appeals that were not in a problem and now are. */
  grouped: number;
  /** Of those, appeals that joined an existing problem or another appeal's new one. */
  joined: number;
  /** Problems created. */
  created: number;
  /** Problems that gained appeals, when the target defers recounting them (STAGED): the caller recounts them. */
  grown?: number[];
}

/**
 * Where the appeals to group live. Every relation named here has the columns the queries below read.
 * - APPEALS: appeals already stored, grouped in place (an UPDATE of appeals.problem_id).
 * - STAGED: an import's new rows before they are inserted (appeal_new, lib/store/appealsMerge.ts): the merge then
 *   writes each row once with its problem, instead of inserting it and rewriting it (that UPDATE was a fifth of a
 *   1 M-row import). Problems they join are recounted by the caller after the merge.
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

/** An import's own stored rows (appeal_touched, lib/store/appealsMerge.ts): those its geocoding located after the merge. */
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
  texts: ['appeals', '(SELECT n.id, s.text, s.address, s.street FROM appeal_new n JOIN appeal_stage s USING (row_number))'],
  recountNow: false,
  updatesAppeals: false,
};

const BATCH = 200_000;
const MAX_PAIRS = 64;
/** Appeals read per query by the candidate search (an option, so tests can make it cross pages). */
const OTHERS_PAGE = 250_000;

/** Creation time in microseconds since the epoch: exact (a JS Date keeps milliseconds), for the (created_at, id) order. */
const MICROS = `(extract(epoch FROM a.created_at) * 1000000)::int8`;

/**
 * Groups appeals that are in no problem yet (located complaints; thanks and appeals without a location stay out)
 * into problems: an existing one when a member matches the rule (lib/enrich/problems/rule.ts), else a new one.
 * Candidates come from a space-time grid per batch (same topic, near in metres, within the time window;
 * candidatePairs); text similarity is computed here. Appeal, citizen and channel counts of every problem touched are
 * recomputed from its appeals, so they stay exact. Call it inside the transaction that wrote the appeals.
 */
export async function groupNewAppeals(s: Session, rule: ProblemRule = problemRule(), target: GroupTarget = APPEALS,
  opts: { othersPage?: number } = {}): Promise<GroupResult> {
  await lockProblems(s);
  const total: GroupResult = { grouped: 0, joined: 0, created: 0 };
  const grown = new Set<number>();
  // Batches in (created_at, id) order, each after the last one's final appeal (read back by id: a JS Date would
  // lose the microseconds).
  let after: number | null = null;
  const lap = stepTimer('problems: ');
  for (;;) {
    const batch: GridAppeal[] = (await s.query<GridAppeal>(
      `SELECT id, topic, ST_X(geom) AS x, ST_Y(geom) AS y, ${MICROS} AS t, NULL AS problem FROM ${target.ungrouped} a
       WHERE ${AWAITING_GROUPING}
         ${after === null ? '' : `AND (created_at, id) > (SELECT l.created_at, l.id FROM ${target.ungrouped} l WHERE l.id = $1)`}
       ORDER BY created_at, id LIMIT ${BATCH}`, after === null ? [] : [after])).map((r) => ({ ...r, id: Number(r.id), t: Number(r.t) }));
    lap('batch picked');
    if (!batch.length) break;
    after = batch[batch.length - 1]!.id;
    const r = await groupBatch(s, batch, rule, target, opts.othersPage ?? OTHERS_PAGE);
    total.grouped += r.grouped;
    total.joined += r.joined;
    total.created += r.created;
    for (const id of r.grown ?? []) grown.add(id);
    lap('batch done');
  }
  if (!target.recountNow) total.grown = [...grown];
  return total;
}

/**
 * Two imports grouping at once would each start a problem for the same pothole. Held to the end of the transaction;
 * an import takes it before it decides which of its rows are new (STAGED), so that decision stays true.
 */
export async function lockProblems(s: Session): Promise<void> {
  await s.query(`SELECT pg_advisory_xact_lock(hashtext('pmap problems'))`);
}

async function groupBatch(s: Session, batch: GridAppeal[], rule: ProblemRule, target: GroupTarget, othersPage: number): Promise<GroupResult> {
  const lap = stepTimer('problems: ');
  const ids = batch.map((a) => a.id);
  const pairs = await candidatePairs(s, batch, rule, target, othersPage);
  lap(`${batch.length} appeals, ${pairs.length} candidate pairs`);
  const terms = new Map<number, Set<string>>();
  const need = new Set<number>();
  for (const p of pairs) {
    need.add(Number(p.a));
    need.add(Number(p.b));
  }
  for (const from of need.size ? target.texts : []) {
    const texts = await s.query<{ id: number; text: string | null; address: string | null; street: string | null }>(
      `SELECT a.id, a.text, a.address, a.street FROM unnest($1::bigint[]) AS u(id) JOIN ${from} a ON a.id = u.id`, [[...need]]);
    for (const t of texts) terms.set(Number(t.id), problemTerms(t.text, t.address, t.street));
  }
  const candidates: CandidatePair[] = pairs.map((p) => ({
    appeal: Number(p.a),
    other: Number(p.b),
    otherProblem: p.p === null ? null : Number(p.p),
    topicsEqual: true,
    distanceM: Number(p.d),
    days: Number(p.days),
    similarity: termSimilarity(terms.get(Number(p.a))!, terms.get(Number(p.b))!),
  }));
  const assigned = assignProblems(ids, candidates, rule);
  lap('texts compared');
  // Appeal → leader of its new group, or the existing problem it joins; SQL numbers the new groups and writes it all
  // (one round trip of the assignment, instead of sending problem ids out and back).
  const leaderOf: (number | null)[] = [];
  const joinsProblem: (number | null)[] = [];
  for (const id of ids) {
    const a = assigned.get(id)!;
    leaderOf.push(a.kind === 'new' ? a.leader : null);
    joinsProblem.push(a.kind === 'problem' ? a.id : null);
  }
  await s.query(`DROP TABLE IF EXISTS problem_assign, problem_leader`);
  await s.query(
    `CREATE TEMP TABLE problem_assign ON COMMIT DROP AS
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS v(aid, leader, pid)`, [ids, leaderOf, joinsProblem]);
  await s.query(
    `CREATE TEMP TABLE problem_leader ON COMMIT DROP AS
     SELECT leader, ${nextIdSql('problems')} AS pid
     FROM (SELECT aid AS leader FROM problem_assign WHERE leader = aid ORDER BY aid) l`);
  // Counted as a problem of one; the groups that grow are recounted.
  const [{ created }] = await s.query<{ created: number }>(
    `WITH ins AS (
       INSERT INTO problems (id, topic, first_at, last_at, geom, appeal_count, citizen_count, channel_count, channels)
       SELECT l.pid, a.topic, a.created_at, a.created_at, a.geom, 1, 1, 1, ARRAY[a.channel]
       FROM problem_leader l JOIN ${target.pending} a ON a.id = l.leader RETURNING 1)
     SELECT count(*) AS created FROM ins`);
  const assignedSql = `(SELECT a.aid, coalesce(a.pid, l.pid) AS pid, a.aid = a.leader AS leads
    FROM problem_assign a LEFT JOIN problem_leader l ON l.leader = a.leader)`;
  // Only problem_id changes: no rollup key, no cube delta (db/migrations/2026-12-07T34-rollup-keys-kept.ts).
  if (target.updatesAppeals) await s.query(`SELECT set_config('pmap.rollup_keys_kept', 'on', true)`);
  await s.query(target.assign(assignedSql));
  if (target.updatesAppeals) await s.query(`SELECT set_config('pmap.rollup_keys_kept', 'off', true)`);
  const grown = (await s.query<{ pid: number }>(`SELECT DISTINCT pid FROM ${assignedSql} x WHERE leads IS NOT TRUE`))
    .map((r) => Number(r.pid));
  if (target.recountNow) await recountProblems(s, grown);
  lap(`${created} problems created, ${grown.length} grown`);
  return { grouped: ids.length, joined: ids.length - created, created, grown };
}

/**
 * Pairs (new appeal, other appeal) of the same topic within the distance and the window, where the other is in a
 * problem already or is new and sorts earlier (created_at, id). Paged queries read the appeals the batch may pair
 * with (its box widened by the distance, its period by the window); a grid in memory pairs them
 * (lib/enrich/problems/candidates.ts) and PostGIS measures on the spheroid the pairs near the distance limit.
 * (Index probes per appeal, on GiST or a 4-D GiST, took 0.6–1.5 ms each on the demo's dense city: minutes for
 * 200 k appeals; a 27-cell grid join in SQL over two analysed temp tables took 4–6 s per 200 k, this about 1 s.)
 */
async function candidatePairs(s: Session, batch: GridAppeal[], rule: ProblemRule, target: GroupTarget, othersPage: number) {
  const grid = new PairGrid(batch, rule);
  const { box } = grid;
  const lap = stepTimer('pairs: ');
  // Pages in id order: a batch spread over years of a big table may find millions of appeals in its box and
  // period; the grid keeps those next to a batch appeal, so memory follows the batch.
  const at = new Map<number, GridAppeal>();
  let after = 0;
  let read = 0;
  for (;;) {
    const page = (await s.query<GridAppeal>(
      `SELECT a.id, a.topic, ST_X(a.geom) AS x, ST_Y(a.geom) AS y, ${MICROS} AS t, a.problem_id AS problem FROM ${target.all} a
       WHERE a.geom && ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326) AND NOT a.is_gratitude
         AND a.created_at BETWEEN to_timestamp($5::float8 / 1e6) AND to_timestamp($6::float8 / 1e6) AND a.id > $7
       ORDER BY a.id LIMIT ${othersPage}`,
      [box.w, box.s, box.e, box.n, box.t0 - 1, box.t1 + 1, after]))
      .map((r) => ({ ...r, id: Number(r.id), t: Number(r.t), problem: r.problem === null ? null : Number(r.problem) }));
    read += page.length;
    for (const o of page) if (grid.add(o)) at.set(o.id, o);
    if (page.length < othersPage) break;
    after = page[page.length - 1]!.id;
  }
  lap(`others read ${read}, kept ${at.size}`);
  const near = grid.pairs();
  lap('grid');
  if (!near.length) return [];
  // Pairs well inside the distance on the sphere are inside on the spheroid too; PostGIS measures the rest.
  // The batch's own rows came back among the others, so `at` holds both ends of every pair.
  const check = near.filter((p) => !surelyWithin(p.sphereM, rule.distanceM));
  const dist = check.length ? await s.query<{ d: number }>(
    `SELECT ST_Distance(ST_SetSRID(ST_MakePoint(x1, y1), 4326)::geography, ST_SetSRID(ST_MakePoint(x2, y2), 4326)::geography) AS d
     FROM unnest($1::float8[], $2::float8[], $3::float8[], $4::float8[]) WITH ORDINALITY AS u(x1, y1, x2, y2, i) ORDER BY i`,
    [check.map((p) => at.get(p.a)!.x), check.map((p) => at.get(p.a)!.y), check.map((p) => at.get(p.b)!.x), check.map((p) => at.get(p.b)!.y)]) : [];
  const exact = new Map(check.map((p, i) => [p, Number(dist[i]!.d)]));
  lap(`distances (${check.length} measured)`);
  const within = near.map((p) => ({ ...p, d: exact.get(p) ?? p.sphereM })).filter((p) => p.d <= rule.distanceM);
  return nearestInTime(within, MAX_PAIRS);
}

/** Counts, period, channels and centre of the given problems, from their appeals. */
export async function recountProblems(s: Session, problemIds: readonly number[]): Promise<void> {
  if (!problemIds.length) return;
  // An appeal without an author is a citizen of its own (a hotline call that left no name is still somebody).
  await s.query(
    `UPDATE problems p SET appeal_count = c.n, citizen_count = c.citizens, channel_count = c.nch, channels = c.chs,
       first_at = c.f, last_at = c.l, geom = c.g, updated_at = now()
     FROM (SELECT problem_id, count(*) AS n,
             count(DISTINCT author_pseudonym) + count(*) FILTER (WHERE author_pseudonym IS NULL) AS citizens,
             count(DISTINCT channel) AS nch, array_agg(DISTINCT channel ORDER BY channel) AS chs,
             min(created_at) AS f, max(created_at) AS l, ST_Centroid(ST_Collect(geom)) AS g
           FROM unnest($1::bigint[]) AS u(id) JOIN appeals ON problem_id = u.id GROUP BY problem_id) c
     WHERE p.id = c.problem_id`, [problemIds]);
}
