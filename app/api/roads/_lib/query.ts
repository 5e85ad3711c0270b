import 'server-only';
import { z } from 'zod';
import { appealFilterSchema, type AppealFilter } from '@/lib/domain/filters';
import { PmapError } from '@/lib/errors';
import { OWNERS } from '@/lib/ingest/roads/mapping';
import { ownerScope } from '@/lib/roads/scope';
import type { RouteContext } from '@/lib/serve/http';
import { parseQuery } from '@/lib/serve/http';

/** The shared appeal filters plus `owner` (ignored for a road agency, which only ever sees its own). */
export const roadsQuerySchema = appealFilterSchema.extend({ owner: z.enum(OWNERS).optional() });

export function roadsQuery<T extends z.ZodRawShape>(url: URL, ctx: RouteContext, extra?: T): { owner: string | null; filter: AppealFilter; rest: Record<string, unknown> } {
  const schema = extra ? roadsQuerySchema.extend(extra) : roadsQuerySchema;
  const q = parseQuery(schema, url) as AppealFilter & { owner?: string } & Record<string, unknown>;
  if (!ctx.viewer) throw PmapError.keyed('unauthenticated', 'auth.sign_in_first');
  const { owner, topic, channel, status, from, to, municipality, gratitude, ...rest } = q;
  return { owner: ownerScope(ctx.viewer, owner), filter: { topic, channel, status, from, to, municipality, gratitude }, rest };
}
