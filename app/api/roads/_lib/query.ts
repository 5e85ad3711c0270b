import 'server-only';
import type { z } from 'zod';
import { PmapError } from '@/lib/errors';
import { ownerScope } from '@/lib/roads/scope';
import type { RouteContext } from '@/lib/serve/http';
import { parseQuery, roadsQuerySchema, type AppealFilter } from '@/lib/serve/params';

/** The roads routes' query (lib/serve/params.ts roadsQuerySchema, plus `extra` keys): owner in scope, filter, the rest. */
export function roadsQuery<T extends z.ZodRawShape>(
  url: URL,
  ctx: RouteContext,
  extra?: T,
): { owner: string | null; filter: AppealFilter; rest: Record<string, unknown> } {
  const schema = extra ? roadsQuerySchema.extend(extra) : roadsQuerySchema;
  const q = parseQuery(schema, url) as AppealFilter & { owner?: string } & Record<string, unknown>;
  if (!ctx.viewer) throw PmapError.keyed('unauthenticated', 'auth.sign_in_first');
  const { owner, topic, channel, status, from, to, municipality, gratitude, ...rest } = q;
  return {
    owner: ownerScope(ctx.viewer, owner),
    filter: { topic, channel, status, from, to, municipality, gratitude },
    rest,
  };
}
