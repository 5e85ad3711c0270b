/** The coarsest and finest H3 resolutions the hexagon API serves. */
export const MIN_HEX_RES = 4;
export const MAX_HEX_RES = 9;

/**
 * Zoom → H3 resolution, as [first zoom (inclusive) of the band, resolution], ascending.
 * A res-R hexagon should stay a few dozen pixels wide at the zooms of its band.
 */
export const ZOOM_RES_TABLE: ReadonlyArray<readonly [minZoom: number, res: number]> = [
  [0, 4],
  [6, 5],
  [8, 6],
  [10, 7],
  [12, 8],
  [13, 9],
];

/** The H3 resolution to aggregate at for a (fractional) map zoom. */
export function h3ResolutionForZoom(zoom: number): number {
  if (!Number.isFinite(zoom)) return MIN_HEX_RES;
  let res = MIN_HEX_RES;
  for (const [minZoom, r] of ZOOM_RES_TABLE) {
    if (zoom >= minZoom) res = r;
  }
  return res;
}
