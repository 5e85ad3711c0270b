/**
 * Names with a typo, matched in memory: "Гереов" for «Героев», "Московскйи" for «Московский». One query fetches the
 * streets that share a first letter with the open names (queries.ts streetsByInitial); each open name then takes the
 * streets of its locality within two edits. Trigrams (pg_trgm) still look for what stays open: a name with a word
 * more or less, a typo in the first letter. Measured on the St Petersburg truth: the per-name trigram lookups were
 * 1.1-1.4 s of a 10 800-address batch, this pass takes a few tens of milliseconds. Pure.
 */
import type { StreetCandidate } from './chooseStreet';
import { editDistance } from './distance';
import type { StreetLookup } from './queries';

const MAX_EDITS = 2;
/** Without a locality, shorter names are too easily one or two edits from another town's street. */
const MIN_LEN = 5;
const worthIt = (l: StreetLookup) => l.core.length >= MIN_LEN || (l.loc !== null && l.core.length >= 3);

/** The lookups worth an edit-distance pass: long enough, and their first letters and length span. */
export function typoPool(
  lookups: readonly StreetLookup[],
): { initials: string[]; minLen: number; maxLen: number } | null {
  const long = lookups.filter(worthIt);
  if (!long.length) return null;
  return {
    initials: [...new Set(long.map((l) => l.core[0]!))],
    minLen: Math.min(...long.map((l) => l.core.length)),
    maxLen: Math.max(...long.map((l) => l.core.length)),
  };
}

/** Per lookup, the streets of its locality (any, when none was written) within two edits of its name. */
export function typoCandidates(
  lookups: readonly StreetLookup[],
  pool: readonly StreetCandidate[],
): Map<number, StreetCandidate[]> {
  const byInitial = new Map<string, StreetCandidate[]>();
  for (const c of pool) {
    const list = byInitial.get(c.core[0]!) ?? [];
    list.push(c);
    byInitial.set(c.core[0]!, list);
  }
  const out = new Map<number, StreetCandidate[]>();
  for (const l of lookups) {
    if (!worthIt(l)) continue;
    const found = (byInitial.get(l.core[0]!) ?? []).filter(
      (c) =>
        (l.loc === null || c.locality === l.loc || c.locality === '') &&
        Math.abs(c.core.length - l.core.length) <= MAX_EDITS &&
        editDistance(l.core, c.core, MAX_EDITS) <= MAX_EDITS,
    );
    if (found.length) out.set(l.i, found);
  }
  return out;
}
