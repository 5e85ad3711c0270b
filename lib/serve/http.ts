import 'server-only';
import { NextResponse } from 'next/server';
import { getDb, type Database } from '../../db';
import { botFrom, type BotClient } from '../auth/apiKeys';
import { decide } from '../auth/policy';
import { viewerFrom, type Viewer } from '../auth/server';
import { badInputOfDbError } from '../domain/params';
import { isPmapError, PmapError } from '../errors';
import { localeOf, type Locale } from '../i18n/errors';
import { readBody } from './body';
import { checkOrigin, requireJson } from './csrf';
import { limitPublic } from './rateLimit';

/** The parameter layer (lib/serve/params.ts); re-exported for the handlers in lib/serve that still import it from here. */
export { parseQuery } from './params';

/** Reads a JSON body of at most maxBytes, whatever Content-Length claims. */
export async function readJson(req: Request, maxBytes = 64 * 1024): Promise<unknown> {
  requireJson(req);
  if (!req.body) return null;
  const body = await readBody(req, maxBytes);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw PmapError.keyed('bad_argument', 'request.not_json');
  }
}

/**
 * A database error that bad input caused (an impossible date, NUL, a number out of range) as a 400, logged in one
 * line without a stack (it means a schema let the value through); null for any other error.
 */
export function badInputOf(e: unknown): PmapError | null {
  const bad = badInputOfDbError(e);
  if (bad)
    console.warn(
      `bad input reached the database (${(e as { code: string }).code}): ${JSON.stringify(String((e as Error).message ?? '')).slice(0, 300)}`,
    );
  return bad;
}

/** How a route that speaks another format than ours (Open311) answers an error. */
export type ErrorRender = (err: PmapError, locale: Locale, req: Request) => Response;

/** The one place where errors become HTTP responses. Unexpected errors are logged, never shown in detail. */
export function errorResponse(e: unknown, req?: Request, render?: ErrorRender): Response {
  const locale = localeOf(req?.headers.get('accept-language'));
  let err = isPmapError(e) ? e : badInputOf(e);
  if (!err) {
    console.error(e);
    err = PmapError.keyed('internal', 'code.internal');
  }
  if (render && req) return render(err, locale, req);
  return NextResponse.json(errorBody(err, locale), { status: err.httpStatus });
}

/**
 * An error as our API answers it: the code, the message in the client's language (Russian unless Accept-Language
 * prefers English), the message in both languages (`messages`: a script need not guess), and its key and parameters
 * in lib/i18n/errors.ts so a page can say it in its own words.
 */
export function errorBody(err: PmapError, locale: 'ru' | 'en') {
  return {
    error: err.code,
    message: err.localized(locale),
    messages: { ru: err.localized('ru'), en: err.localized('en') },
    key: err.shownKey,
    params: err.params,
  };
}

export interface RouteContext {
  db: Database;
  viewer: Viewer | null;
  /** A chat bot or console that presented an API key (and no session). */
  bot: BotClient | null;
}

/**
 * Wraps a route handler: the Origin check on state-changing methods (lib/serve/csrf.ts), then the access rule of its
 * path pattern (lib/auth/policy.ts), deny by default; then opens the database and turns errors into responses
 * (ours, or `render`'s format).
 */
export function route(
  pattern: string,
  handler: (req: Request, ctx: RouteContext) => Promise<Response>,
  render?: ErrorRender,
) {
  return async (req: Request): Promise<Response> => {
    try {
      checkOrigin(req);
      const viewer = await viewerFrom(req.headers);
      const bot = viewer ? null : botFrom(req.headers);
      if (!viewer && !bot) await limitPublic(req, pattern);
      const d = decide(pattern, viewer?.role ?? (bot ? 'bot' : null));
      if (d === 'unauthenticated') throw PmapError.keyed('unauthenticated', 'auth.sign_in_first');
      if (d === 'forbidden') throw PmapError.keyed('forbidden', 'auth.role_forbidden');
      return await handler(req, { db: await getDb(), viewer, bot });
    } catch (e) {
      return errorResponse(e, req, render);
    }
  };
}
