import { z } from 'zod';
import { BASEMAP_VARIANTS } from '../aggregate/basemap/style';
import { appealFilterSchema } from '../domain/filters';
import {
  BIGINT_ID_MAX,
  bboxSchema,
  idListSchema,
  INT4_MAX,
  pagingSchema,
  pathId,
  periodReversed,
  queryObject,
  textSchema,
} from '../domain/params';
import { ROLES } from '../auth/options';
import { TOPICS } from '../domain/vocab';
import { IMPORT_KINDS } from '../ingest/jobs/profiles';
import { OWNERS } from '../ingest/roads/mapping';
import { issueError } from '../i18n/zodIssue';
import { PmapError } from '../errors';
import { PRIORITY_FORMATS } from '../roads/export';
import { LIST_TABS, PLAN_FILTERS, SORT_KEYS } from '../roads/page';
import { PARTS, type Weights } from '../roads/types';
import { EXPORT_FORMATS } from '../store/exportAppeals';

/*
 * The parameter layer: every route in app/api reads its query, path and JSON-body parameters through this module, so
 * one value means one thing everywhere: a day is a real calendar day (2025-02-30 is a 400), a period ending before
 * it starts is a 400, a bbox is w<e and s<n within ±180/±90, a page is 1..PAGE_MAX and its size 1..the route's
 * maximum, thanks are left out unless asked for (GRATITUDE_DEFAULT), and a bad value is a 400 naming the parameter
 * in Russian and English (lib/i18n/errors.ts), never a 500. The pure pieces live in lib/domain (the CLI and the
 * pages share them); the OpenAPI document (lib/serve/openapi.ts) is generated from the schemas here.
 */

export {
  BIGINT_ID_MAX,
  bboxSchema,
  dateTimeSchema,
  daySchema,
  idListSchema,
  idSchema,
  INT4_MAX,
  locationSchema,
  monthSchema,
  PAGE_MAX,
  pagingSchema,
  pathSegments,
  periodReversed,
  textSchema,
  appealAddressSchema,
  appealLocationSchema,
  appealPointSchema,
  badInputOfDbError,
} from '../domain/params';
export { appealFilterSchema, GRATITUDE_DEFAULT, GRATITUDE_MODES, type AppealFilter } from '../domain/filters';
// Query schemas that live beside the code that reads them (one filter, plus their own keys).
export { hexagonQuerySchema } from '../aggregate/hexagons';
export { hotspotQuerySchema } from '../aggregate/hotspots/query';
export { publicHexagonQuerySchema } from '../aggregate/publicHexagons';
export { geocodeQuerySchema, publicPointsQuerySchema } from '../points/query';
export { drillQuerySchema } from '../store/appealDrill';
// Bodies checked beside the code that takes them.
export { idempotencyKeySchema, submissionSchema } from '../ingest/appeals/submitAppeal';
export { pointReportSchema } from '../points/reports';

/** Parses query parameters with a zod schema; a bad value is a 400 that names the parameter. */
export function parseQuery<T>(schema: z.ZodType<T>, url: URL): T {
  // Bad UTF-8, control characters and overlong values are refused whatever the schema (lib/domain/params.ts).
  const r = schema.safeParse(queryObject(url));
  if (r.success) {
    // One rule for a reversed period on every route that takes one (lib/domain/params.ts).
    const p = r.data as { from?: unknown; to?: unknown };
    if (typeof p?.from === 'string' && typeof p.to === 'string' && periodReversed(p.from, p.to)) {
      throw PmapError.keyed('bad_argument', 'input.period_reversed', { param: 'to' });
    }
    return r.data;
  }
  const i = r.error.issues[0];
  const where = i.path.length ? String(i.path[0]) : i.code === 'unrecognized_keys' ? i.keys.join(', ') : 'query';
  throw issueError(i, `${where}: ${i.message}`);
}

/**
 * A JSON body (read with lib/serve/http.ts readJson, which bounds its size) checked with its schema: a bad field is a
 * 400 that names it, in Russian and English, like a bad query parameter.
 */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw issueError(i, `${i.path.join('.') || 'body'}: ${i.message}`, 'body');
}

/** A route that takes no query parameters: any is a 400 (unknown parameters). */
export const noQuerySchema = z.strictObject({});

/** The id `fromEnd` path segments from the end (`/api/admin/imports/7/rejects`, 2 → 7), or a 400 naming `what`. */
export const pathIdAt = (req: Request, fromEnd: number, what = 'id', max: number = BIGINT_ID_MAX): number =>
  pathId(new URL(req.url), what, max, fromEnd);

// --- Appeals ---------------------------------------------------------------------------------------------------

/** GET /api/appeals: the filter, a page, and doubt=only for just the appeals whose topic is in doubt. */
export const appealListQuerySchema = appealFilterSchema.extend({
  ...pagingSchema(50, 200),
  doubt: z.enum(['only']).optional(),
});

/** GET /api/appeals/export: the filter and the file's format. */
export const appealExportQuerySchema = appealFilterSchema.extend({ format: z.enum(EXPORT_FORMATS).default('csv') });

/** GET /api/appeals/corrections. */
export const correctionsQuerySchema = z.strictObject({
  format: z.enum(['csv']).default('csv'),
  history: z.enum(['0', '1']).default('0'),
});

/** GET /api/basemap/style.json. */
export const basemapStyleQuerySchema = z.object({ variant: z.enum(BASEMAP_VARIANTS).default('muted') });

/** GET /api/boundaries. */
export const boundariesQuerySchema = z.strictObject({
  level: z.enum(['region', 'municipality']).default('municipality'),
});

// --- Admin -----------------------------------------------------------------------------------------------------

/** POST /api/admin/imports/upload?name=FILE (required: the route says so in its own words). */
export const uploadQuerySchema = z.object({ name: z.string().optional() });
/** DELETE /api/admin/imports/upload?upload=ID. */
export const discardQuerySchema = z.object({ upload: z.string().default('') });

/** POST /api/admin/users: create or update a user. */
export const userBodySchema = z.strictObject({
  email: z.string().email().max(200),
  password: z.string().min(10).max(200),
  role: z.enum(ROLES),
  owner: z.string().max(100).optional(),
});

/** POST /api/admin/imports: start importing an upload. */
export const importBodySchema = z.strictObject({
  upload: z.string().max(100),
  kind: z.enum(IMPORT_KINDS),
  mapping: z.record(z.string(), z.unknown()).nullable().default(null),
});

/** POST /api/appeals/{id}/topic: a topic code, or null to return the appeal to automatic. */
export const appealTopicBodySchema = z.strictObject({ topic: z.enum(TOPICS).nullable() });

// --- Roads -----------------------------------------------------------------------------------------------------

/** The shared appeal filters plus `owner` (ignored for a road agency, which only ever sees its own). */
export const roadsQuerySchema = appealFilterSchema.extend({ owner: z.enum(OWNERS).optional() });

/** GET /api/roads/weights. */
export const roadsWeightsQuerySchema = z.object({ owner: z.enum(OWNERS).optional() });

const weight = z.number().min(0).max(100);
/** POST /api/roads/weights: the six weights 0..100, and (an admin) whose. */
export const roadsWeightsBodySchema = z.strictObject({
  per_km: weight,
  citizens: weight,
  trend: weight,
  condition: weight,
  road_class: weight,
  facilities: weight,
  owner: z.enum(OWNERS).optional(),
});

/** Weights to preview, in the order of PARTS, e.g. `weights=30,20,15,15,10,10`. */
const previewWeights = z
  .string()
  .refine(
    (s) => {
      const a = s.split(',').map(Number);
      return (
        a.length === PARTS.length && a.every((x) => Number.isFinite(x) && x >= 0 && x <= 100) && a.some((x) => x > 0)
      );
    },
    `expected ${PARTS.length} comma-separated weights 0..100 (${PARTS.join(',')})`,
  )
  .transform((s) => Object.fromEntries(s.split(',').map((x, i) => [PARTS[i], Number(x)])) as Weights);

/** GET /api/roads/priorities: its keys beside the roads filter. */
export const roadsPrioritiesExtra = {
  ...pagingSchema(50, 500),
  sort: z.enum(SORT_KEYS).default('score'),
  dir: z.enum(['asc', 'desc']).optional(),
  q: textSchema(100).optional(),
  plan: z.enum(PLAN_FILTERS).optional(),
  road_class: textSchema(50).optional(),
  list: z.enum(LIST_TABS).default('all'),
  weights: previewWeights.optional(),
  /** `scores=1`: also every listed segment's score ({id: score}) and the quantile bands, for the map's colours. */
  scores: z.enum(['0', '1']).optional(),
};

/** GET /api/roads/geojson: one page (up to 5 000) by id, optionally within a bbox or only some ids. */
export const roadsGeojsonExtra = {
  ...pagingSchema(1000, 5000),
  bbox: bboxSchema.optional(),
  ids: idListSchema(INT4_MAX, 500).optional(),
};

/** GET /api/roads/export: the file's format beside the roads filter. */
export const roadsExportExtra = { format: z.enum(PRIORITY_FORMATS).default('xlsx') };
