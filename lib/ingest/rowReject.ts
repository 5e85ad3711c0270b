import { placeRow, type Placement } from './coordinateVote';
import { readCoordinates, swapOf, type CoordinateMapping } from './coordinates';
import type { SourceRecord } from './readers';

/**
 * A row an importer rejects: thrown while one row is mapped, its message is the reason written to the rejects file
 * (each importer keeps its own messages). Every mapRecord catches it with `rejectedRow`.
 */
export class RowReject extends Error {}

/** In a mapRecord's catch: a RowReject becomes the row's `{ ok: false, reason }`; any other error goes on up. */
export function rejectedRow(e: unknown): { ok: false; reason: string } {
  if (e instanceof RowReject) return { ok: false, reason: e.message };
  throw e;
}

/**
 * A row's coordinates placed in the region (appeals, points): read from the mapping's columns, swapped where the file
 * or the row says so; a bad pair rejects the row; none (or the 0/0 placeholder, `missing: 'zero'`) is null.
 */
export function coordinatesOf(rec: SourceRecord, m: CoordinateMapping, placement: Placement) {
  const raw = readCoordinates(rec, m);
  if ('problem' in raw) throw new RowReject(raw.problem);
  const { lat, lon } = raw;
  const c = placeRow(lat, lon, placement.verdict, placement.region, swapOf(m));
  if (c.kind === 'reject') throw new RowReject(c.reason);
  if (c.kind === 'ok') return { lat: c.lat, lon: c.lon, swapped: c.swapped, missing: null };
  return {
    lat: null,
    lon: null,
    swapped: false,
    missing: lat === 0 && lon === 0 ? ('zero' as const) : ('empty' as const),
  };
}
