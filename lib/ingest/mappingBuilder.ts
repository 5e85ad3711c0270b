import { parse } from 'csv-parse/sync';

/** Our fields a column can be picked for, per import kind (../shared/contract.md «Mapping files»). */
export const BUILDER_FIELDS = {
  appeals: [
    'external_id',
    'created_at',
    'text',
    'address',
    'lat',
    'lon',
    'topic',
    'status',
    'street',
    'house',
    'updated_at',
    'closed_at',
    'author',
    'agency',
    'answered_at',
    'answer_text',
  ],
  points: ['external_id', 'name', 'address', 'lat', 'lon', 'phone', 'url', 'walk_in', 'accessible', 'verified_at'],
  addresses: ['text', 'locality', 'street', 'house', 'lat', 'lon', 'external_id'],
} as const;
export type BuilderKind = keyof typeof BUILDER_FIELDS;

/**
 * The columns of a CSV file from its first bytes: the header line, split by the delimiter it uses most («;» in
 * Russian Excel exports, «,» or tab), quotes honoured. Empty when the text holds no header line.
 */
export function headerColumns(head: string): string[] {
  const line = head.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  if (!line.trim()) return [];
  const delimiter = [';', ',', '\t'].map((d) => [d, line.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const [row] = parse(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
  return (row ?? []).map((c) => c.trim()).filter(Boolean);
}

/**
 * The mapping JSON for the picked columns: `fields` from `picks` (field → column, empty ones left out), on top of
 * what `base` (the mapping already in the form, if it parses) says, so channel/topic tables typed by hand stay.
 */
export function buildMapping(base: string, source: string, picks: Readonly<Record<string, string>>): string {
  let m: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(base);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) m = parsed as Record<string, unknown>;
  } catch {
    m = {};
  }
  const fields = Object.fromEntries(Object.entries(picks).filter(([, c]) => c));
  return JSON.stringify(
    { ...m, source: typeof m.source === 'string' && m.source ? m.source : source, fields },
    null,
    2,
  );
}

/** A source code from a file name, as the mapping's `source` allows (letters, digits, «_», «-», «.»). */
export function sourceFromName(name: string): string {
  const base = name
    .replace(/\.[^.]+$/, '')
    .normalize('NFKD')
    .replace(/[^a-z0-9_.-]+/gi, '_')
    .replace(/^_+|_+$/g, '');
  return base || 'upload';
}
