import type { Session } from '../client';

/*
 * Server-only. pg-boss (lib/enrich/problems/jobs.ts) sends its own SQL; to queue a job atomically with an import, it
 * is given the import's transaction as its `db` option: this adapter runs pg-boss's statements on that session.
 */
export const sessionExecutor = (s: Session) => ({
  executeSql: async (text: string, values?: unknown[]) => ({ rows: await s.query(text, values ?? []) }),
});
