import type { FieldSpec } from './mapping';
import type { SourceRecord } from './readers';

/** A cell as trimmed text; objects (nested JSON) as their JSON. */
export const str = (v: unknown): string =>
  (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)).trim();

/** A column, or for nested JSON a dotted path ("extended_attributes.channel") when no such flat key exists. */
export function valueAt(values: Record<string, unknown>, col: string): unknown {
  if (col in values || !col.includes('.')) return values[col];
  let v: unknown = values;
  for (const k of col.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** What a mapping field names: one column, several joined by a space, or a constant. Empty when unmapped. */
export function readField(rec: SourceRecord, spec: FieldSpec | undefined): string {
  if (spec === undefined) return '';
  if (typeof spec === 'string') return str(valueAt(rec.values, spec));
  if (Array.isArray(spec))
    return spec
      .map((c) => str(valueAt(rec.values, c)))
      .filter(Boolean)
      .join(' ');
  return str(spec.value);
}

/** The column to name in a reject reason: the field's (first) column, else the field's own name. */
export const columnOf = (spec: FieldSpec | undefined, fallback: string): string =>
  typeof spec === 'string' ? spec : Array.isArray(spec) ? spec[0]! : fallback;

export const nullIfEmpty = (s: string): string | null => (s ? s : null);
