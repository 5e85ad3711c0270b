import { cellToLatLng } from 'h3-js';
import type { Database } from '../../db';
import { pointPlaceRows } from '../../db/queries/hotspotPlaces';

export interface CellPlace {
  /** The municipality whose boundary covers the cell's centre. */
  municipality: string | null;
  /** The name of the nearest named road segment within NEAREST_STREET_M of the centre. */
  street: string | null;
}

/** How far from a cell's centre a street still names the place (a res-7 cell is about 1.2 km across). */
export const NEAREST_STREET_M = 800;

/**
 * Place names for H3 cells, so a hotspot reads as «Оренбург, ул. Терешковой» and not as a hex id: the municipality
 * by point-in-polygon of the cell's centre, the nearest named road segment by a KNN search over road_segments' GiST
 * index (capped at NEAREST_STREET_M). Cells with neither get nulls.
 */
export async function cellPlaces(db: Database, cells: readonly string[]): Promise<Map<string, CellPlace>> {
  const out = new Map<string, CellPlace>();
  if (cells.length === 0) return out;
  const centres = cells.map((h) => cellToLatLng(h));
  const rows = await pointPlaceRows(
    db,
    cells,
    centres.map((x) => x[0]),
    centres.map((x) => x[1]),
    NEAREST_STREET_M,
  );
  for (const r of rows) out.set(r.key, { municipality: r.municipality, street: r.street });
  return out;
}

/** «Оренбург, ул. Терешковой», either part alone, or null. */
export function placeLabel(p: CellPlace | undefined): string | null {
  const parts = [p?.municipality, p?.street].filter((x): x is string => !!x);
  return parts.length ? parts.join(', ') : null;
}
