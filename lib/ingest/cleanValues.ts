import type { RecordReader, SourceRecord } from './readers';

/*
 * Repairs inside values, per value, for files whose text is mostly fine (lib/ingest/encoding.ts handles a file
 * that is mojibake throughout):
 * - double-encoded UTF-8: a run such as "Â\u00a0" (an NBSP's two bytes read as Windows-1252 and written as UTF-8
 *   again) or "Ã©" is turned back into the character it was. Only a run whose bytes form valid UTF-8 is touched,
 *   so "café", «», "°" and any Cyrillic stay as they are;
 * - NBSP and the other no-break / odd spaces become a plain space;
 * - zero-width characters (U+200B–U+200D, U+2060, U+FEFF) are dropped;
 * - U+FFFC (the object replacement character a portal leaves where a picture was) is dropped.
 */

export type RepairKind = 'mojibake' | 'nbsp' | 'zero_width' | 'object_replacement';
export const REPAIR_KINDS: readonly RepairKind[] = ['mojibake', 'nbsp', 'zero_width', 'object_replacement'];

// Windows-1252's bytes 0x80–0x9F, as the characters a Latin-1/Windows-1252 decoder gives them.
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80,
  0x201a: 0x82,
  0x0192: 0x83,
  0x201e: 0x84,
  0x2026: 0x85,
  0x2020: 0x86,
  0x2021: 0x87,
  0x02c6: 0x88,
  0x2030: 0x89,
  0x0160: 0x8a,
  0x2039: 0x8b,
  0x0152: 0x8c,
  0x017d: 0x8e,
  0x2018: 0x91,
  0x2019: 0x92,
  0x201c: 0x93,
  0x201d: 0x94,
  0x2022: 0x95,
  0x2013: 0x96,
  0x2014: 0x97,
  0x02dc: 0x98,
  0x2122: 0x99,
  0x0161: 0x9a,
  0x203a: 0x9b,
  0x0153: 0x9c,
  0x017e: 0x9e,
  0x0178: 0x9f,
};

/** The byte a character stands for after a Latin-1/Windows-1252 misreading, or -1 when it is not one (>= 0x80). */
function highByte(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 0x80 && c <= 0xff) return c;
  return CP1252_HIGH[c] ?? -1;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

// A lead byte of a multi-byte sequence read as Latin-1 (Â..ô) followed by at least one character in the high range.
const CANDIDATE =
  /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]/;

/** Undoes double-encoded UTF-8 run by run; returns the value unchanged when no run decodes. */
export function undoDoubleUtf8(s: string): string {
  if (!CANDIDATE.test(s)) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (highByte(s[i]!) < 0) {
      out += s[i];
      i++;
      continue;
    }
    let j = i;
    const bytes: number[] = [];
    while (j < s.length) {
      const b = highByte(s[j]!);
      if (b < 0) break;
      bytes.push(b);
      j++;
    }
    out += decodeRun(s.slice(i, j), bytes);
    i = j;
  }
  return out;
}

/** A run of high characters: decoded when its bytes are valid UTF-8 as a whole, else kept as written. */
function decodeRun(run: string, bytes: number[]): string {
  if (bytes.length < 2) return run;
  try {
    const text = utf8.decode(Uint8Array.from(bytes));
    return PLAUSIBLE.test(text) ? text : run;
  } catch {
    return run;
  }
}

// What a repaired run may hold: Latin, Greek, Cyrillic letters, punctuation and the invisible characters repaired
// next; "Ü" + NBSP is valid UTF-8 too (a Syriac letter), and is left alone by this check.
const PLAUSIBLE = /^[\u00a0-\u024f\u0370-\u03ff\u0400-\u04ff\u2000-\u206f\u20ac\u2116\u2122\ufeff\ufffc]+$/;

const ODD_SPACES = /[\u00a0\u2007\u202f]/g;
const HAS_ODD_SPACE = /[\u00a0\u2007\u202f]/;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const HAS_ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/;
const OBJECT_REPLACEMENT = /[ \t]*\ufffc+[ \t]*/g;

/** One text value repaired, and which repairs it took. */
// Any character one of the repairs acts on; most values (ASCII, Cyrillic) have none and are passed by one test.
const ANY_SUSPECT = /[\u00a0\u00c2-\u00f4\u2007\u202f\u200b-\u200d\u2060\ufeff\ufffc]/;
const NONE: RepairKind[] = [];

export function repairText(s: string): { value: string; kinds: RepairKind[] } {
  if (!ANY_SUSPECT.test(s)) return { value: s, kinds: NONE };
  const kinds: RepairKind[] = [];
  let v = s;
  const fixed = undoDoubleUtf8(v);
  if (fixed !== v) {
    kinds.push('mojibake');
    v = fixed;
  }
  if (HAS_ODD_SPACE.test(v)) {
    kinds.push('nbsp');
    v = v.replace(ODD_SPACES, ' ');
  }
  if (HAS_ZERO_WIDTH.test(v)) {
    kinds.push('zero_width');
    v = v.replace(ZERO_WIDTH, '');
  }
  if (v.includes('\ufffc')) {
    kinds.push('object_replacement');
    // Between two words it leaves one space; at either end of the value, nothing.
    v = v.replace(OBJECT_REPLACEMENT, (m, at: number) => (at === 0 || at + m.length === v.length ? '' : ' '));
  }
  return { value: v, kinds };
}

/** Counts of repaired values per kind, over a file. */
export type RepairCounts = Record<RepairKind, number>;

export const noRepairs = (): RepairCounts => ({ mojibake: 0, nbsp: 0, zero_width: 0, object_replacement: 0 });

function repairDeep(v: unknown, counts: RepairCounts): unknown {
  if (typeof v === 'string') {
    const r = repairText(v);
    for (const k of r.kinds) counts[k]++;
    return r.value;
  }
  if (Array.isArray(v)) {
    const out = v.map((x) => repairDeep(x, counts));
    return out.some((x, i) => x !== v[i]) ? out : v;
  }
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).map(([k, x]) => [k, repairDeep(x, counts)] as const);
    return entries.some(([k, x]) => x !== (v as Record<string, unknown>)[k]) ? Object.fromEntries(entries) : v;
  }
  return v;
}

/** A record with every text value repaired (nested JSON too); `counts` gains one per repaired value and kind. */
export function repairRecord(rec: SourceRecord, counts: RepairCounts): SourceRecord {
  if (rec.problem) return rec;
  let values: Record<string, unknown> | null = null;
  for (const k in rec.values) {
    const v = rec.values[k];
    const r = repairDeep(v, counts);
    if (r === v) continue;
    values ??= { ...rec.values };
    values[k] = r;
  }
  return values ? { ...rec, values } : rec;
}

const KIND_TEXT: Record<RepairKind, string> = {
  mojibake: 'double-encoded UTF-8 (such as "Â" before a no-break space) decoded',
  nbsp: 'no-break spaces made plain spaces',
  zero_width: 'zero-width characters removed',
  object_replacement: 'object replacement characters (U+FFFC) removed',
};

/** One note for the summary, or null when nothing was repaired. */
export function repairNote(c: RepairCounts): string | null {
  const parts = REPAIR_KINDS.filter((k) => c[k] > 0).map((k) => `${c[k]} values: ${KIND_TEXT[k]}`);
  return parts.length ? `repaired values: ${parts.join('; ')}` : null;
}

/** A reader whose records come repaired; `counts` fills as they are read. */
export function repairingReader(reader: RecordReader, counts: RepairCounts): RecordReader {
  return {
    ...reader,
    columns: () => reader.columns(),
    fraction: () => reader.fraction(),
    async *records() {
      for await (const rec of reader.records()) yield repairRecord(rec, counts);
    },
  };
}
