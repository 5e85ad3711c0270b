/** Thresholds of problem grouping (PMAP_PROBLEM_* in lib/config/env.ts). */
export interface ProblemRule {
  /** Two appeals at most this far apart (metres) may describe one problem. */
  distanceM: number;
  /** … and at most this many days apart. */
  windowDays: number;
  /** … and with texts at least this similar (termSimilarity, 0..1). */
  minSimilarity: number;
}

/** A pair the candidate search found: a new appeal and an appeal of the same topic near it in space and time. */
export interface CandidatePair {
  /** The new (ungrouped) appeal. */
  appeal: number;
  /** The other appeal: a member of an existing problem, or a new appeal that comes earlier. */
  other: number;
  /** The other appeal's problem, when it has one already. */
  otherProblem: number | null;
  topicsEqual: boolean;
  distanceM: number;
  days: number;
  similarity: number;
}

/** The decision rule for one pair: same topic, near enough, close enough in time, similar enough in words. */
export function samePair(p: Omit<CandidatePair, 'appeal' | 'other' | 'otherProblem'>, rule: ProblemRule): boolean {
  return (
    p.topicsEqual &&
    p.distanceM <= rule.distanceM &&
    Math.abs(p.days) <= rule.windowDays &&
    p.similarity >= rule.minSimilarity
  );
}

/** Where a new appeal goes: an existing problem, or the group of an earlier new appeal (keyed by that group's first appeal). */
export type Assignment = { kind: 'problem'; id: number } | { kind: 'new'; leader: number };

/**
 * Assigns new appeals, in the given order (oldest first), to problems. Each joins the group of its most similar
 * matching pair (ties: an existing problem before a new group, then the lower id); without one it starts a new
 * group. Single linkage: an appeal joins when it matches any one member, as a citizen's report would be judged
 * against any earlier report of the same pothole.
 */
export function assignProblems(
  order: readonly number[],
  pairs: readonly CandidatePair[],
  rule: ProblemRule,
): Map<number, Assignment> {
  const byAppeal = new Map<number, CandidatePair[]>();
  for (const p of pairs) {
    if (!samePair(p, rule)) continue;
    const list = byAppeal.get(p.appeal);
    if (list) list.push(p);
    else byAppeal.set(p.appeal, [p]);
  }
  const out = new Map<number, Assignment>();
  for (const id of order) {
    let best: { a: Assignment; sim: number; rank: number } | null = null;
    for (const p of byAppeal.get(id) ?? []) {
      const a: Assignment | undefined =
        p.otherProblem !== null ? { kind: 'problem', id: p.otherProblem } : out.get(p.other);
      if (!a) continue; // the other new appeal comes later in the order: it will look back at this one
      const rank = a.kind === 'problem' ? a.id : Number.MAX_SAFE_INTEGER / 2 + a.leader;
      if (!best || p.similarity > best.sim || (p.similarity === best.sim && rank < best.rank))
        best = { a, sim: p.similarity, rank };
    }
    out.set(id, best ? best.a : { kind: 'new', leader: id });
  }
  return out;
}
