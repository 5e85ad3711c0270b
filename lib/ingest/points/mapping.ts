import path from 'node:path';
import { z } from 'zod';
import { WEEKDAYS } from '../../hours/types';
import { isValidTimezone } from '../dates';
import { coordinatesSpec, liftFieldsSwap, parseMapping, type FieldSpec } from '../mapping';

/** A mapping field, as for appeals: a column, several columns joined by a space, or a constant. */
const fieldSpec: z.ZodType<FieldSpec> = z.union([
  z.string().min(1),
  z.array(z.string().min(1)).min(1),
  z.strictObject({ value: z.union([z.string(), z.number(), z.boolean()]) }),
]);

/**
 * contract.md's point fields, plus `appointments`, `vaccines`, `city` (appended to the address), `timezone` and
 * `opening_hours`: one column with the whole week in OSM syntax or as people write it (lib/hours/osm.ts); the
 * weekday columns of `hours`, where given and not empty, take precedence for their day.
 */
export const POINT_FIELDS = [
  'external_id',
  'name',
  'address',
  'city',
  'lat',
  'lon',
  'phone',
  'url',
  'walk_in',
  'appointments',
  'accessible',
  'vaccines',
  'verified_at',
  'timezone',
  'opening_hours',
] as const;
export type PointField = (typeof POINT_FIELDS)[number];

/** The time zone assumed when neither the mapping nor the row names one (the migration's column default). */
export const DEFAULT_POINT_TIMEZONE = 'Asia/Yekaterinburg';

const timezone = z.string().refine(isValidTimezone, 'not an IANA time zone name');

export const pointMappingSchema = z.preprocess(
  liftFieldsSwap,
  z.strictObject({
    source: z.string().regex(/^[a-z0-9_.-]+$/i, 'letters, digits, "_", "-" or "." only'),
    source_name: z.string().optional(),
    /** Extension: what kind of service point the file lists. */
    kind: z
      .string()
      .regex(/^[a-z_]+$/, 'lower-case letters and "_" only')
      .default('vaccination'),
    fields: z.partialRecord(z.enum(POINT_FIELDS), fieldSpec),
    /** Opening hours per weekday: `{"monday": "<column>", …}`. */
    hours: z.partialRecord(z.enum(WEEKDAYS), fieldSpec).default({}),
    coordinates: coordinatesSpec.optional(),
    /** Format of verified_at (date-fns tokens); ISO 8601 without it. */
    date_format: z.string().min(1).optional(),
    /** The points' own time zone: "open now" is computed in it, and verified_at without an offset is read in it. */
    timezone: timezone.optional(),
    region_bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
    swap_coordinates: z.boolean().default(false),
    /** contract.md "Added:": the file's latitude and longitude are swapped; also accepted in `fields` and `coordinates`. */
    swap: z.boolean().optional(),
    /** Extension: cell values meaning yes / no for walk_in, appointments and accessible (case-insensitive). */
    true_values: z.array(z.string()).default(['yes', 'y', 'true', '1', 'да', 'есть', '+']),
    false_values: z.array(z.string()).default(['no', 'n', 'false', '0', 'нет', '-']),
    /** Extension: source vaccine names → our codes (e.g. {"Спутник V": "covid"}); others are kept as written. */
    vaccine_values: z.record(z.string(), z.string()).default({}),
  }),
);
export type PointMapping = z.infer<typeof pointMappingSchema>;

/** Without a mapping file the columns carry our own field names and weekday names. */
export function defaultPointMapping(file: string): PointMapping {
  const fields = Object.fromEntries(POINT_FIELDS.map((f) => [f, f]));
  const hours = Object.fromEntries(WEEKDAYS.map((d) => [d, d]));
  const source =
    path
      .basename(file)
      .replace(/\.[^.]+$/, '')
      .replace(/[^a-z0-9_.-]+/gi, '_') || 'points';
  return parseMapping(pointMappingSchema, { source, fields, hours }, file);
}

const columnsOfSpec = (spec: FieldSpec | undefined): string[] =>
  typeof spec === 'string' ? [spec] : Array.isArray(spec) ? spec : [];

/** The columns a point mapping reads, so a header can be checked before any row is processed. */
export function pointColumnsOf(m: PointMapping): string[] {
  const cols = new Set<string>();
  for (const spec of [...Object.values(m.fields), ...Object.values(m.hours)])
    columnsOfSpec(spec).forEach((c) => cols.add(c));
  if (m.coordinates) cols.add(m.coordinates.column);
  return [...cols];
}
