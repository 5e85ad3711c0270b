import { sql, type RawBuilder } from 'kysely';

/*
 * Server-only. The set of appeals an enrichment step works on (the rows an import touched, those `pmap enrich`
 * found affected, or all), as a subquery of ids.
 */

/** A subquery of appeal ids, built in db/. */
export type AppealIds = RawBuilder<unknown>;

/** The ids held in a table of our own naming (a temp table with an id column). */
export const appealIdsIn = (table: string): AppealIds => sql`SELECT id FROM ${sql.raw(table)}`;

/**
 * As a fragment for `IN (…)`. A string is SQL text some caller outside db/ still builds (a subquery, or an id list);
 * it is trusted as it always was, until those callers move to db/ too.
 */
export const idsQuery = (ids: AppealIds | string): RawBuilder<unknown> =>
  typeof ids === 'string' ? sql.raw(ids) : ids;
