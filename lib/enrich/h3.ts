import { latLngToCell } from 'h3-js';

/** The finest cell stored per appeal; coarser ones are derived in SQL with h3_parent(). */
export const BASE_RES = 9;

/** H3 cell as the decimal string of its 64-bit index (fits PostgreSQL bigint: the top bit is always 0). */
export function h3Decimal(lat: number, lon: number, res = BASE_RES): string {
  return BigInt(`0x${latLngToCell(lat, lon, res)}`).toString();
}

/** The finest cell a point of coarse precision may enter: street- and settlement-level points stop at res 7. */
export const COARSE_RES = 7;

/**
 * The cell stored for an appeal's point at its precision (appeals.geocode_level): res 9 for its own coordinates and
 * house-level geocodes; the res-7 cell for street- or settlement-level ones, so they count at res ≤ 7 (h3_parent of
 * a res-7 id is exact there) and never in a res 8–9 cell (a res-7 id lies outside every res-9 range; readers of
 * res 8–9 keep cells whose own resolution is fine enough).
 */
export function cellFor(lat: number, lon: number, level: string): string {
  return h3Decimal(lat, lon, level === 'street' || level === 'settlement' ? COARSE_RES : BASE_RES);
}

export const h3FromDecimal = (dec: string): string => BigInt(dec).toString(16);
