import { entryKey, type RuleEntry } from './rules';

/** Where a rule entry matched in a list of words. */
export interface RuleHit {
  entry: RuleEntry;
  /** Index of the first matched word. */
  at: number;
  /** Matched with one typo (edit distance 1) rather than exactly. */
  fuzzy: boolean;
}

/** Stems this long or longer also match with one typo; shorter ones would match too much (двор ~ вор). */
const FUZZY_MIN = 5;

const deletions = (s: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
};

/**
 * True when the typo'd prefix a and the stem b differ by one substitution, insertion or deletion before b's last
 * letter: a stem's last letter is where Russian endings vary, so a change there is inflection (травят ≠ травян), not a typo.
 */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i >= b.length - 1) return false;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Finds rule entries in a list of normalised words. Exact lookups go through maps (a word's prefixes for stems, the
 * word itself for whole words); typo lookups through a deletion index (SymSpell's idea: two strings within one edit
 * share a string after deleting at most one letter from each), so no text is ever compared with every entry.
 */
export class RuleMatcher {
  private readonly stems = new Map<string, RuleEntry[]>();
  private readonly whole = new Map<string, RuleEntry[]>();
  private readonly fuzzy = new Map<string, RuleEntry[]>();
  private readonly fuzzyLengths: number[];
  private readonly memo = new Map<string, { exact: RuleEntry[]; fuzzy: RuleEntry[] }>();

  constructor(entries: readonly RuleEntry[]) {
    const push = (m: Map<string, RuleEntry[]>, k: string, e: RuleEntry) => {
      const list = m.get(k);
      if (!list) m.set(k, [e]);
      else if (!list.includes(e)) list.push(e);
    };
    const lengths = new Set<number>();
    const seen = new Set<string>();
    for (const e of entries) {
      if (seen.has(entryKey(e))) continue;
      seen.add(entryKey(e));
      const first = e.parts[0];
      push(e.kind === 'stem' ? this.stems : this.whole, first, e);
      if (first.length < FUZZY_MIN || /\d/.test(first)) continue;
      lengths.add(first.length);
      push(this.fuzzy, first, e);
      for (const d of deletions(first)) push(this.fuzzy, d, e);
    }
    this.fuzzyLengths = [...lengths].sort((a, b) => a - b);
  }

  /** Entries whose first part matches this word: exactly, or (only when nothing matches exactly) with one typo. */
  private lookup(word: string): { exact: RuleEntry[]; fuzzy: RuleEntry[] } {
    const hit = this.memo.get(word);
    if (hit) return hit;
    const exact: RuleEntry[] = [...(this.whole.get(word) ?? [])];
    for (let n = 1; n <= word.length; n++) exact.push(...(this.stems.get(word.slice(0, n)) ?? []));
    const fuzzy = exact.length ? [] : this.fuzzyLookup(word);
    const out = { exact, fuzzy };
    if (this.memo.size > 100_000) this.memo.clear();
    this.memo.set(word, out);
    return out;
  }

  private fuzzyLookup(word: string): RuleEntry[] {
    if (word.length < FUZZY_MIN - 1) return [];
    const found = new Set<RuleEntry>();
    for (const len of this.fuzzyLengths) {
      // A typo'd stem occupies len-1..len+1 letters of the word; whole words must be the whole word.
      for (const n of [len - 1, len, len + 1]) {
        if (n > word.length || n < FUZZY_MIN - 1) continue;
        const p = word.slice(0, n);
        for (const probe of [p, ...deletions(p)]) {
          for (const e of this.fuzzy.get(probe) ?? []) {
            const first = e.parts[0];
            if (first.length !== len || !withinOneEdit(p, first)) continue;
            if (e.kind === 'word' && n !== word.length) continue;
            found.add(e);
          }
        }
      }
    }
    return [...found];
  }

  private static partMatches(e: RuleEntry, part: string, word: string | undefined): boolean {
    if (word === undefined) return false;
    return e.kind === 'word' ? word === part : word.startsWith(part);
  }

  /** Every entry that matches somewhere in `words`; each entry reported once, at its first exact match if any. */
  match(words: readonly string[]): RuleHit[] {
    const best = new Map<RuleEntry, RuleHit>();
    for (let i = 0; i < words.length; i++) {
      const { exact, fuzzy } = this.lookup(words[i]);
      for (const [list, isFuzzy] of [
        [exact, false],
        [fuzzy, true],
      ] as const) {
        for (const e of list) {
          const rest = e.parts.slice(1);
          if (!rest.every((p, j) => RuleMatcher.partMatches(e, p, words[i + 1 + j]))) continue;
          const prev = best.get(e);
          if (!prev || (prev.fuzzy && !isFuzzy)) best.set(e, { entry: e, at: i, fuzzy: isFuzzy });
        }
      }
    }
    return [...best.values()];
  }
}
