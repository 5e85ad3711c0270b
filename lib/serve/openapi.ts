import { z } from 'zod';
import { ACCESS } from '../auth/policy';
import { requestsQuerySchema } from './open311/queries';
import * as P from './params';

interface Op {
  method: 'get' | 'post' | 'delete';
  summary: string;
  /** The query schema the route parses (lib/serve/params.ts): the document's parameters are generated from it. */
  query?: z.ZodType;
  /** The JSON body's schema, likewise. */
  body?: z.ZodType;
}

const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;

/**
 * The query parameters of a schema, generated with zod's JSON Schema (the request side: what a client sends), in
 * OpenAPI 3.0 form; a list (topic, channel, status) is one comma-separated value.
 */
export function queryParameters(schema: z.ZodType) {
  const js = jsonSchema(schema) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  // A key whose schema says nothing (z.unknown(): public/hexagons' from/to, refused with a message) is no parameter.
  return Object.entries(js.properties ?? {})
    .filter(([, s]) => Object.keys(s).length > 0)
    .map(([name, s]) => ({
      name,
      in: 'query',
      required: js.required?.includes(name) ?? false,
      ...(s.description ? { description: s.description } : {}),
      schema: s,
      ...(s.type === 'array' ? { style: 'form', explode: false } : {}),
    }));
}

/** What each API route does; the roles come from lib/auth/policy.ts, so the document cannot drift from the rules. */
const OPS: Record<string, Op[]> = {
  '/api/health': [{ method: 'get', summary: 'Database kind and PostGIS version' }],
  '/api/openapi.json': [{ method: 'get', summary: 'This document' }],
  '/api/boundaries': [
    { method: 'get', summary: 'Boundary polygons (GeoJSON), simplified', query: P.boundariesQuerySchema },
  ],
  '/api/public/hexagons': [
    {
      method: 'get',
      summary:
        'Problems per coarse H3 cell (res 4..7) for one whole calendar month (period=YYYY-MM) or all time (no period); cells with fewer than 5 distinct citizens in the period suppressed; from/to are refused (400), so two answers differ by whole months only: {res, kMin, period, from, to, cells: [{h3, count}], suppressed}',
      query: P.publicHexagonQuerySchema,
    },
  ],
  '/api/public/points': [
    {
      method: 'get',
      summary:
        'Vaccination points, public fields only, compact (columns + rows); with id one point with its phone and website',
      query: P.publicPointsQuerySchema,
    },
  ],
  '/api/public/geocode': [
    {
      method: 'get',
      summary:
        'An address to a point from the offline gazetteer: {query, result: {lat, lon, confidence, matched} | null}',
      query: P.geocodeQuerySchema,
    },
  ],
  '/api/public/point-reports': [
    { method: 'get', summary: 'The reasons the "report a mistake" form offers' },
    {
      method: 'post',
      summary: 'Report a mistake about a point: {point_id, reason, comment?, lang?}; answers {status} only',
      body: P.pointReportSchema,
    },
  ],
  '/api/public/stats': [
    {
      method: 'get',
      summary:
        "The front page's public figures, region-wide counts only (no text, author, contact or place): {dataUntil, months: [{period, from, to, total, answered, answeredShare, byTopic: [{topic, count}]}] for the newest month with appeals and the one before (thanks not counted), points: {total, openNow}, asOf}",
    },
  ],
  '/api/meta': [{ method: 'get', summary: 'Topics, date range and extent of the data' }],
  '/api/appeals': [
    {
      method: 'get',
      summary:
        "A page of appeals with text (author contact for admins only); each row has topicManual, topicConfidence, doubt (the machine's topic below PMAP_TOPIC_DOUBT_BELOW) and, when in doubt, top: the 3 most probable topics [{topic, p}], best first; doubt=only lists just those; the answer carries doubtBelow",
      query: P.appealListQuerySchema,
    },
  ],
  '/api/appeals/[id]/topic': [
    {
      method: 'post',
      summary:
        "Set an appeal's topic by hand: {topic} (a topic code), or {topic: null} to return it to automatic; recorded for the corrections report; answers {id, topic, topicManual, topicConfidence}; 404 for an unknown appeal",
      body: P.appealTopicBodySchema,
    },
  ],
  '/api/appeals/[id]/location': [
    {
      method: 'post',
      summary:
        "Place an appeal by hand: {lat, lon} (inside the data's region; geocode_level point) or {address} geocoded offline to its house (level house; an address found to its street only is a 400); cell, municipality, road segment and problem are recomputed, the map's counts follow, the change (from → to) is audit-logged; answers {id, lat, lon, level, h3, municipality, roadSegmentId, problemId, matched?}; 404 for an unknown appeal",
      body: z.union([P.appealPointSchema, P.appealAddressSchema]),
    },
  ],
  '/api/appeals/corrections': [
    {
      method: 'get',
      summary:
        'The corrections report as CSV (audit-logged; appeal text with contacts removed): appeal_id, text, machine_topic, machine_confidence, topic, corrected_by, corrected_at; one row per appeal with a hand-chosen topic, or with history=1 every choice (topic empty: returned to automatic)',
      query: P.correctionsQuerySchema,
    },
  ],
  '/api/appeals/hexagons': [{ method: 'get', summary: 'Appeal counts per H3 cell', query: P.hexagonQuerySchema }],
  '/api/appeals/export': [
    {
      method: 'get',
      summary:
        'The filtered appeals as CSV, XLSX or GeoJSON (format=csv|xlsx|geojson; audit-logged; no text, author or contact); header X-Pmap-Awaiting-Grouping: how many of them await problem grouping after a big import (problem_id empty until it is done)',
      query: P.appealExportQuerySchema,
    },
  ],
  '/api/summary': [
    {
      method: 'get',
      summary:
        "Side panel figures for the filter (thanks left out unless gratitude=include|only; from after to is a 400): total, withoutLocation (of the total, appeals with no H3 cell: not on the map), coarseLocation (of the total, placed to their street or settlement only: res ≤ 7 cells, no road; location=none|coarse lists either), citizens, thanks, appeals by topic, weekly trend per topic, top 10 municipalities, response time (median hours, on time, late incl. open overdue; deadline PMAP_RESPONSE_DEADLINE_DAYS or the source's own); awaitingGrouping (of the filtered appeals, located complaints that a big import committed and problem grouping has not reached yet)",
      query: P.appealFilterSchema,
    },
  ],
  '/api/hotspots': [
    {
      method: 'get',
      summary:
        'Emerging hotspots per H3 cell (Getis–Ord Gi* + Mann–Kendall, docs/hotspots.md): {res, alpha, weeks, periods, firstWeek, cells: [{h3, label, z, p, q, trend, count}]}; thanks excluded unless gratitude says otherwise',
      query: P.hotspotQuerySchema,
    },
  ],
  '/api/appeals/drill': [
    {
      method: 'get',
      summary:
        'The appeals behind a map target, newest first: exactly one of h3 (a cell of res 4..9), segment (road segment id), appeal (id); {total, page, pageSize, rows}; rows carry doubt and top as in /api/appeals',
      query: P.drillQuerySchema,
    },
  ],
  '/api/basemap/style.json': [
    {
      method: 'get',
      summary:
        'The offline basemap as a MapLibre style (public): variant=muted (under data, default) or clear (the public map); glyphs from /glyphs, tiles from /api/basemap/tiles or PMAP_BASEMAP_PMTILES',
      query: P.basemapStyleQuerySchema,
    },
  ],
  '/api/basemap/tiles/[z]/[x]/[y]': [
    {
      method: 'get',
      summary:
        'One basemap vector tile (public), y as {y}.pbf, OpenMapTiles layer names: boundary {admin_level}, place {name, class}, transportation {class}, transportation_name {name, class} from z13, housenumber {housenumber} from z16; never appeal data',
    },
  ],
  '/api/tiles/[layer]': [
    {
      method: 'get',
      summary:
        'TileJSON 3.0 of a vector tile layer: layer is appeals.json (admin, analyst) or roads.json (also road_agency: only its own segments); the tiles template carries the filters',
      query: P.appealFilterSchema,
    },
  ],
  '/api/tiles/[layer]/[z]/[x]/[y]': [
    {
      method: 'get',
      summary:
        'One Mapbox vector tile (application/vnd.mapbox-vector-tile), y as {y}.pbf: layer appeals (H3 hexagons {h3, count} below z15, points {id, topic, status, channel, created_at, is_gratitude, problem_id} from z15; admin, analyst) or roads (segments with complaints, per_km, plan_status; road_agency gets its own segments)',
      query: P.appealFilterSchema,
    },
  ],
  '/api/bot/appeals': [
    {
      method: 'post',
      summary:
        'One appeal from a chat bot or operator: Authorization: Bearer <key>, Idempotency-Key header; body {text, channel?, topic?, address?, lat?, lon?, author?}; 201 created, 200 for a retry, 409 for a reused key with another body',
      body: P.submissionSchema,
    },
  ],
  '/open311/v2/services.json': [{ method: 'get', summary: 'Open311 GeoReport v2 services (our topics), JSON' }],
  '/open311/v2/services.xml': [{ method: 'get', summary: 'Open311 GeoReport v2 services, XML' }],
  '/open311/v2/requests.json': [
    { method: 'get', summary: 'Open311 service requests, JSON', query: requestsQuerySchema },
    {
      method: 'post',
      summary:
        'Create an Open311 service request (form-encoded or JSON): service_code, lat+long or address_string, description, …; errors as [{code, description}]',
    },
  ],
  '/open311/v2/requests.xml': [
    { method: 'get', summary: 'Open311 service requests, XML', query: requestsQuerySchema },
    { method: 'post', summary: 'Create an Open311 service request, XML answer' },
  ],
  '/open311/v2/requests/[id]': [{ method: 'get', summary: 'One Open311 service request: {id}.json or {id}.xml' }],
  '/api/roads/priorities': [
    {
      method: 'get',
      summary:
        "Road-agency priority list, one page sorted on the server (sort: rank|score|perKm|complaints|citizens|trend|rating|lengthM|name|sinceRepair, dir asc|desc; list all|a|b|c; q street name or code; plan; road_class): per-segment statistics, score parts, points, score, rank, shift under previewed weights (weights=6 numbers in the order per_km,citizens,trend,condition,road_class,facilities); {total, page, pageSize, counts of the list and a/b/c, classes, moved}; scores=1 adds every segment's score {id: score} and the colour bands (road_agency: own owner only)",
      query: P.roadsQuerySchema.extend(P.roadsPrioritiesExtra),
    },
  ],
  '/api/roads/geojson': [
    {
      method: 'get',
      summary:
        'The visible road segments as GeoJSON lines {id, external_id, name, owner}, one page by id (page_size up to 5000, default 1000), optionally within bbox or only ids; numberMatched / numberReturned',
      query: P.roadsQuerySchema.extend(P.roadsGeojsonExtra),
    },
  ],
  '/api/roads/segments/[id]': [
    {
      method: 'get',
      summary: 'One road segment: statistics, score parts, its road appeals (text, no author) and plan history',
      query: P.roadsQuerySchema,
    },
  ],
  '/api/roads/weights': [
    { method: 'get', summary: 'The priority score weights and their defaults', query: P.roadsWeightsQuerySchema },
    {
      method: 'post',
      summary:
        'Save the weights {per_km, citizens, trend, condition, road_class, facilities} (0..100; admin and road_agency)',
      body: P.roadsWeightsBodySchema,
    },
  ],
  '/api/roads/export': [
    {
      method: 'get',
      summary: 'The priority list as CSV, XLSX (one sheet per list + score sheet) or GeoJSON; audit-logged',
      query: P.roadsQuerySchema.extend(P.roadsExportExtra),
    },
  ],
  '/api/admin/users': [
    { method: 'get', summary: 'List users' },
    { method: 'post', summary: 'Create or update a user: {email, password, role, owner?}', body: P.userBodySchema },
  ],
  '/api/admin/imports': [
    {
      method: 'get',
      summary: 'Import history: every import job, newest first, with counts, status and who started it',
    },
    {
      method: 'post',
      summary: 'Start importing an uploaded file in the background: {upload, kind, mapping?}; 202 {id}',
      body: P.importBodySchema,
    },
  ],
  '/api/admin/imports/upload': [
    {
      method: 'post',
      summary:
        'Upload a file to import (the raw bytes as the body, ?name=FILE), streamed to disk; {upload, name, bytes}',
      query: P.uploadQuerySchema,
    },
    {
      method: 'delete',
      summary: 'Discard an upload (?upload=ID): kept after a failed import so it can be retried; 204, 404 when gone',
      query: P.discardQuerySchema,
    },
  ],
  '/api/admin/imports/[id]': [
    { method: 'get', summary: 'One import job with live progress (rows, rows/s, fraction, ETA) and counts' },
  ],
  '/api/admin/imports/[id]/rejects': [
    { method: 'get', summary: 'The rejected rows of an import job as CSV (row, line, reason, raw values)' },
  ],
  '/api/auth/[...all]': [
    {
      method: 'post',
      summary: 'better-auth endpoints: /api/auth/sign-in/email, /api/auth/sign-out, /api/auth/get-session',
    },
  ],
};

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [pattern, ops] of Object.entries(OPS)) {
    const roles = ACCESS[pattern] ?? [];
    const p = pattern.replace('[...all]', '{path}').replace(/\[(\w+)\]/g, '{$1}');
    paths[p] = Object.fromEntries(
      ops.map((o) => [
        o.method,
        {
          summary: o.summary,
          'x-roles': roles,
          security: roles.includes('public') ? [] : [{ session: [] }],
          parameters: [
            ...(o.query ? queryParameters(o.query) : []),
            ...[...p.matchAll(/\{(\w+)\}/g)].map((m) => ({
              name: m[1],
              in: 'path',
              required: true,
              schema: { type: 'string' },
            })),
          ],
          ...(o.body
            ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(o.body) } } } }
            : {}),
          responses: {
            200: { description: 'OK' },
            400: { description: 'bad parameter: {error, message, messages: {ru, en}, key, params}' },
            401: { description: 'sign in first' },
            403: { description: 'role not allowed' },
            429: { description: 'rate limited' },
          },
        },
      ]),
    );
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Problem map API',
      version: '0.1.0',
      description: 'Roles: public (anyone), analyst, road_agency, admin. x-roles lists who may call each operation.',
    },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token' } } },
    paths,
  };
}

/** API routes documented here, for the test that every route in app/api is documented. */
export const DOCUMENTED = Object.keys(OPS);
