import { cellToBoundary, isValidCell } from 'h3-js';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';

export interface HexCell {
  /** H3 index as a hex string. */
  h3: string;
  count: number;
}

export type HexProperties = { h3: string; count: number };
export type HexFeatureCollection = FeatureCollection<Polygon, HexProperties>;

/**
 * A cell's closed boundary ring in [lng, lat]. Rings that cross the antimeridian are unwrapped to
 * longitudes beyond 180° so the polygon does not stretch across the whole world.
 */
export function cellRing(h3: string): Position[] {
  const ring = cellToBoundary(h3, true);
  const lngs = ring.map(([lng]) => lng);
  if (Math.max(...lngs) - Math.min(...lngs) <= 180) return ring;
  return ring.map(([lng, lat]) => [lng < 0 ? lng + 360 : lng, lat]);
}

/** Hexagon polygons for the API's cells; invalid indexes are skipped. */
export function cellsToFeatureCollection(cells: readonly HexCell[]): HexFeatureCollection {
  const features: Feature<Polygon, HexProperties>[] = [];
  for (const { h3, count } of cells) {
    if (!isValidCell(h3)) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [cellRing(h3)] },
      properties: { h3, count },
    });
  }
  return { type: 'FeatureCollection', features };
}

export const emptyHexagons = (): HexFeatureCollection => ({ type: 'FeatureCollection', features: [] });
