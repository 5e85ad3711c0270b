import { z } from 'zod';
import { bboxSchema, idSchema, INT4_MAX, textSchema } from '../domain/params';
import type { PointFilter } from './filter';

const flag = z
  .enum(['1', 'true', '0', 'false'])
  .transform((v) => v === '1' || v === 'true')
  .optional();

/** Query of GET /api/public/points: the list with optional filters, or one point's details with `id`. */
export const publicPointsQuerySchema = z.strictObject({
  id: idSchema(INT4_MAX).optional(),
  // The one bbox rule of every route (lib/domain/params.ts): w<e, s<n within ±180, ±90.
  bbox: bboxSchema.optional(),
  open_now: flag,
  walk_in: flag,
  accessible: flag,
  vaccine: z
    .string()
    .regex(/^[a-z0-9_]{1,64}$/, 'a vaccine code such as flu or covid')
    .optional(),
});
export type PublicPointsQuery = z.infer<typeof publicPointsQuerySchema>;

export const filterOfQuery = (q: PublicPointsQuery): PointFilter => ({
  openNow: q.open_now,
  walkIn: q.walk_in,
  accessible: q.accessible,
  vaccine: q.vaccine ?? null,
  bbox: q.bbox ?? null,
});

export const geocodeQuerySchema = z.strictObject({
  q: textSchema(200)
    .default('')
    .transform((s) => s.trim()),
});
