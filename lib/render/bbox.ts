/** [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

const MAX_LAT = 85.0511;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const tidy = (v: number) => Number(v.toFixed(6));

/** Grid step in degrees used to snap a bbox at this zoom: about a quarter of a 512-px tile. */
export function bboxGridStep(zoom: number): number {
  const z = Math.max(0, Math.floor(Number.isFinite(zoom) ? zoom : 0));
  return 360 / 2 ** (z + 2);
}

/**
 * Snaps a viewport bbox outward to a zoom-dependent grid and clamps it to the Web-Mercator world, so that
 * small pans keep the same bbox (and the same query key) while the snapped box always covers the viewport.
 */
export function snapBbox([w, s, e, n]: Bbox, zoom: number): Bbox {
  const step = bboxGridStep(zoom);
  return [
    tidy(clamp(Math.floor(w / step) * step, -180, 180)),
    tidy(clamp(Math.floor(s / step) * step, -MAX_LAT, MAX_LAT)),
    tidy(clamp(Math.ceil(e / step) * step, -180, 180)),
    tidy(clamp(Math.ceil(n / step) * step, -MAX_LAT, MAX_LAT)),
  ];
}

export const bboxParam = (b: Bbox): string => b.join(',');
