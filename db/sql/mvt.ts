import { sql, type RawBuilder } from 'kysely';
import { BUFFER, EXTENT, type TileCoord } from '../../lib/aggregate/tiles/geometry';

/*
 * Server-only. PostGIS's vector-tile functions as typed fragments, with the grid of lib/aggregate/tiles/geometry.ts
 * (EXTENT units a tile edge, BUFFER units around it) written as literals, as the tile queries always had them.
 */

/** ST_TileEnvelope(z, x, y): the tile's square in web mercator (3857); z, x and y are parameters. */
export const tileEnvelope = (t: TileCoord) => sql`ST_TileEnvelope(${t.z}, ${t.x}, ${t.y})`;

/** ST_MakeEnvelope over a [w, s, e, n] box in degrees (4326), its corners as parameters. */
export const envelope4326 = (b: readonly number[]) => sql`ST_MakeEnvelope(${b[0]}, ${b[1]}, ${b[2]}, ${b[3]}, 4326)`;

/** A geometry in degrees (4326) clipped and scaled to tile `t`'s grid (ST_AsMVTGeom, clipped at the buffer). */
export const asMvtGeom = (geom4326: RawBuilder<unknown>, t: TileCoord) =>
  sql`ST_AsMVTGeom(ST_Transform(${geom4326}, 3857), ${tileEnvelope(t)}, ${sql.lit(EXTENT)}, ${sql.lit(BUFFER)}, true)`;

/**
 * `SELECT ST_AsMVT(alias, layer, EXTENT, 'geom') AS mvt FROM (rows) alias`: one MVT layer from rows whose `geom`
 * column comes from asMvtGeom. The layer name is a literal unless given as a fragment; `dropEmpty` leaves out the
 * rows whose geometry the clip removed.
 */
export function asMvt(
  rows: RawBuilder<unknown>,
  o: { alias: string; layer: string | RawBuilder<unknown>; dropEmpty: boolean },
) {
  const layer = typeof o.layer === 'string' ? sql.lit(o.layer) : o.layer;
  const a = sql.raw(o.alias);
  const where = o.dropEmpty ? sql` WHERE ${a}.geom IS NOT NULL` : sql``;
  return sql<{
    mvt: Buffer | null;
  }>`SELECT ST_AsMVT(${a}, ${layer}, ${sql.lit(EXTENT)}, 'geom') AS mvt FROM (${rows}) ${a}${where}`;
}

/** The bytes of an ST_AsMVT row (empty when there is no row or no feature). */
export const mvtBytes = (r: { mvt: Buffer | null } | undefined): Uint8Array =>
  r?.mvt ? new Uint8Array(r.mvt) : new Uint8Array(0);
