import { openDatabase, type Database } from './client';
import { recoverOrphanedJobs } from '../lib/store/importJobs';
import { migrateToLatest } from './migrate';

export type { Database, Session } from './client';

/*
 * The process-wide database, opened and migrated on first use. Kept on globalThis so Next's dev-mode
 * module reloads reuse it instead of opening (and locking) the embedded database twice.
 */
const holder = globalThis as unknown as { __pmapDb?: Promise<Database> };

export function getDb(): Promise<Database> {
  holder.__pmapDb ??= openDatabase().then(async (db) => {
    await migrateToLatest(db);
    // Imports left "running" by a process that is gone (a server killed mid-import) are marked, once, at start.
    await recoverOrphanedJobs(db, { atStart: true }).catch((e: unknown) =>
      console.error('marking interrupted imports failed:', e),
    );
    return db;
  });
  holder.__pmapDb.catch(() => {
    holder.__pmapDb = undefined;
  });
  return holder.__pmapDb;
}

export async function closeDb(): Promise<void> {
  const p = holder.__pmapDb;
  holder.__pmapDb = undefined;
  if (p) await (await p).close();
}
