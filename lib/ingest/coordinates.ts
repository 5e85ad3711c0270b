import { readField, str } from './fields';
import type { FieldSpec } from './mapping';
import type { SourceRecord } from './readers';
import type { Bbox } from '../domain/bbox';

export type { Bbox };

export type CoordCheck =
  { kind: 'ok'; lat: number; lon: number; swapped: boolean } | { kind: 'missing' } | { kind: 'reject'; reason: string };

/** "51,77" (decimal comma) and " 51.77 " are numbers; empty is missing; anything else is NaN. */
export function parseNumberCell(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  const s = String(v).trim().replace(',', '.');
  if (!s) return null;
  return /^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s) ? Number(s) : NaN;
}

const inBox = (lat: number, lon: number, [w, s, e, n]: Bbox) => lon >= w && lon <= e && lat >= s && lat <= n;

/**
 * Checks one coordinate pair. 0/0 counts as missing (a common export placeholder). A pair out of range, or out
 * of the data's region while the swapped pair is inside it, "looks swapped": rejected unless `swap` is set.
 */
export function checkCoordinates(
  lat: number | null,
  lon: number | null,
  region: Bbox | undefined,
  swap: boolean,
): CoordCheck {
  if (lat === null && lon === null) return { kind: 'missing' };
  if (lat === null || lon === null)
    return { kind: 'reject', reason: `only one coordinate given (lat ${lat ?? 'empty'}, lon ${lon ?? 'empty'})` };
  if (Number.isNaN(lat) || Number.isNaN(lon)) return { kind: 'reject', reason: 'a coordinate is not a number' };
  if (lat === 0 && lon === 0) return { kind: 'missing' };
  const inRange = Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  const swappedInRange = Math.abs(lon) <= 90 && Math.abs(lat) <= 180;
  const looksSwapped = region ? !inBox(lat, lon, region) && inBox(lon, lat, region) : !inRange && swappedInRange;
  if (looksSwapped) {
    if (swap) return { kind: 'ok', lat: lon, lon: lat, swapped: true };
    return {
      kind: 'reject',
      reason: `coordinates look swapped (lat ${lat}, lon ${lon}) for the data's region; set "swap_coordinates": true in the mapping to swap them`,
    };
  }
  if (!inRange) return { kind: 'reject', reason: `coordinates out of range (lat ${lat}, lon ${lon})` };
  return { kind: 'ok', lat, lon, swapped: false };
}

/** The mapping keys the coordinates are read by (appeals, points). */
export interface CoordinateMapping {
  fields: { lat?: FieldSpec; lon?: FieldSpec };
  coordinates?: { column: string; order: 'lat,lon' | 'lon,lat'; swap?: boolean };
  swap?: boolean;
  swap_coordinates?: boolean;
}

/** Whether the mapping says the file's latitude and longitude are swapped: `"swap": true` (anywhere) or swap_coordinates. */
export const swapOf = (m: CoordinateMapping): boolean => Boolean(m.swap ?? m.coordinates?.swap ?? m.swap_coordinates);

export type RawCoordinates = { lat: number | null; lon: number | null } | { problem: string };

/**
 * The pair a record gives, before any check: from `lat`/`lon`, the single `coordinates` column, or a GeoJSON
 * Point. Numbers are NaN when a cell is not a number; `problem` when the cell or geometry cannot hold a pair.
 */
export function readCoordinates(rec: SourceRecord, m: CoordinateMapping): RawCoordinates {
  let lat = parseNumberCell(readField(rec, m.fields.lat));
  let lon = parseNumberCell(readField(rec, m.fields.lon));
  if (m.coordinates) {
    const raw = str(rec.values[m.coordinates.column]);
    const parts = raw
      .replace(/[()[\]\s]/g, '')
      .split(',')
      .filter(Boolean);
    if (parts.length === 2) {
      const [a, b] = parts.map(parseNumberCell);
      [lat, lon] = m.coordinates.order === 'lat,lon' ? [a!, b!] : [b!, a!];
    } else if (parts.length) {
      return { problem: `column "${m.coordinates.column}": expected two numbers, got "${raw}"` };
    }
  }
  if (lat === null && lon === null && rec.geometry !== undefined && rec.geometry !== null) {
    const g = rec.geometry;
    if (g.type !== 'Point' || !Array.isArray(g.coordinates) || g.coordinates.length < 2) {
      return { problem: `invalid geometry: expected a Point with two coordinates, got ${g.type ?? 'nothing'}` };
    }
    [lon, lat] = g.coordinates.map((c) => (typeof c === 'number' && Number.isFinite(c) ? c : NaN)) as [number, number];
  }
  return { lat, lon };
}

/** A located pair for the vote: finite and not the 0/0 placeholder; null otherwise. */
export function locatedPair(rec: SourceRecord, m: CoordinateMapping): { lat: number; lon: number } | null {
  if (rec.problem) return null;
  const c = readCoordinates(rec, m);
  if ('problem' in c || c.lat === null || c.lon === null || !Number.isFinite(c.lat) || !Number.isFinite(c.lon))
    return null;
  return c.lat === 0 && c.lon === 0 ? null : { lat: c.lat, lon: c.lon };
}
