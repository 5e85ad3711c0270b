import { cellToBoundary } from 'h3-js';
import type { Polygon } from 'geojson';
import { PmapError } from '../../errors';

/** MVT grid: 4096 units per tile edge, a 64-unit buffer (what ST_AsMVTGeom and geojson-vt use by default). */
export const EXTENT = 4096;
export const BUFFER = 64;
export const MAX_ZOOM = 16;
/** From this zoom the appeals layer carries single appeals instead of hexagons. */
export const POINT_ZOOM = 15;
/** Road segments are dense lines: below this zoom a tile would hold a whole country's network. */
export const ROADS_MIN_ZOOM = 8;

export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

/** Validates z/x/y path segments (y may carry the `.pbf` suffix); a bad one is a PmapError naming it. */
export function parseTileCoord(z: string, x: string, y: string, maxZoom = MAX_ZOOM): TileCoord {
  const yNum = y.replace(/\.pbf$/, '');
  const n = [z, x, yNum].map((s) => (/^\d{1,8}$/.test(s) ? Number(s) : NaN));
  if (!Number.isInteger(n[0]) || n[0] > maxZoom)
    throw PmapError.keyed('bad_argument', 'tiles.bad_z', { max: maxZoom, value: z.slice(0, 20) });
  const size = 2 ** n[0];
  if (!Number.isInteger(n[1]) || n[1] >= size)
    throw PmapError.keyed('bad_argument', 'tiles.bad_xy', {
      param: 'x',
      max: size - 1,
      z: n[0],
      value: x.slice(0, 20),
    });
  if (!Number.isInteger(n[2]) || n[2] >= size)
    throw PmapError.keyed('bad_argument', 'tiles.bad_xy', {
      param: 'y',
      max: size - 1,
      z: n[0],
      value: yNum.slice(0, 20),
    });
  return { z: n[0], x: n[1], y: n[2] };
}

const lonOf = (x: number, z: number) => (x / 2 ** z) * 360 - 180;
const latOf = (y: number, z: number) => {
  const n = Math.PI - (2 * Math.PI * y) / 2 ** z;
  return (180 / Math.PI) * Math.atan(Math.sinh(n));
};

/** The tile's box in degrees [west, south, east, north], grown by `pad` tile widths on each side. */
export function tileBounds({ z, x, y }: TileCoord, pad = 0): [number, number, number, number] {
  return [lonOf(x - pad, z), latOf(y + 1 + pad, z), lonOf(x + 1 + pad, z), latOf(y - pad, z)];
}

/**
 * A cell's hexagon as a GeoJSON polygon. h3-js wraps longitudes into ±180; a cell that straddles the antimeridian
 * (Chukotka) is unwrapped so its ring stays continuous, on the side of `nearLon` (the tile's centre).
 */
export function hexPolygon(h3: string, nearLon = 0): Polygon {
  const ring = cellToBoundary(h3, true);
  const shift = (lon: number) => lon + 360 * Math.round((nearLon - lon) / 360);
  const first = shift(ring[0][0]);
  const out = ring.map(([lon, lat]) => [lon + 360 * Math.round((first - lon) / 360), lat]);
  return { type: 'Polygon', coordinates: [out] };
}
