import type { Feature, Geometry } from 'geojson';
import type { Database } from '../../../db';
import type { AppealFilter } from '../../domain/filters';
import { appealWhere } from '../../store/appealFilterSql';
import { encodeGeojsonTile } from './encode';
import { BUFFER, EXTENT, tileBounds, type TileCoord } from './geometry';

export const ROADS_LAYER = 'roads';

export const ROAD_FIELDS = {
  id: 'Number', external_id: 'String', name: 'String', owner: 'String', road_class: 'String',
  length_m: 'Number', complaints: 'Number: filtered appeals snapped to the segment', per_km: 'Number',
  plan_status: 'String: planned | in_progress | done | warranty | (empty)',
} as const;

/**
 * The segment columns of the roads layer. `owner` restricts to one road agency's segments (null: all).
 * plan_status is the latest plan's; a done repair still under warranty is 'warranty', a cancelled one ''.
 */
function roadQuery(filter: AppealFilter, owner: string | null, t: TileCoord) {
  const w = appealWhere(filter, 4);
  const params: unknown[] = [...tileBounds(t, BUFFER / EXTENT), ...w.params];
  let ownerSql = '';
  if (owner !== null) {
    params.push(owner);
    ownerSql = `AND s.owner = $${params.length}`;
  }
  const select = `s.id, s.external_id, coalesce(s.name, '') AS name, coalesce(s.owner, '') AS owner,
    coalesce(s.road_class, '') AS road_class, round(s.length_m::numeric, 1)::float8 AS length_m,
    c.n::int AS complaints, round((c.n / greatest(s.length_m, 1) * 1000)::numeric, 2)::float8 AS per_km,
    coalesce((SELECT CASE WHEN p.status = 'done' AND p.warranty_until >= current_date THEN 'warranty'
                          WHEN p.status = 'cancelled' THEN '' ELSE p.status END
              FROM repair_plans p WHERE p.segment_id = s.id
              ORDER BY p.year DESC NULLS LAST, p.completed_at DESC NULLS LAST, p.id DESC LIMIT 1), '') AS plan_status`;
  const from = `FROM road_segments s
    CROSS JOIN LATERAL (SELECT count(*) AS n FROM appeals a WHERE a.road_segment_id = s.id AND ${w.sql}) c
    WHERE s.geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) ${ownerSql}`;
  return { select, from, params };
}

/** One tile of the roads layer: segments coloured by complaints per km, with their repair plan status. */
export async function roadsTile(db: Database, filter: AppealFilter, owner: string | null, t: TileCoord): Promise<Uint8Array> {
  const q = roadQuery(filter, owner, t);
  if (db.kind === 'postgres') {
    const n = q.params.length;
    const [r] = await db.query<{ mvt: Buffer | null }>(
      `SELECT ST_AsMVT(r, '${ROADS_LAYER}', ${EXTENT}, 'geom') AS mvt FROM (
         SELECT ${q.select}, ST_AsMVTGeom(ST_Transform(s.geom, 3857), ST_TileEnvelope($${n + 1}, $${n + 2}, $${n + 3}), ${EXTENT}, ${BUFFER}, true) AS geom
         ${q.from}) r WHERE r.geom IS NOT NULL`,
      [...q.params, t.z, t.x, t.y],
    );
    return r?.mvt ? new Uint8Array(r.mvt) : new Uint8Array(0);
  }
  const rows = await db.query<Record<string, unknown> & { g: string }>(
    `SELECT ${q.select}, ST_AsGeoJSON(s.geom) AS g ${q.from}`, q.params);
  const features: Feature[] = rows.map(({ g, ...props }) => ({
    type: 'Feature', geometry: JSON.parse(g) as Geometry, properties: { ...props, id: Number(props.id) },
  }));
  return encodeGeojsonTile(ROADS_LAYER, features, t);
}
