import { PmapError } from '../errors';

/** The mapping names columns the file lacks: one message for every importer, naming the file's first columns. */
export function missingColumnsError(missing: string[], header: string[], file: string): PmapError {
  const shown =
    header
      .slice(0, 12)
      .map((h) => `"${h}"`)
      .join(', ') + (header.length > 12 ? ', …' : '');
  const columns = missing.map((c) => `"${c}"`).join(', ');
  return PmapError.keyed(
    'bad_mapping',
    missing.length > 1 ? 'import.missing_columns' : 'import.missing_column',
    { columns, shown },
    { file, column: missing[0] },
  );
}

/** Throws missingColumnsError when the file's header lacks any of the `wanted` columns. */
export function requireColumns(wanted: readonly string[], header: string[], file: string): void {
  const missing = wanted.filter((c) => !header.includes(c));
  if (missing.length) throw missingColumnsError(missing, header, file);
}
