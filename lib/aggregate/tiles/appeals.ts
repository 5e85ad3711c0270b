import type { Feature } from 'geojson';
import type { Database } from '../../../db';
import { appealPointRows, appealPointsMvt } from '../../../db/queries/tiles';
import type { AppealFilter } from '../../domain/filters';
import { h3ResolutionForZoom } from '../../domain/h3Resolution';
import { cellCounts } from '../hexagons';
import { encodeGeojsonTile, encodeSqlHexagons } from './encode';
import { BUFFER, EXTENT, hexPolygon, POINT_ZOOM, tileBounds, type TileCoord } from './geometry';

export const APPEALS_LAYER = 'appeals';

/** The fields of the appeals layer, for TileJSON: hexagons below POINT_ZOOM, single appeals from it. */
export const APPEAL_FIELDS = {
  h3: 'String: H3 cell (hexagons, z < 15)',
  count: 'Number: appeals in the cell (hexagons)',
  id: 'Number: appeal id (points, z >= 15)',
  topic: 'String',
  status: 'String',
  channel: 'String',
  created_at: 'String: ISO time (UTC)',
  is_gratitude: 'Boolean',
  problem_id: 'Number: problem group (absent when none)',
} as const;

/** One tile of the appeals layer for a filter. Never carries text, author or contact. */
export async function appealsTile(db: Database, filter: AppealFilter, t: TileCoord): Promise<Uint8Array> {
  return t.z >= POINT_ZOOM ? pointTile(db, filter, t) : hexTile(db, filter, t);
}

async function hexTile(db: Database, filter: AppealFilter, t: TileCoord): Promise<Uint8Array> {
  const res = h3ResolutionForZoom(t.z);
  const box = tileBounds(t);
  const counts = await cellCounts(db, filter, res, box);
  const midLon = (box[0] + box[2]) / 2;
  const cells = counts.map((c) => ({ ...c, polygon: hexPolygon(c.h3, midLon) }));
  if (db.kind === 'postgres') return encodeSqlHexagons(db, APPEALS_LAYER, cells, t);
  const features: Feature[] = cells.map((c) => ({
    type: 'Feature',
    geometry: c.polygon,
    properties: { h3: c.h3, count: c.count },
  }));
  return encodeGeojsonTile(APPEALS_LAYER, features, t);
}

async function pointTile(db: Database, filter: AppealFilter, t: TileCoord): Promise<Uint8Array> {
  const box = tileBounds(t, BUFFER / EXTENT);
  if (db.kind === 'postgres') return appealPointsMvt(db, APPEALS_LAYER, filter, box, t);
  const rows = await appealPointRows(db, filter, box);
  const features: Feature[] = rows.map(({ lon, lat, ...props }) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: { ...props, id: Number(props.id) },
  }));
  return encodeGeojsonTile(APPEALS_LAYER, features, t);
}
