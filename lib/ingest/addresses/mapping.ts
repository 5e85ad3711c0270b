import path from 'node:path';
import { z } from 'zod';
import { parseMapping, type FieldSpec } from '../mapping';

/** A mapping field, as for appeals: a column, several columns joined by a space, or a constant. */
const fieldSpec: z.ZodType<FieldSpec> = z.union([
  z.string().min(1),
  z.array(z.string().min(1)).min(1),
  z.strictObject({ value: z.union([z.string(), z.number(), z.boolean()]) }),
]);

/**
 * contract.md's gazetteer fields. `external_id`: the gazetteer's own id of the entry (a ФИАС/ГАР object GUID, a
 * registry's building id), the upsert key when mapped (db/merge/addresses.ts).
 */
export const ADDRESS_FIELDS = ['text', 'locality', 'street', 'house', 'lat', 'lon', 'external_id'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];

export const addressMappingSchema = z.strictObject({
  /** Optional here (contract.md's gazetteer example has none): the file name stands in. */
  source: z
    .string()
    .regex(/^[a-z0-9_.-]+$/i, 'letters, digits, "_", "-" or "." only')
    .optional(),
  source_name: z.string().optional(),
  fields: z.partialRecord(z.enum(ADDRESS_FIELDS), fieldSpec),
  coordinates: z
    .strictObject({ column: z.string().min(1), order: z.enum(['lat,lon', 'lon,lat']).default('lat,lon') })
    .optional(),
  region_bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  swap_coordinates: z.boolean().default(false),
});
export type AddressMapping = z.infer<typeof addressMappingSchema>;

/** The source code a gazetteer file is stored under: the mapping's, else the file name. */
export function addressSourceOf(m: AddressMapping, file: string): string {
  return (
    m.source ??
    (path
      .basename(file)
      .replace(/\.[^.]+$/, '')
      .replace(/[^a-z0-9_.-]+/gi, '_') ||
      'addresses')
  );
}

/**
 * Without a mapping file the columns carry our own field names. `external_id` is read too: a row whose
 * external_id cell is empty (or a file without that column) is keyed by its normalised address instead.
 */
export function defaultAddressMapping(file: string): AddressMapping {
  const fields = Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, f]));
  return parseMapping(addressMappingSchema, { fields }, file);
}

/** The columns a mapping reads, so a header can be checked before any row is processed. */
export function addressColumnsOf(m: AddressMapping): string[] {
  const cols = new Set<string>();
  for (const spec of Object.values(m.fields)) {
    if (typeof spec === 'string') cols.add(spec);
    else if (Array.isArray(spec)) spec.forEach((c) => cols.add(c));
  }
  if (m.coordinates) cols.add(m.coordinates.column);
  return [...cols];
}
