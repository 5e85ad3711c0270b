import { latLngToCell } from 'h3-js';

/** The finest cell stored per appeal; coarser ones are derived in SQL with h3_parent(). */
export const BASE_RES = 9;

/** H3 cell as the decimal string of its 64-bit index (fits PostgreSQL bigint: the top bit is always 0). */
export function h3Decimal(lat: number, lon: number, res = BASE_RES): string {
  return BigInt(`0x${latLngToCell(lat, lon, res)}`).toString();
}

export const h3FromDecimal = (dec: string): string => BigInt(dec).toString(16);
