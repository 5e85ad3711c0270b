import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';

/* Server-only. What the health check and `pmap migrate` report about the database. */

/** The PostGIS library version the database runs. */
export async function postgisVersion(s: Session): Promise<string> {
  const [r] = await runSql<{ v: string }>(s, sql`SELECT postgis_lib_version() AS v`);
  return r.v;
}
