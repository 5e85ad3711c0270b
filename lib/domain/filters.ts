import { z } from 'zod';
import { daySchema, textSchema } from './params';
import { CHANNELS, STATUSES, TOPICS } from './vocab';

/** A comma list ("roads,housing") or repeated values, each checked against its vocabulary. */
const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? undefined : (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((s) => s.trim()).filter(Boolean)),
    z.array(z.enum(values)).optional(),
  );

/** The filters the map, the exports and the CLI share. Dates are days; `to` is inclusive. */
export const appealFilterSchema = z.strictObject({
  topic: list(TOPICS as unknown as [string, ...string[]]),
  channel: list(CHANNELS as unknown as [string, ...string[]]),
  status: list(STATUSES as unknown as [string, ...string[]]),
  from: daySchema.optional(),
  to: daySchema.optional(),
  municipality: textSchema(200).optional(),
  gratitude: z.enum(['exclude', 'include', 'only']).default('include'),
});
export type AppealFilter = z.infer<typeof appealFilterSchema>;
