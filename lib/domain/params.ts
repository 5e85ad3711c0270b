import { z } from 'zod';
import { PmapError } from '../errors';
import { dayIndex } from './days';

/*
 * Request parameters, strictly: every route reads its query and path parameters through these, so a value the
 * database would choke on (an impossible date, year 0, NUL, an id beyond int4, bad UTF-8) is a 400 that names the
 * parameter, not a 500 with a stack trace. Pure: lib/serve/http.ts (parseQuery) and the route handlers use it.
 */

/** Dates outside these years are refused: nothing here happened before 1900, and nothing is planned past 2100. */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 2100;
/** The largest `serial` / int4 id. */
export const INT4_MAX = 2_147_483_647;
/** The largest id JavaScript holds exactly (bigserial ids are read as numbers). */
export const BIGINT_ID_MAX = Number.MAX_SAFE_INTEGER;
/** No query value is longer than this, whatever its schema says. */
export const QUERY_VALUE_MAX = 2000;

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** True for a date that exists in the proleptic Gregorian calendar, within YEAR_MIN..YEAR_MAX. */
export function isCalendarDay(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || y < YEAR_MIN || y > YEAR_MAX) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const DAY_MSG = `expected a date YYYY-MM-DD between ${YEAR_MIN} and ${YEAR_MAX}`;

/** A calendar day as YYYY-MM-DD (`2024-02-30`, `0000-01-01` and `-1` are refused). */
export const daySchema = z
  .string()
  .refine(
    (s) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      return !!m && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
    },
    { message: DAY_MSG, params: { key: 'input.date' } },
  )
  .meta({ format: 'date', description: `a calendar day YYYY-MM-DD, ${YEAR_MIN}..${YEAR_MAX}` });

/** Days since 1970-01-01 (UTC) of a calendar day YYYY-MM-DD; an impossible day (`2025-02-30`) throws, never rolls over. */
export function dayNumber(day: string): number {
  if (!daySchema.safeParse(day).success) {
    throw new PmapError('bad_argument', `${JSON.stringify(day.slice(0, 20))}: ${DAY_MSG}`, {}, 'input.date', {
      param: JSON.stringify(day.slice(0, 20)),
    });
  }
  return dayIndex(day);
}

/** The one rule for a period whose end is before its start, everywhere (map, lists, exports, briefing, roads): a 400. */
export const PERIOD_REVERSED = 'Конец периода раньше начала';

/** `to` is before `from` (both YYYY-MM-DD days or YYYY-MM months: they compare as text). */
export const periodReversed = (from: string | undefined | null, to: string | undefined | null): boolean =>
  !!from && !!to && to < from;

/** A box w,s,e,n in degrees (WGS 84): four finite numbers, w < e, s < n, within ±180 / ±90. */
export const bboxSchema = z
  .string()
  .transform((s) => s.split(',').map((x) => (x.trim() === '' ? NaN : Number(x))))
  .refine((a) => a.length === 4 && a.every(Number.isFinite), 'expected w,s,e,n')
  .refine(
    (a) => a[0] < a[2] && a[1] < a[3] && a[0] >= -180 && a[2] <= 180 && a[1] >= -90 && a[3] <= 90,
    'expected w<e and s<n within ±180, ±90',
  )
  .transform((a) => a as [number, number, number, number])
  .meta({
    description: 'a box w,s,e,n in degrees (WGS 84): w<e, s<n within ±180, ±90',
    example: '55.0,51.7,55.2,51.8',
  });

/** The one page limit of every list (API, /appeals, Open311): past it a page is a 400, never an offset overflow. */
export const PAGE_MAX = 100_000;

/** Paging of every list: `page` 1..PAGE_MAX, `page_size` 1..`maxSize` (default `size`): the one maximum rule. */
export const pagingSchema = (size = 50, maxSize = 200) => ({
  page: z.coerce.number().int().min(1).max(PAGE_MAX).default(1),
  page_size: z.coerce.number().int().min(1).max(maxSize).default(size),
});

/** A calendar month as YYYY-MM. */
export const monthSchema = z
  .string()
  .refine((s) => {
    const m = /^(\d{4})-(\d{2})$/.exec(s);
    return !!m && isCalendarDay(Number(m[1]), Number(m[2]), 1);
  }, `expected a month YYYY-MM between ${YEAR_MIN} and ${YEAR_MAX}`)
  .meta({ description: 'a calendar month YYYY-MM' });

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO 8601 date or date-time (`2026-04-01`, `2026-04-01T10:00:00Z`, `…+05:00`), a real calendar day within
 * YEAR_MIN..YEAR_MAX and a real time of day; becomes the instant as an ISO string.
 */
export const dateTimeSchema = (message = 'expected an ISO 8601 date-time') =>
  z.string().transform((s, ctx) => {
    const m = DATE_TIME.exec(s);
    const ok =
      m &&
      isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3])) &&
      Number(m[4] ?? 0) <= 23 &&
      Number(m[5] ?? 0) <= 59 &&
      Number(m[6] ?? 0) <= 59 &&
      (!m[7] || m[7] === 'Z' || (Number(m[7].slice(1, 3)) <= 14 && Number(m[7].slice(-2)) <= 59));
    const t = ok ? Date.parse(m[4] ? s : `${s}T00:00:00Z`) : NaN;
    if (Number.isNaN(t)) {
      ctx.addIssue({ code: 'custom', message, params: { key: 'input.date_time' } });
      return z.NEVER;
    }
    return new Date(t).toISOString();
  });

/** A positive integer id written in plain digits (no sign, exponent or hex), at most `max`. */
export const idSchema = (max: number = INT4_MAX) =>
  z
    .string()
    .refine((s) => /^[1-9]\d{0,15}$/.test(s) && Number(s) <= max, `expected an id 1..${max}`)
    .transform(Number);

/** A comma list of ids, at most `count` of them. */
export const idListSchema = (max: number = INT4_MAX, count = 100) =>
  z
    .string()
    .refine((s) => {
      const ids = s.split(',');
      return ids.length <= count && ids.every((x) => /^[1-9]\d{0,15}$/.test(x) && Number(x) <= max);
    }, `expected up to ${count} comma-separated ids 1..${max}`)
    .transform((s) => s.split(',').map(Number));

/**
 * `location`: appeals by how precisely they are placed (appeals.geocode_level): none (no cell, not on the map),
 * coarse (street or settlement only: res ≤ 7, no road), precise (own coordinates or the house). The side panel's
 * «Без координат» and «приблизительно» link to the list with none and coarse, to fix them by hand.
 */
export const LOCATION_FILTERS = ['none', 'coarse', 'precise'] as const;
export const locationSchema = z.enum(LOCATION_FILTERS);

/**
 * Body of POST /api/appeals/{id}/location: a point placed by hand (`{lat, lon}`, WGS 84 degrees in range) or an
 * address for the offline geocoder (`{address}`), never both. Whether the point lies in the data's region is the
 * store's check (lib/store/appealLocation.ts), as it needs what is loaded.
 */
export const appealPointSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export const appealAddressSchema = z.strictObject({
  address: z
    .string()
    .trim()
    .min(3)
    .max(300)
    .refine((s) => !CONTROL.test(s), 'control characters are not allowed'),
});
/** The schema for a body: an address body has the key `address`; any other is a point. */
export const appealLocationSchema = (body: unknown) =>
  body && typeof body === 'object' && 'address' in body ? appealAddressSchema : appealPointSchema;

/** Free text: at most `max` characters, no NUL or other control characters. */
export const textSchema = (max = 200) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'control characters are not allowed');

/** Percent-decoding that fails on bad UTF-8 (`%C3%28`, `%FF`) with a 400 instead of a URIError. */
function decode(s: string, what: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw PmapError.keyed('bad_argument', 'input.bad_utf8', { param: what });
  }
}

/**
 * The query of `url` as an object for a zod schema (a repeated key becomes an array). The raw query must decode
 * as UTF-8, and no value may hold a control character or run past QUERY_VALUE_MAX: whatever the schema says.
 */
export function queryObject(url: URL): Record<string, string | string[]> {
  for (const pair of url.search.slice(1).split('&')) {
    if (!pair) continue;
    const [k, ...v] = pair.split('=').map((s) => s.replace(/\+/g, ' '));
    const key = decode(k, 'query');
    decode(v.join('='), key.slice(0, 40) || 'query');
  }
  const obj: Record<string, string | string[]> = {};
  for (const k of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(k);
    for (const v of [k, ...all]) {
      // The server may hand over the query already decoded with bad bytes as U+FFFD: no one means to send that.
      if (v.includes('\uFFFD')) throw PmapError.keyed('bad_argument', 'input.bad_utf8', { param: k.slice(0, 40) });
      if (CONTROL.test(v)) throw PmapError.keyed('bad_argument', 'input.control_chars', { param: k.slice(0, 40) });
      if (v.length > QUERY_VALUE_MAX)
        throw PmapError.keyed('bad_argument', 'input.too_long', { param: k.slice(0, 40), maximum: QUERY_VALUE_MAX });
    }
    obj[k] = all.length > 1 ? all : all[0];
  }
  return obj;
}

/**
 * The decoded path segments of `url` after the first `skip` (`/api/tiles/a/1` with skip 2 → ['a', '1']); a segment
 * that is not valid percent-encoded UTF-8 or holds a control character is a 400.
 */
export function pathSegments(url: URL, skip: number): string[] {
  return url.pathname
    .split('/')
    .filter(Boolean)
    .slice(skip)
    .map((s) => {
      const d = decode(s, 'path');
      if (CONTROL.test(d)) throw PmapError.keyed('bad_argument', 'input.control_chars', { param: 'path' });
      return d;
    });
}

/** The path segment `fromEnd` from the end (1: the last) as an id (see idSchema), or a 400 naming `what`. */
export function pathId(url: URL, what: string, max: number = INT4_MAX, fromEnd = 1): number {
  const parts = pathSegments(url, 0);
  const r = idSchema(max).safeParse(parts[parts.length - fromEnd] ?? '');
  if (!r.success)
    throw new PmapError('bad_argument', `${what}: ${r.error.issues[0].message}`, {}, 'input.invalid', { param: what });
  return r.data;
}

/**
 * PostgreSQL errors (SQLSTATE class 22, data exception) that only a malformed value causes: a value that slipped
 * past the schemas above. The last line of defence: a 400, not a 500.
 */
const BAD_INPUT_SQLSTATES: Record<string, string> = {
  '22001': 'a value is too long',
  '22003': 'a number is out of range',
  '22007': 'a date or time is malformed',
  '22008': 'a date or time is out of range',
  '22009': 'a time zone is out of range',
  '22021': 'a value is not valid UTF-8 or holds NUL',
  '22P02': 'a value is malformed',
  '22P05': 'a value holds a character the database cannot store',
};

/** The 400 that a database error caused by bad input becomes, or null when `e` is not one. */
export function badInputOfDbError(e: unknown): PmapError | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(code in BAD_INPUT_SQLSTATES)) return null;
  return new PmapError(
    'bad_argument',
    `a parameter was refused by the database: ${BAD_INPUT_SQLSTATES[code]}`,
    {},
    'input.db_refused',
  );
}
