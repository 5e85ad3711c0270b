import 'server-only';
import { z } from 'zod';
import { mayReadContacts } from '../../auth/policy';
import { PmapError } from '../../errors';
import type { Locale } from '../../i18n/errors';
import { issueError } from '../../i18n/zodIssue';
import type { RouteContext } from '../http';
import { readBody } from '../body';
import { parseQuery, readJson } from '../http';
import { BIGINT_ID_MAX, idSchema, pathSegments } from '../../domain/params';
import { createRequest, createSchema } from './create';
import { errorBody, services, toXml } from './format';
import { findRequest, findRequests, requestsQuerySchema } from './queries';

type Format = 'json' | 'xml';
const TYPES: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

function reply(format: Format, status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { 'Content-Type': TYPES[format], 'Cache-Control': 'private, no-store' },
  });
}

/**
 * Open311 clients expect the spec's error format: every error of an Open311 route (its own, and the route wrapper's
 * sign-in, role, Origin and rate refusals) as [{code, description}] or <errors>, in the format of the path asked for,
 * the description in the client's language (Russian unless Accept-Language prefers English). Pass to route().
 */
export function open311Error(err: PmapError, locale: Locale, req: Request): Response {
  const format: Format = new URL(req.url).pathname.endsWith('.xml') ? 'xml' : 'json';
  return reply(format, err.httpStatus, errorBody(format, err.httpStatus, err.localized(locale)));
}

export const getServices = (format: Format) => async () =>
  reply(format, 200, format === 'json' ? JSON.stringify(services()) : toXml('services', 'service', services()));

const contactsFor = (ctx: RouteContext) => mayReadContacts(ctx.viewer?.role ?? (ctx.bot ? 'bot' : null));

export const getRequests = (format: Format) => async (req: Request, ctx: RouteContext) => {
  const q = parseQuery(requestsQuerySchema, new URL(req.url));
  const list = await findRequests(ctx.db, q, contactsFor(ctx));
  return reply(format, 200, format === 'json' ? JSON.stringify(list) : toXml('service_requests', 'request', list));
};

/** POST takes the spec's form encoding or JSON. */
async function formBody(req: Request): Promise<Record<string, unknown>> {
  const type = req.headers.get('content-type') ?? '';
  if (type.includes('application/json')) return (await readJson(req, 32 * 1024)) as Record<string, unknown>;
  // Read with the cap (req.text() would hold the whole body, however big, before its size is known).
  const text = (await readBody(req, 32 * 1024)).toString('utf8');
  return Object.fromEntries(new URLSearchParams(text));
}

export const postRequest =
  (format: Format) =>
  async (req: Request, { db }: RouteContext) => {
    const parsed = createSchema.safeParse(await formBody(req));
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw issueError(i, `${i.path.length ? String(i.path[0]) : 'request'}: ${i.message}`, 'request');
    }
    const id = await createRequest(db, parsed.data);
    const out = [{ service_request_id: String(id), service_notice: '', account_id: null }];
    return reply(format, 201, format === 'json' ? JSON.stringify(out) : toXml('service_requests', 'request', out));
  };

const idFile = z.string().regex(/^(\d+)\.(json|xml)$/, 'expected <id>.json or <id>.xml');
const requestId = idSchema(BIGINT_ID_MAX);

export async function getOneRequest(req: Request, ctx: RouteContext): Promise<Response> {
  const last = new URL(req.url).pathname.split('/').pop() ?? '';
  const format: Format = last.endsWith('.xml') ? 'xml' : 'json';
  const [file] = pathSegments(new URL(req.url), 0).slice(-1);
  const m = idFile.safeParse(file);
  if (!m.success) throw PmapError.keyed('not_found', 'open311.bad_id_file');
  const [, raw] = /^(\d+)\./.exec(m.data)!;
  const id = requestId.safeParse(raw);
  if (!id.success) {
    const i = id.error.issues[0];
    throw issueError(i, `service_request_id: ${i.message}`, 'service_request_id');
  }
  const r = await findRequest(ctx.db, id.data, contactsFor(ctx));
  if (!r) throw PmapError.keyed('not_found', 'open311.no_request', { id: id.data });
  return reply(format, 200, format === 'json' ? JSON.stringify([r]) : toXml('service_requests', 'request', [r]));
}
