import { z } from 'zod';
import { idSchema, INT4_MAX, textSchema } from '../domain/params';
import type { Bbox, PointFilter } from './filter';

const flag = z.enum(['1', 'true', '0', 'false']).transform((v) => v === '1' || v === 'true').optional();

const bbox = z
  .string()
  .max(120)
  .transform((s, ctx): Bbox => {
    const n = s.split(',').map(Number);
    const [w, so, e, no] = n;
    const ok = n.length === 4 && n.every(Number.isFinite) && w >= -180 && e <= 180 && so >= -90 && no <= 90 && w <= e && so <= no;
    if (!ok) {
      ctx.addIssue({ code: 'custom', message: 'expected west,south,east,north in degrees' });
      return z.NEVER;
    }
    return [w, so, e, no];
  });

/** Query of GET /api/public/points: the list with optional filters, or one point's details with `id`. */
export const publicPointsQuerySchema = z.strictObject({
  id: idSchema(INT4_MAX).optional(),
  bbox: bbox.optional(),
  open_now: flag,
  walk_in: flag,
  accessible: flag,
  vaccine: z.string().regex(/^[a-z0-9_]{1,64}$/, 'a vaccine code such as flu or covid').optional(),
});
export type PublicPointsQuery = z.infer<typeof publicPointsQuerySchema>;

export const filterOfQuery = (q: PublicPointsQuery): PointFilter => ({
  openNow: q.open_now, walkIn: q.walk_in, accessible: q.accessible, vaccine: q.vaccine ?? null, bbox: q.bbox ?? null,
});

export const geocodeQuerySchema = z.strictObject({
  q: textSchema(200).default('').transform((s) => s.trim()),
});
