import type { Feature, Geometry } from 'geojson';
import type { Database } from '../../../db';
import { roadSegmentRows, roadSegmentsMvt } from '../../../db/queries/tiles';
import type { AppealFilter } from '../../domain/filters';
import { encodeGeojsonTile } from './encode';
import { BUFFER, EXTENT, tileBounds, type TileCoord } from './geometry';

export const ROADS_LAYER = 'roads';

export const ROAD_FIELDS = {
  id: 'Number',
  external_id: 'String',
  name: 'String',
  owner: 'String',
  road_class: 'String',
  length_m: 'Number',
  complaints: 'Number: filtered appeals snapped to the segment',
  per_km: 'Number',
  plan_status: 'String: planned | in_progress | done | warranty | (empty)',
} as const;

/**
 * One tile of the roads layer: segments coloured by complaints per km, with their repair plan status
 * (db/sql/tileRoads.ts). `owner` restricts to one road agency's segments (null: all).
 */
export async function roadsTile(
  db: Database,
  filter: AppealFilter,
  owner: string | null,
  t: TileCoord,
): Promise<Uint8Array> {
  const box = tileBounds(t, BUFFER / EXTENT);
  if (db.kind === 'postgres') return roadSegmentsMvt(db, ROADS_LAYER, filter, owner, box, t);
  const rows = await roadSegmentRows(db, filter, owner, box);
  const features: Feature[] = rows.map(({ g, ...props }) => ({
    type: 'Feature',
    geometry: JSON.parse(g) as Geometry,
    properties: { ...props, id: Number(props.id) },
  }));
  return encodeGeojsonTile(ROADS_LAYER, features, t);
}
