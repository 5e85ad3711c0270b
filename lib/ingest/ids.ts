import { readField, str, valueAt } from './fields';
import type { FieldSpec } from './mapping';
import type { SourceRecord } from './readers';

/** Between the parts of a composite id: a character ids rarely hold, so ("a b", "c") and ("a", "b c") stay apart. */
export const COMPOSITE_ID_SEPARATOR = '|';

/**
 * The external id a row gives: one column, or a composite of a list of columns (contract.md: `external_id` may be a
 * list) joined by COMPOSITE_ID_SEPARATOR, empty parts kept in place. Empty when every part is empty.
 */
export function readId(rec: SourceRecord, spec: FieldSpec | undefined): string {
  if (!Array.isArray(spec)) return readField(rec, spec);
  const parts = spec.map((c) => str(valueAt(rec.values, c)));
  return parts.some(Boolean) ? parts.join(COMPOSITE_ID_SEPARATOR) : '';
}

/** The file-level note when ids carry different records (db/merge/stageChecks.ts conflictingIds), or null. */
export const nonUniqueIdNote = (n: number): string | null =>
  n > 0
    ? `the id column is not unique: ${n} ids carry different records; use a composite id (a list of columns)`
    : null;
