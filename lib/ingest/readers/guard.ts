import type { RecordReader, SourceRecord } from './types';

/*
 * The rule every reader's records pass before any importer sees them (appeals, roads, points, addresses, plans,
 * boundaries, and the geocoder's input alike):
 * - a NUL byte (U+0000) is dropped from column names — PostgreSQL's text and jsonb cannot hold it;
 * - a value holding a NUL byte, or longer than the field limit, makes its row a reject naming the column: one bad
 *   cell costs one row, not the import, and a 200 MB cell never reaches the tables and the pages that serve them;
 * - a rejected row's values are made storable (no NUL, long ones cut) for the rejects file and import_rejects;
 * - an unpaired UTF-16 surrogate (JSON's "\ud83d" alone: an emoji cut in half by a length limit upstream) becomes
 *   U+FFFD, as an invalid byte of a UTF-8 file does: jsonb refuses it, and one cut emoji must not cost the row.
 */

const NUL = '\u0000';

export const withoutNul = (s: string): string => (s.includes(NUL) ? s.split(NUL).join('') : s);

/** Whether a value (nested JSON included, keys too) holds a NUL byte. */
function hasNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes(NUL);
  if (Array.isArray(v)) return v.some(hasNul);
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => k.includes(NUL) || hasNul(x));
  return false;
}

/** A value's length as the importers read it (fields.ts str(): nested JSON as its JSON text). */
const lengthOf = (v: unknown): number =>
  typeof v === 'string' ? v.length : v && typeof v === 'object' ? JSON.stringify(v).length : 0;

/** Deeper JSON nesting than this is no record a person exported (and deep enough would overflow the stack). */
export const MAX_DEPTH = 64;

/** Whether a value nests objects or arrays deeper than `left` levels; stops looking there. */
function deeperThan(v: unknown, left: number): boolean {
  if (!v || typeof v !== 'object') return false;
  if (left === 0) return true;
  return (Array.isArray(v) ? v : Object.values(v)).some((x) => deeperThan(x, left - 1));
}

/** Why a record's values cannot be imported, naming the first offending column, or undefined. */
export function valuesProblem(values: Record<string, unknown>, maxChars: number): string | undefined {
  for (const [col, v] of Object.entries(values)) {
    if (deeperThan(v, MAX_DEPTH)) return `column "${col}": the value is nested more than ${MAX_DEPTH} levels deep`;
    if (hasNul(v)) return `column "${col}": the value contains a NUL byte (\\0), which cannot be stored`;
    const n = lengthOf(v);
    if (n > maxChars)
      return `column "${col}": the value has ${n} characters, more than the limit of ${maxChars} (PMAP_MAX_FIELD_CHARS)`;
  }
  return undefined;
}

/** A value with every NUL byte dropped, from its strings and keys alike. */
function deepWithoutNul(v: unknown): unknown {
  if (typeof v === 'string') return withoutNul(v);
  if (Array.isArray(v)) return v.map(deepWithoutNul);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [withoutNul(k), deepWithoutNul(x)]));
  return v;
}

/** A value as the rejects file and import_rejects keep it: no NUL byte, at most `maxChars` characters and a note. */
function storable(v: unknown, maxChars: number): unknown {
  const clean = deepWithoutNul(v);
  const text = typeof clean === 'string' ? clean : clean && typeof clean === 'object' ? JSON.stringify(clean) : null;
  if (text === null || text.length <= maxChars) return clean;
  // Never between the two halves of a surrogate pair: half an emoji is a value jsonb refuses.
  const cut = /[\ud800-\udbff]/.test(text[maxChars - 1] ?? '') ? maxChars - 1 : maxChars;
  return `${text.slice(0, cut)}… [${text.length - cut} more characters cut]`;
}

const cleanKeys = (values: Record<string, unknown>): Record<string, unknown> =>
  Object.keys(values).some((k) => k.includes(NUL))
    ? Object.fromEntries(Object.entries(values).map(([k, v]) => [withoutNul(k), v]))
    : values;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const hasLone = (s: string) => /[\ud800-\udfff]/.test(s) && s.replace(LONE_SURROGATE, '') !== s;

/** Whether a value (nested JSON included, keys too) holds an unpaired surrogate. */
function hasLoneSurrogate(v: unknown): boolean {
  if (typeof v === 'string') return hasLone(v);
  if (Array.isArray(v)) return v.some(hasLoneSurrogate);
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => hasLone(k) || hasLoneSurrogate(x));
  return false;
}

function wellFormed(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(LONE_SURROGATE, '\ufffd');
  if (Array.isArray(v)) return v.map(wellFormed);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [wellFormed(k), wellFormed(x)]));
  return v;
}

/** The record with every unpaired surrogate of its values (and keys) replaced by U+FFFD; the same object when none. */
export function withoutLoneSurrogates(rec: SourceRecord): SourceRecord {
  if (Object.values(rec.values).some((v) => deeperThan(v, MAX_DEPTH))) return rec;
  return hasLoneSurrogate(rec.values) ? { ...rec, values: wellFormed(rec.values) as Record<string, unknown> } : rec;
}

/** One record through the rule. */
export function guardRecord(rec: SourceRecord, maxChars: number): SourceRecord {
  // Too deep to walk: the values are dropped (a placeholder says so) before anything recurses into them.
  const deep = Object.entries(rec.values).find(([, v]) => deeperThan(v, MAX_DEPTH));
  if (deep) {
    return {
      ...rec,
      problem: rec.problem ?? `column "${withoutNul(deep[0])}": the value is nested more than ${MAX_DEPTH} levels deep`,
      values: Object.fromEntries(
        Object.entries(rec.values).map(([k, v]) => [
          withoutNul(k),
          deeperThan(v, MAX_DEPTH) ? `[nested more than ${MAX_DEPTH} levels]` : storable(v, maxChars),
        ]),
      ),
    };
  }
  const values = cleanKeys(rec.values);
  const problem = rec.problem ?? valuesProblem(values, maxChars);
  if (!problem) return values === rec.values ? rec : { ...rec, values };
  return {
    ...rec,
    problem,
    values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, storable(v, maxChars)])),
  };
}

/** A reader whose records (and header) pass the rule. */
export function guardReader(reader: RecordReader, maxChars: number): RecordReader {
  return {
    ...reader,
    columns: async () => (await reader.columns())?.map(withoutNul) ?? null,
    async *records() {
      let surrogates = 0;
      for await (const raw of reader.records()) {
        const rec = withoutLoneSurrogates(raw);
        if (rec !== raw) surrogates++;
        yield guardRecord(rec, maxChars);
      }
      if (surrogates)
        reader.notes.push(
          `${surrogates} rows held an unpaired UTF-16 surrogate (half of an emoji): replaced with U+FFFD`,
        );
    },
  };
}
