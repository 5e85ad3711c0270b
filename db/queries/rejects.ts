import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';

/* Server-only. An import's rejected rows (lib/store/rejects.ts RejectSink) and the stage's in-file duplicates. */

/** Appends rejects of job `jobId` to import_rejects through COPY; `raw` is JSON text jsonb accepts. */
export async function copyRejects(
  s: Session,
  jobId: number,
  rows: readonly { row: number; reason: string; raw: string }[],
): Promise<void> {
  await s.copyFrom(
    'import_rejects',
    ['job_id', 'row_number', 'reason', 'raw'],
    stringify(rows.map((r) => [jobId, r.row, r.reason, r.raw])),
  );
}

/**
 * Deletes from staging table `stage` the rows whose `key` appears again later in the file (the last one is kept) and
 * returns them with the kept row's number and their `shown` column. Table and columns are our own identifiers.
 */
export async function deleteEarlierDuplicates(
  s: Session,
  k: { stage: string; key: string; shown: string },
): Promise<{ row_number: number; kept: number; shown: string; raw: Record<string, unknown> }[]> {
  const key = sql.ref(k.key);
  const stage = sql.table(k.stage);
  return runSql(
    s,
    sql`WITH last AS (SELECT ${key}, max(row_number) AS kept FROM ${stage} GROUP BY ${key} HAVING count(*) > 1)
     DELETE FROM ${stage} st USING last
     WHERE ${sql.ref(`st.${k.key}`)} = ${sql.ref(`last.${k.key}`)} AND st.row_number < last.kept
     RETURNING st.row_number, last.kept, ${sql.ref(`st.${k.shown}`)} AS shown, st.raw`,
  );
}
