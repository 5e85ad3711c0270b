import type { Database, Session } from '../../db';
import { groupNewAppeals, recountProblems } from '../enrich/problems/group';
import { geocodeOne } from '../enrich/geocode';
import { cellFor, h3FromDecimal } from '../enrich/h3';
import { assignBoundaries, snapToRoads } from '../enrich/spatial';
import { PmapError } from '../errors';
import { audit } from '../../db/queries/audit';
import { placeOutcome, readPlace, writeManualPlace, type StoredPlace } from '../../db/queries/appealLocation';
import { knownExtents } from './dataExtent';

/*
 * An appeal placed by hand (issue 26: the unlocated and coarse appeals the map counts, fixed from the list). The point
 * is written with location_source 'manual' (migration 2026-12-07T25): re-imports and re-geocoding keep it. Its level:
 *   coordinates → 'point' (a person put it where the problem is, as a GPS fix would);
 *   an address  → 'house' (the gazetteer's house, as the geocoder's own house-level answers); an address the
 *                 gazetteer knows only to its street is refused: that is the precision the appeal already had.
 * Everything derived from the point is recomputed in the same transaction: the stored cell (res 9; res 8 and 7 are
 * its parents in SQL), municipality and region (boundaryPick via assignBoundaries), the road segment (snapToRoads,
 * road appeals only), the problem (an ungrouped complaint is grouped now; a grouped one keeps its problem, whose
 * centre and counts are recounted). The map's rollups and the cube's delta follow from the appeals UPDATE through
 * the same statement triggers every write goes through (migrations 2026-11-23T09, 2026-11-24T11), as a topic
 * correction's does (lib/store/topicCorrections.ts). The change (who, when, from → to) is a row of the audit log.
 */

export type LocationInput = { lat: number; lon: number } | { address: string };

/** An appeal's place after a change, as the API answers it. */
export interface AppealLocationState {
  id: number;
  lat: number;
  lon: number;
  level: 'point' | 'house';
  /** The res-9 cell, hex. */
  h3: string;
  municipality: string | null;
  roadSegmentId: number | null;
  problemId: number | null;
  /** For an address: the gazetteer entry it was placed at. */
  matched?: string;
}

const inBox = (lat: number, lon: number, [w, s, e, n]: readonly number[]) =>
  lon >= w! && lon <= e! && lat >= s! && lat <= n!;

/** Where the point comes from: the coordinates given (in the data's region, when anything is loaded), or the address geocoded to its house. */
async function resolve(
  db: Database,
  input: LocationInput,
  source: string,
): Promise<{ lat: number; lon: number; level: 'point' | 'house'; matched?: string }> {
  if ('address' in input) {
    const hit = await geocodeOne(db, input.address);
    if (!hit) throw PmapError.keyed('bad_argument', 'appeals.location_not_found', { address: input.address });
    if (hit.level === 'street') {
      throw PmapError.keyed('bad_argument', 'appeals.location_street_only', {
        address: input.address,
        matched: hit.matched,
      });
    }
    return { lat: hit.lat, lon: hit.lon, level: 'house', matched: hit.matched };
  }
  const boxes = (await knownExtents(db, { code: source, table: 'appeals' })).map((k) => k.bbox);
  if (boxes.length && !boxes.some((b) => inBox(input.lat, input.lon, b))) {
    throw PmapError.keyed('bad_argument', 'appeals.location_outside', { lat: input.lat, lon: input.lon });
  }
  return { lat: input.lat, lon: input.lon, level: 'point' };
}

/**
 * Places appeal `id` by hand at `input`; `by` is who (the audit log's actor and role). An unknown id is a not_found;
 * an address not found, found to its street only, or coordinates outside the data's region are a bad_argument with
 * a keyed message (lib/i18n/errors.ts), and nothing changes.
 */
export async function setAppealLocation(
  db: Database,
  id: number,
  input: LocationInput,
  by: { email: string; role: string | null },
): Promise<AppealLocationState> {
  const first: StoredPlace | undefined = await readPlace(db, id);
  if (!first) throw PmapError.keyed('not_found', 'appeals.no_appeal', { id });
  const place = await resolve(db, input, first.source);
  const cell = cellFor(place.lat, place.lon, place.level);
  return db.transaction(async (s: Session) => {
    const a = await readPlace(s, id, true);
    if (!a) throw PmapError.keyed('not_found', 'appeals.no_appeal', { id });
    await writeManualPlace(s, id, { lat: place.lat, lon: place.lon, level: place.level, h3: cell });
    const ids = String(Number(id));
    await assignBoundaries(s, ids);
    await snapToRoads(s, ids);
    if (a.problem_id !== null) await recountProblems(s, [Number(a.problem_id)]);
    else await groupNewAppeals(s);
    const now = await placeOutcome(s, id);
    const state: AppealLocationState = {
      id: Number(id),
      lat: place.lat,
      lon: place.lon,
      level: place.level,
      h3: h3FromDecimal(cell),
      municipality: now?.municipality ?? null,
      roadSegmentId: now?.road_segment_id == null ? null : Number(now.road_segment_id),
      problemId: now?.problem_id == null ? null : Number(now.problem_id),
      ...(place.matched ? { matched: place.matched } : {}),
    };
    const side = (x: {
      lat: number | null;
      lon: number | null;
      level: string;
      h3: string | null;
      municipality_id: number | null;
      road_segment_id: number | null;
    }) => ({
      lat: x.lat === null ? null : Number(x.lat),
      lon: x.lon === null ? null : Number(x.lon),
      level: x.level,
      h3: x.h3 === null ? null : h3FromDecimal(String(x.h3)),
      municipality_id: x.municipality_id === null ? null : Number(x.municipality_id),
      road_segment_id: x.road_segment_id === null ? null : Number(x.road_segment_id),
    });
    await audit(s, {
      actor: by.email,
      role: by.role,
      action: 'appeal location',
      rows: 1,
      filter: {
        appeal: Number(id),
        ...('address' in input ? { address: input.address } : {}),
        from: side(a),
        to: side({
          lat: place.lat,
          lon: place.lon,
          level: place.level,
          h3: cell,
          municipality_id: now?.municipality_id ?? null,
          road_segment_id: now?.road_segment_id ?? null,
        }),
      },
    });
    return state;
  });
}
