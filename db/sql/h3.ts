import { sql, type RawBuilder } from 'kysely';

/*
 * Server-only. H3 cells as the database stores them (bigint ids) and the SQL functions of the init migration.
 */

/** h3_parent(cell, res): the cell's ancestor at `res` (a parameter, or a literal given as sql.lit). */
export const h3Parent = (cell: RawBuilder<unknown>, res: number | RawBuilder<unknown>) =>
  sql`h3_parent(${cell}, ${res})`;

/** The cell's resolution: bits 52–55 of the id. */
export const h3Resolution = (cell: RawBuilder<unknown>) => sql`((${cell} >> 52) & 15)`;
