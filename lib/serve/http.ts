import 'server-only';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { getDb, type Database } from '../../db';
import { isPmapError, PmapError } from '../errors';

/** Parses query parameters with a zod schema; a bad value is a 400 that names the parameter. */
export function parseQuery<T>(schema: z.ZodType<T>, url: URL): T {
  const obj: Record<string, string | string[]> = {};
  for (const k of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(k);
    obj[k] = all.length > 1 ? all : all[0];
  }
  const r = schema.safeParse(obj);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  const where = i.path.length ? String(i.path[0]) : (i.code === 'unrecognized_keys' ? i.keys.join(', ') : 'query');
  throw new PmapError('bad_argument', `${where}: ${i.message}`);
}

/** The one place where errors become HTTP responses. Unexpected errors are logged, never shown in detail. */
export function errorResponse(e: unknown): NextResponse {
  if (isPmapError(e)) return NextResponse.json({ error: e.code, message: e.oneLine() }, { status: e.httpStatus });
  console.error(e);
  return NextResponse.json({ error: 'internal', message: 'internal error' }, { status: 500 });
}

/** Wraps a route handler: opens the database and turns errors into responses. */
export function route(handler: (req: Request, db: Database) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    try {
      return await handler(req, await getDb());
    } catch (e) {
      return errorResponse(e);
    }
  };
}
