import path from 'node:path';
import { z } from 'zod';
import { parseMapping, type FieldSpec } from '../mapping';

const fieldSpec: z.ZodType<FieldSpec> = z.union([
  z.string().min(1),
  z.array(z.string().min(1)).min(1),
  z.strictObject({ value: z.union([z.string(), z.number(), z.boolean()]) }),
]);

/**
 * contract.md's road fields, and two extensions: `street_code` (a КЛАДР/ФИАС street code such as OSM's
 * `cladr:code`, kept as text) and `oneway` (yes/true/1 → along the line, -1/reverse → against it, no/false/0 → both).
 */
export const ROAD_FIELDS = ['external_id', 'name', 'road_class', 'owner', 'rating', 'street_code', 'oneway'] as const;
export const OWNERS = ['federal', 'regional', 'municipal', 'other'] as const;
export type Owner = (typeof OWNERS)[number];
/** Classes the priority score knows; any other class is kept as written and scores as "other". */
export const ROAD_CLASSES = [
  'motorway',
  'primary',
  'secondary',
  'tertiary',
  'residential',
  'service',
  'other',
] as const;

/** Owner words of Russian and English road registers, lower case, → our owner codes. A mapping adds its own. */
export const DEFAULT_OWNER_VALUES: Record<string, Owner> = {
  federal: 'federal',
  федеральная: 'federal',
  федеральный: 'federal',
  федеральное: 'federal',
  фед: 'federal',
  regional: 'regional',
  региональная: 'regional',
  региональный: 'regional',
  'региональная или межмуниципальная': 'regional',
  межмуниципальная: 'regional',
  рег: 'regional',
  state: 'regional',
  municipal: 'municipal',
  муниципальная: 'municipal',
  муниципальный: 'municipal',
  местная: 'municipal',
  'местного значения': 'municipal',
  мун: 'municipal',
  local: 'municipal',
  city: 'municipal',
  county: 'municipal',
  other: 'other',
  частная: 'other',
  иная: 'other',
  прочая: 'other',
  private: 'other',
};

export const roadMappingSchema = z.strictObject({
  source: z.string().regex(/^[a-z0-9_.-]+$/i, 'letters, digits, "_", "-" or "." only'),
  source_name: z.string().optional(),
  fields: z.partialRecord(z.enum(ROAD_FIELDS), fieldSpec),
  /** Extension: source owner values → federal | regional | municipal | other (case-insensitive), over the defaults. */
  owners: z.record(z.string(), z.enum(OWNERS)).default({}),
  /** Extension: source class values → our classes (e.g. {"1": "primary"}); other values are kept lower-cased. */
  classes: z.record(z.string(), z.string().min(1)).default({}),
  /** Extension: the rating scale of the source, worst and best value (default 1 = worst, 5 = best). */
  rating_scale: z
    .strictObject({ worst: z.number(), best: z.number() })
    .refine((s) => s.worst !== s.best, 'worst and best must differ')
    .default({ worst: 1, best: 5 }),
});
export type RoadMapping = z.infer<typeof roadMappingSchema>;

/** Without a mapping file the properties carry our own field names. */
export function defaultRoadMapping(file: string): RoadMapping {
  const source =
    path
      .basename(file)
      .replace(/\.[^.]+$/, '')
      .replace(/[^a-z0-9_.-]+/gi, '_') || 'roads';
  return parseMapping(roadMappingSchema, { source, fields: Object.fromEntries(ROAD_FIELDS.map((f) => [f, f])) }, file);
}

/** OSM's `oneway` values and their usual spellings → 1 (along the line), -1 (against it), 0 (both ways). */
export const ONEWAY_VALUES: Record<string, 1 | -1 | 0> = {
  yes: 1,
  true: 1,
  '1': 1,
  да: 1,
  '-1': -1,
  reverse: -1,
  no: 0,
  false: 0,
  '0': 0,
  нет: 0,
};
