import type { Command } from 'commander';
import type { z } from 'zod';
import { GRATITUDE_DEFAULT } from '../../lib/domain/filters';
import { PmapError } from '../../lib/errors';

/** The map's filter as command-line options (lib/domain/filters.ts), for the commands that export or analyse. */
export interface FilterOpts {
  topic?: string;
  channel?: string;
  status?: string;
  from?: string;
  to?: string;
  municipality?: string;
  gratitude?: string;
}

/** Adds --topic, --channel, --status, --from, --to, --municipality and --gratitude (default GRATITUDE_DEFAULT, as every endpoint). */
export function withFilterOptions(cmd: Command): Command {
  return cmd
    .option('--topic <list>', 'comma-separated topic codes')
    .option('--channel <list>', 'comma-separated channels')
    .option('--status <list>', 'comma-separated statuses')
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day, YYYY-MM-DD (inclusive)')
    .option('--municipality <code or name>', 'one municipality')
    .option('--gratitude <mode>', 'include | exclude | only', GRATITUDE_DEFAULT);
}

/** Parses options with a schema; the first problem becomes a one-line error naming its option. */
export function parseOptions<S extends z.ZodTypeAny>(schema: S, values: Record<string, unknown>): z.infer<S> {
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new PmapError('bad_argument', `--${String(i.path[0])}: ${i.message}`);
  }
  return parsed.data;
}

/** The filter options as the schema names them. */
export const filterValues = (o: FilterOpts) => ({
  topic: o.topic,
  channel: o.channel,
  status: o.status,
  from: o.from,
  to: o.to,
  municipality: o.municipality,
  gratitude: o.gratitude,
});
