import { z } from 'zod';
import { appealFilterSchema } from '../../domain/filters';

export const HOTSPOT_MIN_RES = 5;
export const HOTSPOT_MAX_RES = 9;

/** The shared appeal filters (thanks left out by default, GRATITUDE_DEFAULT) plus the H3 resolution. */
export const hotspotQuerySchema = appealFilterSchema.extend({
  res: z.coerce.number().int().min(HOTSPOT_MIN_RES).max(HOTSPOT_MAX_RES).default(7),
});
export type HotspotQuery = z.infer<typeof hotspotQuerySchema>;
