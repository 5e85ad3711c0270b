import { z } from 'zod';
import { appealFilterSchema } from '../../domain/filters';

export const HOTSPOT_MIN_RES = 5;
export const HOTSPOT_MAX_RES = 9;

/** The shared appeal filters plus the H3 resolution; thanks are left out unless asked for (they are not problems). */
export const hotspotQuerySchema = appealFilterSchema.extend({
  res: z.coerce.number().int().min(HOTSPOT_MIN_RES).max(HOTSPOT_MAX_RES).default(7),
  gratitude: z.enum(['exclude', 'include', 'only']).default('exclude'),
});
export type HotspotQuery = z.infer<typeof hotspotQuerySchema>;
