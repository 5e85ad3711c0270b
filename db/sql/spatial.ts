import { sql, type RawBuilder } from 'kysely';

/*
 * Server-only. Degrees of latitude and of longitude (at a latitude) that span `m` metres: an index-friendly box
 * around a point or an extent. `m` is a number of our own, written into the statement (a literal, so the plan sees it).
 */
export const degreesLat = (m: number): RawBuilder<number> => sql<number>`(${sql.lit(m)} / 110574.0)`;
export const degreesLon = (m: number, lat: RawBuilder<unknown>): RawBuilder<number> =>
  sql<number>`(${sql.lit(m)} / (111320.0 * cos(radians(least(89.0, abs(${lat}))))))`;

/** `geom` widened by `m` metres each way (the longitude span taken at `lat`). */
export const expandByMetres = (geom: RawBuilder<unknown>, m: number, lat: RawBuilder<unknown>) =>
  sql`ST_Expand(${geom}, ${degreesLon(m, lat)}, ${degreesLat(m)})`;

/** The same spans as SQL text, for the bench's own raw queries (bench/snapData.ts). */
export const degreesLatText = (m: number) => `(${m} / 110574.0)`;
export const degreesLonText = (m: number, latSql: string) =>
  `(${m} / (111320.0 * cos(radians(least(89.0, abs(${latSql}))))))`;
