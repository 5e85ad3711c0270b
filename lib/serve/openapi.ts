import { ACCESS } from '../auth/policy';

interface Op {
  method: 'get' | 'post';
  summary: string;
  params?: string[];
}

const FILTERS = ['topic', 'channel', 'status', 'from', 'to', 'municipality', 'gratitude'];

/** What each API route does; the roles come from lib/auth/policy.ts, so the document cannot drift from the rules. */
const OPS: Record<string, Op[]> = {
  '/api/health': [{ method: 'get', summary: 'Database kind and PostGIS version' }],
  '/api/openapi.json': [{ method: 'get', summary: 'This document' }],
  '/api/boundaries': [{ method: 'get', summary: 'Boundary polygons (GeoJSON), simplified', params: ['level'] }],
  '/api/public/hexagons': [{ method: 'get', summary: 'Problems per coarse H3 cell, cells with fewer than 5 distinct citizens suppressed', params: ['res', 'topic', 'from', 'to'] }],
  '/api/public/points': [{ method: 'get', summary: 'Vaccination points, public fields only, compact (columns + rows); with id one point with its phone and website', params: ['id', 'bbox', 'open_now', 'walk_in', 'accessible', 'vaccine'] }],
  '/api/public/geocode': [{ method: 'get', summary: 'An address to a point from the offline gazetteer: {query, result: {lat, lon, confidence, matched} | null}', params: ['q'] }],
  '/api/public/point-reports': [
    { method: 'get', summary: 'The reasons the "report a mistake" form offers' },
    { method: 'post', summary: 'Report a mistake about a point: {point_id, reason, comment?, lang?}; answers {status} only' },
  ],
  '/api/meta': [{ method: 'get', summary: 'Topics, date range and extent of the data' }],
  '/api/appeals': [{ method: 'get', summary: 'A page of appeals with text (author contact for admins only)', params: [...FILTERS, 'page', 'page_size'] }],
  '/api/appeals/hexagons': [{ method: 'get', summary: 'Appeal counts per H3 cell', params: ['res', 'bbox', ...FILTERS] }],
  '/api/appeals/export': [{ method: 'get', summary: 'The filtered appeals as CSV or GeoJSON (audit-logged)', params: ['format', ...FILTERS] }],
  '/api/bot/appeals': [
    { method: 'post', summary: 'One appeal from a chat bot or operator: Authorization: Bearer <key>, Idempotency-Key header; body {text, channel?, topic?, address?, lat?, lon?, author?}; 201 created, 200 for a retry, 409 for a reused key with another body' },
  ],
  '/open311/v2/services.json': [{ method: 'get', summary: 'Open311 GeoReport v2 services (our topics), JSON' }],
  '/open311/v2/services.xml': [{ method: 'get', summary: 'Open311 GeoReport v2 services, XML' }],
  '/open311/v2/requests.json': [
    { method: 'get', summary: 'Open311 service requests, JSON', params: ['service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'page', 'page_size', 'bbox'] },
    { method: 'post', summary: 'Create an Open311 service request (form-encoded or JSON): service_code, lat+long or address_string, description, …; errors as [{code, description}]' },
  ],
  '/open311/v2/requests.xml': [
    { method: 'get', summary: 'Open311 service requests, XML', params: ['service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'page', 'page_size', 'bbox'] },
    { method: 'post', summary: 'Create an Open311 service request, XML answer' },
  ],
  '/open311/v2/requests/[id]': [{ method: 'get', summary: 'One Open311 service request: {id}.json or {id}.xml' }],
  '/api/admin/users': [
    { method: 'get', summary: 'List users' },
    { method: 'post', summary: 'Create or update a user: {email, password, role, owner?}' },
  ],
  '/api/auth/[...all]': [
    { method: 'post', summary: 'better-auth endpoints: /api/auth/sign-in/email, /api/auth/sign-out, /api/auth/get-session' },
  ],
};

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [pattern, ops] of Object.entries(OPS)) {
    const roles = ACCESS[pattern] ?? [];
    const p = pattern.replace('[...all]', '{path}').replace('[id]', '{id}');
    paths[p] = Object.fromEntries(ops.map((o) => [o.method, {
      summary: o.summary,
      'x-roles': roles,
      security: roles.includes('public') ? [] : [{ session: [] }],
      parameters: (o.params ?? []).map((name) => ({ name, in: 'query', required: name === 'res', schema: { type: 'string' } }))
        .concat(p.includes('{path}') ? [{ name: 'path', in: 'path', required: true, schema: { type: 'string' } }] : [])
        .concat(p.includes('{id}') ? [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] : []),
      responses: { 200: { description: 'OK' }, 400: { description: 'bad parameter' }, 401: { description: 'sign in first' }, 403: { description: 'role not allowed' }, 429: { description: 'rate limited' } },
    }]));
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Problem map API', version: '0.1.0', description: 'Roles: public (anyone), analyst, road_agency, admin. x-roles lists who may call each operation.' },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token' } } },
    paths,
  };
}

/** API routes documented here, for the test that every route in app/api is documented. */
export const DOCUMENTED = Object.keys(OPS);
