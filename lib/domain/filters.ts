import { z } from 'zod';
import { daySchema, locationSchema, textSchema } from './params';
import { CHANNELS, STATUSES, TOPICS } from './vocab';

/** A comma list ("roads,housing") or repeated values, each checked against its vocabulary. */
const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z.preprocess(
    (v) =>
      v === undefined || v === ''
        ? undefined
        : (Array.isArray(v) ? v : [v])
            .flatMap((x) => String(x).split(','))
            .map((s) => s.trim())
            .filter(Boolean),
    z.array(z.enum(values)).optional(),
  );

export const GRATITUDE_MODES = ['exclude', 'include', 'only'] as const;
export type GratitudeMode = (typeof GRATITUDE_MODES)[number];
/**
 * Thanks are left out unless asked for, on every endpoint, page and command: a third of messages thank for a solved
 * problem, and the product counts problems (../shared/design.md: "keep them, mark them, do not count them").
 */
export const GRATITUDE_DEFAULT: GratitudeMode = 'exclude';

/** The filters the map, the exports and the CLI share. Dates are days; `to` is inclusive. */
export const appealFilterSchema = z.strictObject({
  topic: list(TOPICS as unknown as [string, ...string[]]),
  channel: list(CHANNELS as unknown as [string, ...string[]]),
  status: list(STATUSES as unknown as [string, ...string[]]),
  from: daySchema.optional(),
  to: daySchema.optional(),
  municipality: textSchema(200).optional(),
  gratitude: z.enum(GRATITUDE_MODES).default(GRATITUDE_DEFAULT),
  location: locationSchema.optional(),
});
export type AppealFilter = z.infer<typeof appealFilterSchema>;
