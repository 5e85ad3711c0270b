import type { Geometry } from 'geojson';
import type { Session } from '../../db';
import { copyBatches } from '../../db/copyCsv';
import { CHANNELS, STATUSES, TOPICS } from '../domain/vocab';
import type { RejectSink } from '../store/rejects';
import { PLAN_STATUSES } from './plans/mapping';
import type { SourceRecord } from './readers';
import { OWNERS } from './roads/mapping';

/*
 * What the database would refuse, decided before a row reaches COPY: each staging table's columns with the rules of
 * the table they are merged into (db/migrations: NOT NULL, CHECK lists, column types, unique-index key sizes,
 * geometry types and dimensions). A row that breaks one is a per-row reject with a reason a person can read, so one
 * bad row never aborts an import (issue 26, item 1).
 *
 * Staging rows reach COPY as CSV (db/copyCsv.ts), where an empty string is NULL: "required" means "not empty".
 */

/**
 * A unique or btree index holds at most ~2,700 bytes a key (PostgreSQL's btree page limit; the whole key, all its
 * columns). Ids and names that are keys stay well under it.
 */
export const KEY_MAX_BYTES = 1000;
/** Dates the tables keep: the serialised ISO form has four year digits; earlier than 1900 is a typo in a real export. */
const MIN_YEAR = 1900;
/** PostgreSQL's `real`. */
const REAL_MAX = 3.4e38;

export type ColumnRule =
  | { kind: 'skip' }
  | { kind: 'text'; field: string; required?: boolean; key?: boolean; oneOf?: readonly string[] }
  | { kind: 'json'; field: string; required?: boolean }
  | { kind: 'timestamp'; field: string; required?: boolean }
  | { kind: 'date'; field: string }
  | { kind: 'number'; field: string; type: 'int' | 'real' | 'float8'; min?: number; max?: number; required?: boolean }
  | { kind: 'bool'; field: string; required?: boolean }
  | { kind: 'geojson'; field: string; types: readonly Geometry['type'][]; required?: boolean };

export type StageRules = Readonly<Record<string, ColumnRule>>;

const skip: ColumnRule = { kind: 'skip' };
const text = (field: string, o: { required?: boolean; key?: boolean; oneOf?: readonly string[] } = {}): ColumnRule => ({
  kind: 'text',
  field,
  ...o,
});
const key = (field: string, required = true): ColumnRule => text(field, { required, key: true });
const json = (field: string, required = true): ColumnRule => ({ kind: 'json', field, required });
const stamp = (field: string, required = false): ColumnRule => ({ kind: 'timestamp', field, required });
const lat: ColumnRule = { kind: 'number', field: 'lat', type: 'float8', min: -90, max: 90 };
const lon: ColumnRule = { kind: 'number', field: 'lon', type: 'float8', min: -180, max: 180 };
const RAW = json('the row', true);

/** appeal_stage (db/merge/appeals.ts) → appeals. */
export const APPEAL_STAGE_RULES: StageRules = {
  row_number: skip,
  external_id: key('external_id'),
  channel: text('channel', { required: true, oneOf: CHANNELS }),
  created_at: stamp('created_at', true),
  updated_at: stamp('updated_at'),
  closed_at: stamp('closed_at'),
  status: text('status', { required: true, oneOf: STATUSES }),
  topic: text('topic', { required: true, oneOf: TOPICS }),
  topic_confidence: { kind: 'number', field: 'topic confidence', type: 'real', min: 0, max: 1 },
  is_gratitude: { kind: 'bool', field: 'is_gratitude', required: true },
  text: text('text'),
  address: text('address'),
  street: text('street'),
  house: text('house'),
  author_pseudonym: skip,
  author_contact: text('author'),
  agency: text('agency'),
  answered_at: stamp('answered_at'),
  answer_text: text('answer_text'),
  due_at: stamp('due_at'),
  lat,
  lon,
  h3: skip,
  raw: RAW,
  content_hash: skip,
};

/** point_stage (db/merge/points.ts) → service_points. */
export const POINT_STAGE_RULES: StageRules = {
  row_number: skip,
  external_id: key('external_id'),
  kind: key('kind'),
  name: text('name', { required: true }),
  address: text('address'),
  phone: text('phone'),
  url: text('url'),
  walk_in: { kind: 'bool', field: 'walk_in' },
  appointments: { kind: 'bool', field: 'appointments' },
  accessible: { kind: 'bool', field: 'accessible' },
  vaccines: json('vaccines'),
  hours: json('hours'),
  timezone: text('timezone', { required: true }),
  verified_at: stamp('verified_at'),
  lat: { ...lat, required: true } as ColumnRule,
  lon: { ...lon, required: true } as ColumnRule,
  location_source: text('location source', { required: true, oneOf: ['source', 'geocoded'] }),
  geocode_confidence: { kind: 'number', field: 'geocode confidence', type: 'real', min: 0, max: 1 },
  raw: RAW,
  content_hash: skip,
};

/** road_import_stage (db/merge/roads.ts) → road_segments. */
export const ROAD_STAGE_RULES: StageRules = {
  row_number: skip,
  external_id: key('external_id'),
  name: text('name'),
  road_class: text('road_class'),
  owner: text('owner', { oneOf: OWNERS }),
  rating: { kind: 'number', field: 'rating', type: 'real', min: 1, max: 5 },
  street_code: text('street_code'),
  oneway: { kind: 'number', field: 'oneway', type: 'int', min: -1, max: 1 },
  geojson: { kind: 'geojson', field: 'geometry', types: ['MultiLineString'], required: true },
  raw: RAW,
  content_hash: skip,
};

/** plan_import_stage (db/merge/plans.ts) → repair_plans. */
export const PLAN_STAGE_RULES: StageRules = {
  row_number: skip,
  external_id: key('external_id'),
  segment_ref: key('segment_id', false),
  geojson: { kind: 'geojson', field: 'geometry', types: ['LineString', 'MultiLineString', 'Point'] },
  year: { kind: 'number', field: 'year', type: 'int', min: 1950, max: 2100 },
  status: text('status', { required: true, oneOf: PLAN_STATUSES }),
  work_type: text('work_type'),
  completed_at: { kind: 'date', field: 'completed_at' },
  warranty_until: { kind: 'date', field: 'warranty_until' },
  raw: RAW,
  content_hash: skip,
};

/** address_stage (db/merge/addresses.ts) → addresses, address_streets, address_localities. */
export const ADDRESS_STAGE_RULES: StageRules = {
  row_number: skip,
  text: text('text', { required: true }),
  norm: key('text'),
  locality_key: key('locality', false),
  locality_label: text('locality'),
  street_core: key('street'),
  street_type: text('street type'),
  street_name: text('street', { required: true }),
  house: text('house'),
  house_num: { kind: 'number', field: 'house', type: 'int', min: 0, max: 2_147_483_647 },
  house_key: key('house', false),
  lat: { ...lat, required: true } as ColumnRule,
  lon: { ...lon, required: true } as ColumnRule,
  raw: RAW,
  content_hash: skip,
  external_id: key('external_id', false),
  norm_key: skip,
};

/** boundary_stage (lib/ingest/boundaries/importBoundaries.ts) → boundaries. */
export const BOUNDARY_STAGE_RULES: StageRules = {
  row_number: skip,
  code: key('code'),
  name: text('name', { required: true }),
  props: json('the properties'),
  geojson: { kind: 'geojson', field: 'geometry', types: ['Polygon', 'MultiPolygon'], required: true },
  hash: skip,
};

const NUL = '\u0000';
/**
 * JSON text escapes PostgreSQL's jsonb refuses: \u0000, and a UTF-16 surrogate escape (JSON.stringify writes a
 * well-formed pair as the character itself, so any surrogate escape in its output is an unpaired one).
 */
const BAD_JSON_ESCAPE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;
const ISO_YEAR = /^(\d{4})-\d{2}-\d{2}/;

const quote = (s: string) => (s.length > 60 ? `"${s.slice(0, 60)}…"` : `"${s}"`);
const fmt = (n: number) => n.toLocaleString('en');

function textProblem(r: Extract<ColumnRule, { kind: 'text' }>, v: string): string | undefined {
  if (v.includes(NUL)) return `field "${r.field}": the value contains a NUL byte (\\0), which cannot be stored`;
  if (r.oneOf && !r.oneOf.includes(v)) return `field "${r.field}": ${quote(v)} is not one of ${r.oneOf.join(', ')}`;
  if (r.key) {
    const bytes = Buffer.byteLength(v);
    if (bytes > KEY_MAX_BYTES) {
      return `field "${r.field}": ${fmt(bytes)} bytes, more than the ${fmt(KEY_MAX_BYTES)} bytes a key may have (the database indexes it)`;
    }
  }
  return undefined;
}

function yearProblem(field: string, v: string, what: string): string | undefined {
  const m = ISO_YEAR.exec(v);
  if (!m)
    return `field "${field}": ${what} ${quote(v)} cannot be stored (the year has more than four digits or is negative)`;
  const y = Number(m[1]);
  if (y < MIN_YEAR) return `field "${field}": ${what} is in the year ${m[1]}, before ${MIN_YEAR} (a typo?)`;
  return undefined;
}

function numberProblem(r: Extract<ColumnRule, { kind: 'number' }>, v: unknown): string | undefined {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return `field "${r.field}": ${quote(String(v))} is not a finite number`;
  if (r.type === 'int' && !Number.isInteger(n)) return `field "${r.field}": ${n} is not a whole number`;
  if (r.type === 'real' && Math.abs(n) > REAL_MAX) return `field "${r.field}": ${n} is too large to store`;
  if ((r.min !== undefined && n < r.min) || (r.max !== undefined && n > r.max)) {
    return `field "${r.field}": ${n} is outside ${r.min ?? '−∞'} … ${r.max ?? '∞'}`;
  }
  return undefined;
}

const isPosition = (p: unknown): p is [number, number] =>
  Array.isArray(p) &&
  p.length === 2 &&
  typeof p[0] === 'number' &&
  typeof p[1] === 'number' &&
  Number.isFinite(p[0]) &&
  Number.isFinite(p[1]) &&
  Math.abs(p[0]) <= 180 &&
  Math.abs(p[1]) <= 90;

function lineProblem(line: unknown): string | undefined {
  if (!Array.isArray(line) || !line.every(isPosition)) return 'a position is not [lon, lat] in range';
  if (line.length < 2) return 'a line has fewer than two positions';
  return undefined;
}

function ringsProblem(rings: unknown): string | undefined {
  if (!Array.isArray(rings) || !rings.length) return 'a polygon has no rings';
  for (const ring of rings) {
    if (!Array.isArray(ring) || !ring.every(isPosition)) return 'a position is not [lon, lat] in range';
    if (ring.length < 4) return `a ring has ${ring.length} positions (at least 4 are needed)`;
    const [a, b] = [ring[0]!, ring[ring.length - 1]!];
    if (a[0] !== b[0] || a[1] !== b[1]) return 'a ring is not closed (first and last positions differ)';
  }
  return undefined;
}

const each = (parts: unknown, check: (p: unknown) => string | undefined, empty: string): string | undefined => {
  if (!Array.isArray(parts) || !parts.length) return empty;
  for (const p of parts) {
    const why = check(p);
    if (why) return why;
  }
  return undefined;
};

/** "a LineString, MultiLineString or Point" (the importers' wording). */
const typeList = (types: readonly string[]) =>
  `a ${types.length > 1 ? `${types.slice(0, -1).join(', ')} or ${types[types.length - 1]}` : types[0]}`;

/**
 * Why a 2D GeoJSON geometry (as flat2d() makes it) cannot be stored as one of `types`, or undefined. What
 * ST_GeomFromGeoJSON and a geometry(<type>, 4326) column refuse: a wrong type, a position that is not two finite
 * numbers in WGS84 range, a line of one position, an unclosed or too short ring.
 */
export function geometryProblem(g: unknown, types: readonly string[]): string | undefined {
  if (!g || typeof g !== 'object') return 'invalid geometry: not a GeoJSON geometry';
  const { type, coordinates: c } = g as { type?: unknown; coordinates?: unknown };
  if (typeof type !== 'string' || !types.includes(type))
    return `invalid geometry: expected ${typeList(types)}, got ${String(type ?? 'nothing').slice(0, 40)}`;
  let why: string | undefined;
  switch (type) {
    case 'Point':
      why = isPosition(c) ? undefined : 'the point is not [lon, lat] in range';
      break;
    case 'LineString':
      why = lineProblem(c);
      break;
    case 'MultiLineString':
      why = each(c, lineProblem, 'no lines');
      break;
    case 'Polygon':
      why = ringsProblem(c);
      break;
    case 'MultiPolygon':
      why = each(c, ringsProblem, 'no polygons');
      break;
    default:
      why = `a ${type} is not supported`;
  }
  return why ? `invalid geometry: ${why}` : undefined;
}

/**
 * A GeoJSON geometry with only `type` and `coordinates` (foreign members such as `crs` dropped) and every position
 * cut to [lon, lat]: a third coordinate (height) would make a Z geometry, which the 2D columns refuse.
 */
export function flat2d<G extends Geometry | null | undefined>(g: G): G {
  if (!g || typeof g !== 'object' || !('coordinates' in g)) return g;
  const cut = (c: unknown): unknown => {
    if (!Array.isArray(c)) return c;
    if (c.length >= 2 && typeof c[0] === 'number') return c.length === 2 ? c : c.slice(0, 2);
    return c.map(cut);
  };
  return { type: g.type, coordinates: cut(g.coordinates) } as G;
}

function geojsonProblem(r: Extract<ColumnRule, { kind: 'geojson' }>, v: string): string | undefined {
  let g: unknown;
  try {
    g = JSON.parse(v);
  } catch {
    return `field "${r.field}": not valid GeoJSON`;
  }
  return geometryProblem(g, r.types);
}

/** Why one rule refuses a staged value, or undefined. */
export function valueProblem(r: ColumnRule, v: unknown): string | undefined {
  if (r.kind === 'skip') return undefined;
  const empty = v === null || v === undefined || v === '';
  if (empty) return 'required' in r && r.required ? `field "${r.field}": the value is empty` : undefined;
  switch (r.kind) {
    case 'text':
      return textProblem(r, String(v));
    case 'json': {
      const s = String(v);
      if (BAD_JSON_ESCAPE.test(s))
        return `${r.field === 'the row' ? 'the row' : `field "${r.field}": the value`} holds a NUL byte or an unpaired UTF-16 surrogate, which cannot be stored`;
      return undefined;
    }
    case 'timestamp':
      return yearProblem(r.field, String(v), 'the date');
    case 'date':
      return yearProblem(r.field, String(v), 'the date');
    case 'number':
      return numberProblem(r, v);
    case 'bool':
      return v === true || v === false || v === 'true' || v === 'false'
        ? undefined
        : `field "${r.field}": ${quote(String(v))} is not true or false`;
    case 'geojson':
      return geojsonProblem(r, String(v));
  }
}

/**
 * Why the database would refuse a staged row (its values in `columns` order), or undefined. A column without a rule
 * is a programming error: every staging column must say what its table accepts.
 */
export function stageProblem(
  rules: StageRules,
  columns: readonly string[],
  row: readonly unknown[],
): string | undefined {
  for (let i = 0; i < columns.length; i++) {
    const r = rules[columns[i]!];
    if (!r) throw new Error(`no constraint rule for staging column "${columns[i]}"`);
    const why = valueProblem(r, row[i]);
    if (why) return why;
  }
  return undefined;
}

/**
 * copyBatches (db/copyCsv.ts) with the table's rules in front: push() sends a row the database accepts to COPY and
 * turns one it would refuse into a reject of its source record. Returns whether the row was staged.
 */
export function checkedStage(
  s: Session,
  sink: RejectSink,
  table: string,
  columns: readonly string[],
  rules: StageRules,
  batchSize: number,
) {
  const copy = copyBatches(s, table, columns, batchSize);
  return {
    async push(row: unknown[], rec: SourceRecord): Promise<boolean> {
      const why = stageProblem(rules, columns, row);
      if (why) {
        await sink.add(s, { row: rec.row, line: rec.line, reason: why, values: rec.values });
        return false;
      }
      await copy.push(row);
      return true;
    },
    finish: () => copy.finish(),
  };
}
