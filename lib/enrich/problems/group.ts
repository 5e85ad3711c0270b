import type { Session } from '../../../db';
import { APPEALS, writeProblemAssignment, type GroupTarget } from '../../../db/merge/problems';
import {
  appealsInBox,
  appealTexts,
  awaitingBatch,
  lockProblems,
  recountProblems,
  spheroidDistances,
} from '../../../db/queries/problems';
import { env } from '../../config/env';
import { stepTimer } from '../../config/timing';
import { nearestInTime, PairGrid, surelyWithin, type GridAppeal } from './candidates';
import { assignProblems, type CandidatePair, type ProblemRule } from './rule';
import { problemTerms, termSimilarity } from './similarity';

export function problemRule(): ProblemRule {
  const e = env();
  return {
    distanceM: e.PMAP_PROBLEM_DISTANCE_M,
    windowDays: e.PMAP_PROBLEM_WINDOW_DAYS,
    minSimilarity: e.PMAP_PROBLEM_MIN_SIMILARITY,
  };
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

// Where the appeals to group live (stored appeals, an import's touched rows, its staged new rows): db/merge/problems.ts.
export { APPEALS, STAGED, TOUCHED, type GroupTarget } from '../../../db/merge/problems';
export { lockProblems, recountProblems } from '../../../db/queries/problems';

const BATCH = 200_000;
const MAX_PAIRS = 64;
/** Appeals read per query by the candidate search (an option, so tests can make it cross pages). */
const OTHERS_PAGE = 250_000;

/**
 * Groups appeals that are in no problem yet (located complaints; thanks and appeals without a location stay out)
 * into problems: an existing one when a member matches the rule (lib/enrich/problems/rule.ts), else a new one.
 * Candidates come from a space-time grid per batch (same topic, near in metres, within the time window;
 * candidatePairs); text similarity is computed here. Appeal, citizen and channel counts of every problem touched are
 * recomputed from its appeals, so they stay exact. Call it inside the transaction that wrote the appeals.
 */
export async function groupNewAppeals(
  s: Session,
  rule: ProblemRule = problemRule(),
  target: GroupTarget = APPEALS,
  opts: { othersPage?: number } = {},
): Promise<GroupResult> {
  await lockProblems(s);
  const total: GroupResult = { grouped: 0, joined: 0, created: 0 };
  const grown = new Set<number>();
  // Batches in (created_at, id) order, each after the last one's final appeal (read back by id: a JS Date would
  // lose the microseconds).
  let after: number | null = null;
  const lap = stepTimer('problems: ');
  for (;;) {
    const batch: GridAppeal[] = (await awaitingBatch(s, target, after, BATCH)).map((r) => ({
      ...r,
      id: Number(r.id),
      t: Number(r.t),
    }));
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

async function groupBatch(
  s: Session,
  batch: GridAppeal[],
  rule: ProblemRule,
  target: GroupTarget,
  othersPage: number,
): Promise<GroupResult> {
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
  if (need.size) {
    for (const t of await appealTexts(s, target, [...need]))
      terms.set(Number(t.id), problemTerms(t.text, t.address, t.street));
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
  // Counted as a problem of one; the groups that grow are recounted.
  const { created, grown } = await writeProblemAssignment(s, target, { ids, leaders: leaderOf, joins: joinsProblem });
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
async function candidatePairs(
  s: Session,
  batch: GridAppeal[],
  rule: ProblemRule,
  target: GroupTarget,
  othersPage: number,
) {
  const grid = new PairGrid(batch, rule);
  const { box } = grid;
  const lap = stepTimer('pairs: ');
  // Pages in id order: a batch spread over years of a big table may find millions of appeals in its box and
  // period; the grid keeps those next to a batch appeal, so memory follows the batch.
  const at = new Map<number, GridAppeal>();
  let after = 0;
  let read = 0;
  for (;;) {
    const page = (await appealsInBox(s, target, { ...box, t0: box.t0 - 1, t1: box.t1 + 1 }, after, othersPage)).map(
      (r) => ({ ...r, id: Number(r.id), t: Number(r.t), problem: r.problem === null ? null : Number(r.problem) }),
    );
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
  const dist = check.length
    ? await spheroidDistances(s, {
        x1: check.map((p) => at.get(p.a)!.x),
        y1: check.map((p) => at.get(p.a)!.y),
        x2: check.map((p) => at.get(p.b)!.x),
        y2: check.map((p) => at.get(p.b)!.y),
      })
    : [];
  const exact = new Map(check.map((p, i) => [p, dist[i]!]));
  lap(`distances (${check.length} measured)`);
  const within = near.map((p) => ({ ...p, d: exact.get(p) ?? p.sphereM })).filter((p) => p.d <= rule.distanceM);
  return nearestInTime(within, MAX_PAIRS);
}
