import { z } from 'zod';
import { CHANNELS, STATUSES, TOPICS } from '../domain/vocab';
import { PmapError } from '../errors';
import type { ErrorKey, ErrorParams } from '../i18n/errors';
import { isValidTimezone } from './dates';
import { readJsonFile } from '../config/jsonFile';

/** A mapping field: a column, several columns joined by a space, or a constant. */
const fieldSpec = z.union([
  z.string().min(1),
  z.array(z.string().min(1)).min(1),
  z.strictObject({ value: z.union([z.string(), z.number(), z.boolean()]) }),
]);
export type FieldSpec = z.infer<typeof fieldSpec>;

export const APPEAL_FIELDS = [
  'external_id',
  'created_at',
  'updated_at',
  'closed_at',
  'status',
  'topic',
  'text',
  'address',
  'street',
  'house',
  'lat',
  'lon',
  'author',
  'agency',
  'answered_at',
  'answer_text',
  'is_gratitude',
  'channel',
] as const;
export type AppealField = (typeof APPEAL_FIELDS)[number];

const channelSpec = z.union([
  z.enum(CHANNELS),
  z.strictObject({
    column: z.string().min(1),
    values: z.record(z.string(), z.enum(CHANNELS)).default({}),
    default: z.enum(CHANNELS).default('other'),
  }),
]);

/**
 * `"swap": true` beside lat/lon (contract.md "Added:") sits in `fields`, whose keys are field names: it is lifted to
 * the mapping's own `swap` before validation so `fields` stays a table of columns.
 */
export function liftFieldsSwap(json: unknown): unknown {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return json;
  const o = json as Record<string, unknown>;
  const f = o.fields;
  if (!f || typeof f !== 'object' || Array.isArray(f) || !('swap' in f)) return json;
  const { swap, ...fields } = f as Record<string, unknown>;
  if (typeof swap !== 'boolean') return json; // left in place: the schema names the bad value
  return { ...o, fields, swap: o.swap ?? swap };
}

/** A single column holding both coordinates; `swap` says they are swapped (lat in lon's place). */
export const coordinatesSpec = z.strictObject({
  column: z.string().min(1),
  order: z.enum(['lat,lon', 'lon,lat']).default('lat,lon'),
  swap: z.boolean().optional(),
});

export const appealMappingSchema = z.preprocess(
  liftFieldsSwap,
  z.strictObject({
    source: z.string().regex(/^[a-z0-9_.-]+$/i, 'letters, digits, "_", "-" or "." only'),
    source_name: z.string().optional(),
    fields: z.partialRecord(z.enum(APPEAL_FIELDS), fieldSpec),
    coordinates: coordinatesSpec.optional(),
    channel: channelSpec.optional(),
    topics: z.record(z.string(), z.enum(TOPICS)).default({}),
    statuses: z.record(z.string(), z.enum(STATUSES)).default({}),
    date_format: z.string().min(1).optional(),
    timezone: z.string().refine(isValidTimezone, 'not an IANA time zone name').optional(),
    /** Extension: [minLon, minLat, maxLon, maxLat] of the data's region, for the swapped-coordinates check. */
    region_bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
    /** Extension (older name of `swap`): swap rows whose coordinates look swapped instead of rejecting them. */
    swap_coordinates: z.boolean().default(false),
    /** contract.md "Added:": the file's latitude and longitude are swapped; also accepted in `fields` and `coordinates`. */
    swap: z.boolean().optional(),
    /** Extension: values of the is_gratitude column that mean "yes". */
    gratitude_values: z.array(z.string()).default(['true', '1', 'yes', 'да']),
  }),
);
export type AppealMapping = z.infer<typeof appealMappingSchema>;

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `"${issue.path.join('.')}"` : 'the mapping';
  if (issue.code === 'unrecognized_keys') {
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} in ${where}`;
  }
  if (
    issue.code === 'invalid_key' ||
    (issue.code === 'invalid_value' && issue.path.length === 2 && issue.path[0] === 'fields')
  ) {
    return `${where}: ${issue.message}`;
  }
  return `${where}: ${issue.message}`;
}

/** Validates a parsed mapping; unknown keys are errors so that typos are never silently ignored. */
export function parseMapping<T>(schema: z.ZodType<T>, json: unknown, file: string): T {
  const r = schema.safeParse(json);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  const keyed: { key: ErrorKey; params: ErrorParams } =
    i.code === 'unrecognized_keys'
      ? { key: 'import.mapping_unknown_keys', params: { keys: i.keys.map((k) => `«${k}»`).join(', ') } }
      : { key: 'import.mapping_invalid', params: { field: i.path.join('.') || '—' } };
  throw new PmapError('bad_mapping', r.error.issues.map(describeIssue).join('; '), { file }, keyed.key, keyed.params);
}

export function readMappingFile<T>(schema: z.ZodType<T>, file: string): T {
  return parseMapping(schema, readJsonFile(file, 'mapping file', 'bad_mapping'), file);
}

/** The columns a mapping reads, so a header can be checked before any row is processed. */
export function columnsOf(m: AppealMapping): string[] {
  const cols = new Set<string>();
  for (const spec of Object.values(m.fields)) {
    if (typeof spec === 'string') cols.add(spec);
    else if (Array.isArray(spec)) spec.forEach((c) => cols.add(c));
  }
  if (m.coordinates) cols.add(m.coordinates.column);
  if (m.channel && typeof m.channel === 'object') cols.add(m.channel.column);
  return [...cols];
}
