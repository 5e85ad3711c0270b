import { z } from 'zod';

/** What a visitor can say is wrong with a point (the migration's CHECK lists the same). */
export const REPORT_REASONS = [
  'wrong_hours',
  'closed',
  'wrong_location',
  'wrong_phone',
  'no_vaccine',
  'other',
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_COMMENT_MAX = 500;

/** The public "report a mistake" body. No name or contact field exists, so none can be sent. */
export const pointReportSchema = z.strictObject({
  point_id: z.number().int().positive().max(2_147_483_647),
  reason: z.enum(REPORT_REASONS),
  comment: z.string().trim().max(REPORT_COMMENT_MAX).optional(),
  lang: z.enum(['ru', 'en']).default('ru'),
});
export type PointReportInput = z.infer<typeof pointReportSchema>;
