/**
 * Picks the gazetteer street an address means, from the candidates the database found (same name, or similar by
 * trigrams), and says how sure the pick is. Pure: the thresholds here are what keeps confident wrong answers rare.
 */
import { editDistance } from './distance';

export interface StreetCandidate {
  id: number;
  locality: string;
  core: string;
  type: string;
  houses: number;
  /** pg_trgm similarity of the names (1 for an exact match). */
  sim: number;
}

export interface StreetQuery {
  core: string;
  type: string;
  /** The address named a locality the gazetteer knows; without one every locality is a candidate. */
  localityGiven: boolean;
}

/** A street the address may mean, with how well its name matches (0..1, type mismatch deducted). */
export interface StreetOption {
  candidate: StreetCandidate;
  score: number;
}

/** Below this a name is too unlike any gazetteer street to be a spelling of it. */
export const MIN_NAME_SCORE = 0.6;
const TYPE_MISMATCH = 0.15;

/** How well a written name matches a gazetteer name, 0..1. */
export function nameScore(q: string, c: string, sim: number): number {
  if (q === c) return 1;
  const len = Math.max(q.length, c.length);
  const d = editDistance(q, c, 2);
  // One edit in a 9-letter name is a typo (0.83); one in 4 letters may well be another name (0.63).
  const edit = d <= 2 ? 1 - (1.5 * d) / len : 0;
  const qw = q.split(' ');
  const cw = new Set(c.split(' '));
  // "Горького" for "Максима Горького": every written word is in the name, one is left out.
  const extra = cw.size - qw.length;
  const subset = extra >= 1 && qw.every((w) => cw.has(w)) ? 0.85 - 0.1 * (extra - 1) : 0;
  return Math.max(edit, subset, sim - 0.1);
}

function score(q: StreetQuery, c: StreetCandidate): number {
  const s = nameScore(q.core, c.core, c.sim);
  return q.type && c.type && q.type !== c.type ? s - TYPE_MISMATCH : s;
}

/** Deterministic order among equal scores: the type written, else the commonest type "ул", then the longer street. */
function tieBreak(q: StreetQuery, a: StreetCandidate, b: StreetCandidate): number {
  const pref = (c: StreetCandidate) => (c.type === (q.type || 'ул') ? 0 : 1);
  return pref(a) - pref(b) || b.houses - a.houses || a.id - b.id;
}

/** Scores within this of the best are "the text does not tell them apart". */
const NEAR = 0.15;
const MAX_OPTIONS = 4;
/** Several streets fit the name but only one has the written house: probably that one, not certainly. */
const HOUSE_EVIDENCE = 0.9;

/** The plausible streets, best first: the best and those scoring within NEAR of it; empty when none is close enough. */
export function rankStreets(q: StreetQuery, candidates: readonly StreetCandidate[]): StreetOption[] {
  const scored = candidates
    .map((c) => ({ candidate: c, score: score(q, c) }))
    .sort((x, y) => y.score - x.score || tieBreak(q, x.candidate, y.candidate));
  const best = scored[0];
  if (!best || best.score < MIN_NAME_SCORE) return [];
  return scored.filter((o) => o.score >= Math.max(MIN_NAME_SCORE, best.score - NEAR)).slice(0, MAX_OPTIONS);
}

const gapFactor = (options: readonly StreetOption[]): number => {
  const gap = options.length > 1 ? options[0]!.score - options[1]!.score : 1;
  return gap >= NEAR ? 1 : gap >= 0.05 ? 0.8 : 0.55;
};

/**
 * Picks among the plausible streets. `hasHouse[k]` says whether option k has the written house number exactly: the
 * only street with it wins; otherwise a close runner-up keeps the answer but not the confidence.
 */
export function decideStreet(
  q: StreetQuery,
  options: readonly StreetOption[],
  hasHouse: readonly boolean[],
): { option: StreetOption; confidence: number } | null {
  if (!options.length) return null;
  const withHouse = options.filter((_, k) => hasHouse[k]);
  const pool = withHouse.length ? withHouse : options;
  const factor = withHouse.length === 1 && options.length > 1 ? HOUSE_EVIDENCE : gapFactor(pool);
  const option = pool[0]!;
  return { option, confidence: option.score * factor * (q.localityGiven ? 1 : 0.95) };
}
