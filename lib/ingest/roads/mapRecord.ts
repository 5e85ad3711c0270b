import type { Geometry } from 'geojson';
import { columnOf, nullIfEmpty, readField as read } from '../fields';
import { parseNumberCell } from '../coordinates';
import type { SourceRecord } from '../readers';
import { DEFAULT_OWNER_VALUES, ONEWAY_VALUES, OWNERS, type Owner, type RoadMapping } from './mapping';
import { rejectedRow, RowReject } from '../rowReject';

/** A road segment as the source describes it, after mapping and validation. */
export interface RoadDraft {
  externalId: string;
  name: string | null;
  roadClass: string | null;
  owner: Owner | null;
  /** On our scale: 1 = worst, 5 = best (converted from the mapping's rating_scale); null when not surveyed. */
  rating: number | null;
  /** The source's street code (КЛАДР/ФИАС), as text. */
  streetCode: string | null;
  /** 1 one way along the line, -1 against it, 0 both ways; null when not stated or not one of ONEWAY_VALUES. */
  oneway: 1 | -1 | 0 | null;
  /** WGS84 longitude/latitude, every line with at least two distinct positions. */
  lines: [number, number][][];
}

export type RoadMapResult = { ok: true; draft: RoadDraft } | { ok: false; reason: string };

function linesOf(g: Geometry | null | undefined): [number, number][][] {
  if (!g) throw new RowReject('no geometry: a road segment needs a LineString or MultiLineString');
  const raw = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : null;
  if (!raw) throw new RowReject(`invalid geometry: expected a LineString or MultiLineString, got ${g.type}`);
  const lines: [number, number][][] = [];
  for (const line of raw) {
    if (!Array.isArray(line)) throw new RowReject('invalid geometry: a line is not an array of positions');
    const pts: [number, number][] = [];
    for (const p of line) {
      const [lon, lat] = Array.isArray(p) ? p : [];
      if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
        throw new RowReject('invalid geometry: a position is not two numbers');
      }
      if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
        throw new RowReject(`coordinates out of range (lon ${lon}, lat ${lat}): a projected file needs its .prj`);
      }
      const prev = pts[pts.length - 1];
      if (!prev || prev[0] !== lon || prev[1] !== lat) pts.push([lon, lat]);
    }
    if (pts.length >= 2) lines.push(pts);
  }
  if (!lines.length) throw new RowReject('invalid geometry: the line has fewer than two distinct positions');
  return lines;
}

function ownerOf(rec: SourceRecord, m: RoadMapping): Owner | null {
  const raw = read(rec, m.fields.owner);
  if (!raw) return null;
  const key = raw.toLowerCase().replace(/\s+/g, ' ');
  const own = Object.entries(m.owners).find(([k]) => k.toLowerCase() === key)?.[1];
  const hit =
    own ?? DEFAULT_OWNER_VALUES[key] ?? ((OWNERS as readonly string[]).includes(key) ? (key as Owner) : undefined);
  if (hit) return hit;
  throw new RowReject(
    `column "${columnOf(m.fields.owner, 'owner')}": unknown owner "${raw}" (expected ${OWNERS.join(', ')}; add it to "owners" in the mapping)`,
  );
}

function classOf(rec: SourceRecord, m: RoadMapping): string | null {
  const raw = read(rec, m.fields.road_class);
  if (!raw) return null;
  return m.classes[raw] ?? raw.toLowerCase();
}

function ratingOf(rec: SourceRecord, m: RoadMapping): number | null {
  const raw = read(rec, m.fields.rating);
  if (!raw) return null;
  const v = parseNumberCell(raw);
  const col = columnOf(m.fields.rating, 'rating');
  if (v === null || !Number.isFinite(v)) throw new RowReject(`column "${col}": the rating "${raw}" is not a number`);
  const { worst, best } = m.rating_scale;
  const lo = Math.min(worst, best);
  const hi = Math.max(worst, best);
  if (v < lo || v > hi)
    throw new RowReject(`column "${col}": the rating ${v} is outside the scale ${worst} (worst) … ${best} (best)`);
  return Math.round((1 + (4 * (v - worst)) / (best - worst)) * 1000) / 1000;
}

/** Maps and validates one source record; never throws for a bad row, it returns the reason instead. */
export function mapRoadRecord(rec: SourceRecord, m: RoadMapping): RoadMapResult {
  if (rec.problem) return { ok: false, reason: rec.problem };
  try {
    const externalId = read(rec, m.fields.external_id);
    if (!externalId)
      throw new RowReject(`column "${columnOf(m.fields.external_id, 'external_id')}": the external id is empty`);
    const lines = linesOf(rec.geometry);
    return {
      ok: true,
      draft: {
        externalId,
        name: nullIfEmpty(read(rec, m.fields.name)),
        roadClass: classOf(rec, m),
        owner: ownerOf(rec, m),
        rating: ratingOf(rec, m),
        streetCode: nullIfEmpty(read(rec, m.fields.street_code)),
        oneway: ONEWAY_VALUES[read(rec, m.fields.oneway).toLowerCase()] ?? null,
        lines,
      },
    };
  } catch (e) {
    return rejectedRow(e);
  }
}
