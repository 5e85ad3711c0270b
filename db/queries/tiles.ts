import type { Polygon } from 'geojson';
import { sql } from 'kysely';
import type { TileCoord } from '../../lib/aggregate/tiles/geometry';
import type { AppealFilter } from '../../lib/domain/filters';
import type { Session } from '../client';
import { appealFilterSql } from '../sql/appealFilter';
import { runSql } from '../sql/builder';
import { asMvt, asMvtGeom, envelope4326, mvtBytes } from '../sql/mvt';
import { roadTileColumns, roadTileFrom } from '../sql/tileRoads';

/*
 * Server-only. The map's vector tiles (lib/aggregate/tiles): on PostgreSQL one ST_AsMVT layer per query; on PGlite,
 * whose PostGIS lacks protobuf, the same rows with their geometry for the JavaScript encoder. `box` is the tile's
 * [w, s, e, n] in degrees with the buffer (lib/aggregate/tiles/geometry.ts tileBounds).
 */

type Box = readonly number[];

// The public columns of one appeal: the one list both encoders use, so the two paths cannot drift apart.
const POINT_COLUMNS = sql`a.id, a.topic, a.status, a.channel,
  to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at, a.is_gratitude, a.problem_id`;

const pointsFrom = (filter: AppealFilter, box: Box) =>
  sql`FROM appeals a WHERE a.geom && ${envelope4326(box)} AND ${appealFilterSql(filter)}`;

/** The filtered appeals in the box as one MVT layer of points. Never carries text, author or contact. */
export async function appealPointsMvt(s: Session, layer: string, filter: AppealFilter, box: Box, t: TileCoord) {
  const rows = sql`SELECT ${POINT_COLUMNS}, ${asMvtGeom(sql`a.geom`, t)} AS geom ${pointsFrom(filter, box)}`;
  const [r] = await runSql(s, asMvt(rows, { alias: 'p', layer, dropEmpty: false }));
  return mvtBytes(r);
}

export type AppealPointRow = {
  id: number;
  topic: string;
  status: string;
  channel: string;
  created_at: string;
  is_gratitude: boolean;
  problem_id: number | null;
  lon: number;
  lat: number;
};

/** The same appeals as rows with lon/lat, for the JavaScript encoder. */
export function appealPointRows(s: Session, filter: AppealFilter, box: Box) {
  return runSql<AppealPointRow>(
    s,
    sql`SELECT ${POINT_COLUMNS}, ST_X(a.geom) AS lon, ST_Y(a.geom) AS lat ${pointsFrom(filter, box)}`,
  );
}

/** Road segments in the box coloured by filtered complaints per km, with their plan status, as one MVT layer. */
export async function roadSegmentsMvt(
  s: Session,
  layer: string,
  filter: AppealFilter,
  owner: string | null,
  box: Box,
  t: TileCoord,
) {
  const rows = sql`SELECT ${roadTileColumns}, ${asMvtGeom(sql`s.geom`, t)} AS geom ${roadTileFrom(filter, owner, box)}`;
  const [r] = await runSql(s, asMvt(rows, { alias: 'r', layer, dropEmpty: true }));
  return mvtBytes(r);
}

export type RoadSegmentRow = {
  id: number;
  external_id: string;
  name: string;
  owner: string;
  road_class: string;
  length_m: number;
  complaints: number;
  per_km: number;
  plan_status: string;
  g: string;
};

/** The same segments as rows with their GeoJSON geometry (`g`), for the JavaScript encoder. */
export function roadSegmentRows(s: Session, filter: AppealFilter, owner: string | null, box: Box) {
  return runSql<RoadSegmentRow>(
    s,
    sql`SELECT ${roadTileColumns}, ST_AsGeoJSON(s.geom) AS g ${roadTileFrom(filter, owner, box)}`,
  );
}

/** Hexagons with their counts (polygons in degrees, from h3-js) encoded as one MVT layer by PostGIS. */
export async function hexagonsMvt(
  s: Session,
  layer: string,
  cells: readonly { h3: string; count: number; polygon: Polygon }[],
  t: TileCoord,
) {
  const rows = sql`SELECT t.h3, t.count, ${asMvtGeom(sql`ST_SetSRID(ST_GeomFromGeoJSON(t.g), 4326)`, t)} AS geom
       FROM unnest(${cells.map((c) => c.h3)}::text[], ${cells.map((c) => c.count)}::int[], ${cells.map((c) => JSON.stringify(c.polygon))}::text[]) AS t(h3, count, g)`;
  const [r] = await runSql(s, asMvt(rows, { alias: 'q', layer: sql`${layer}`, dropEmpty: true }));
  return mvtBytes(r);
}

type Bounds = { w: number | null; s: number; e: number; n: number };

/** The extent of the road segments (of one owner, or all when null); w is null when there are none. */
export async function roadSegmentBounds(s: Session, owner: string | null) {
  const [r] = await runSql<Bounds>(
    s,
    sql`SELECT ST_XMin(x) w, ST_YMin(x) s, ST_XMax(x) e, ST_YMax(x) n
       FROM (SELECT ST_Extent(geom)::geometry x FROM road_segments WHERE ${owner}::text IS NULL OR owner = ${owner}) q`,
  );
  return r;
}

/** The extent of the appeals, from the rollup's one point per res-7 cell (a few thousand rows, not millions). */
export async function appealRollupBounds(s: Session) {
  const [r] = await runSql<Bounds>(
    s,
    sql`SELECT min(lon) w, min(lat) s, max(lon) e, max(lat) n FROM appeal_rollup_cell`,
  );
  return r;
}
