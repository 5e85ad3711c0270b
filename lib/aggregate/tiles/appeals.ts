import type { Feature } from 'geojson';
import type { Database } from '../../../db';
import type { AppealFilter } from '../../domain/filters';
import { h3ResolutionForZoom } from '../../domain/h3Resolution';
import { appealWhere } from '../../store/appealFilterSql';
import { cellCounts } from '../hexagons';
import { encodeGeojsonTile, encodeSqlHexagons } from './encode';
import { BUFFER, EXTENT, hexPolygon, POINT_ZOOM, tileBounds, type TileCoord } from './geometry';

export const APPEALS_LAYER = 'appeals';

/** The fields of the appeals layer, for TileJSON: hexagons below POINT_ZOOM, single appeals from it. */
export const APPEAL_FIELDS = {
  h3: 'String: H3 cell (hexagons, z < 15)',
  count: 'Number: appeals in the cell (hexagons)',
  id: 'Number: appeal id (points, z >= 15)',
  topic: 'String', status: 'String', channel: 'String',
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
  const features: Feature[] = cells.map((c) => ({ type: 'Feature', geometry: c.polygon, properties: { h3: c.h3, count: c.count } }));
  return encodeGeojsonTile(APPEALS_LAYER, features, t);
}

// The public columns of one appeal: the one list both encoders use, so the two paths cannot drift apart.
const POINT_COLUMNS = `a.id, a.topic, a.status, a.channel,
  to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at, a.is_gratitude, a.problem_id`;

function pointQuery(filter: AppealFilter, t: TileCoord) {
  const w = appealWhere(filter, 4);
  const b = tileBounds(t, BUFFER / EXTENT);
  return {
    from: `FROM appeals a WHERE a.geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND ${w.sql}`,
    params: [...b, ...w.params],
  };
}

async function pointTile(db: Database, filter: AppealFilter, t: TileCoord): Promise<Uint8Array> {
  const q = pointQuery(filter, t);
  if (db.kind === 'postgres') {
    const n = q.params.length;
    const [r] = await db.query<{ mvt: Buffer | null }>(
      `SELECT ST_AsMVT(p, '${APPEALS_LAYER}', ${EXTENT}, 'geom') AS mvt FROM (
         SELECT ${POINT_COLUMNS}, ST_AsMVTGeom(ST_Transform(a.geom, 3857), ST_TileEnvelope($${n + 1}, $${n + 2}, $${n + 3}), ${EXTENT}, ${BUFFER}, true) AS geom
         ${q.from}) p`,
      [...q.params, t.z, t.x, t.y],
    );
    return r?.mvt ? new Uint8Array(r.mvt) : new Uint8Array(0);
  }
  const rows = await db.query<Record<string, unknown> & { lon: number; lat: number }>(
    `SELECT ${POINT_COLUMNS}, ST_X(a.geom) AS lon, ST_Y(a.geom) AS lat ${q.from}`, q.params);
  const features: Feature[] = rows.map(({ lon, lat, ...props }) => ({
    type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { ...props, id: Number(props.id) },
  }));
  return encodeGeojsonTile(APPEALS_LAYER, features, t);
}
