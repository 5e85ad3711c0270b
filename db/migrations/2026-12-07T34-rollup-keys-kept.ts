import { sql, type Kysely } from 'kysely';

/*
 * Issue 21: grouping after an import's commit sets appeals.problem_id on up to millions of rows. No rollup key and
 * no cube delta depends on problem_id, yet the statement trigger diffed every old and new row (45 % of that UPDATE,
 * measured at 200 k rows: 70.8 s with it, 38.5 s without, on a loaded machine). A statement that changes nothing but
 * columns outside the rollups' keys says so with `set_config('pmap.rollup_keys_kept', 'on', true)` (grouping does,
 * lib/enrich/problems/group.ts), and the trigger does not fire for it. Every other UPDATE keeps it exact as before.
 */
const CREATE = (when: string) => `CREATE TRIGGER appeals_rollup_update AFTER UPDATE ON appeals
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT ${when} EXECUTE FUNCTION pmap_rollup_update()`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`DROP TRIGGER IF EXISTS appeals_rollup_update ON appeals`).execute(db);
  await sql.raw(CREATE(`WHEN (current_setting('pmap.rollup_keys_kept', true) IS DISTINCT FROM 'on')`)).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`DROP TRIGGER IF EXISTS appeals_rollup_update ON appeals`).execute(db);
  await sql.raw(CREATE('')).execute(db);
}
