export type Bbox = [number, number, number, number];

export type CoordCheck =
  | { kind: 'ok'; lat: number; lon: number; swapped: boolean }
  | { kind: 'missing' }
  | { kind: 'reject'; reason: string };

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
export function checkCoordinates(lat: number | null, lon: number | null, region: Bbox | undefined, swap: boolean): CoordCheck {
  if (lat === null && lon === null) return { kind: 'missing' };
  if (lat === null || lon === null) return { kind: 'reject', reason: `only one coordinate given (lat ${lat ?? 'empty'}, lon ${lon ?? 'empty'})` };
  if (Number.isNaN(lat) || Number.isNaN(lon)) return { kind: 'reject', reason: 'a coordinate is not a number' };
  if (lat === 0 && lon === 0) return { kind: 'missing' };
  const inRange = Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  const swappedInRange = Math.abs(lon) <= 90 && Math.abs(lat) <= 180;
  const looksSwapped = region
    ? !inBox(lat, lon, region) && inBox(lon, lat, region)
    : !inRange && swappedInRange;
  if (looksSwapped) {
    if (swap) return { kind: 'ok', lat: lon, lon: lat, swapped: true };
    return { kind: 'reject', reason: `coordinates look swapped (lat ${lat}, lon ${lon}) for the data's region; set "swap_coordinates": true in the mapping to swap them` };
  }
  if (!inRange) return { kind: 'reject', reason: `coordinates out of range (lat ${lat}, lon ${lon})` };
  return { kind: 'ok', lat, lon, swapped: false };
}
