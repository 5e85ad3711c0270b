import type { Database } from '../../db/client';

/**
 * One line of the `npm run realdata` table: what one real file did in one importer or enricher.
 * `rejectedBy` counts rejects per reason; `repairs` counts values repaired on the way (mojibake, NBSP, swapped …);
 * `figures` are the accuracy measures of that step, each printed as `name value` (e.g. `house≤25m 98.7 %`).
 */
export interface RealdataRow {
  file: string;
  step: string;
  read?: number;
  inserted?: number;
  updated?: number;
  unchanged?: number;
  rejected?: number;
  rejectedBy?: Record<string, number>;
  repairs?: Record<string, number>;
  figures?: Record<string, string | number>;
  /** Set when the file is not in the data directory: the step is listed as skipped, not failed. */
  skipped?: string;
}

export interface RealdataContext {
  /** A fresh, migrated database shared by the steps of one run, in module order. */
  db: Database;
  /** ../shared/data (or PMAP_REALDATA_DIR): the real files, read in place, never copied. */
  dataDir: string;
  /** A scratch directory for rejects files and converted inputs. */
  tmp: string;
}

/** A module in scripts/realdata/ (NN-name.ts): runs its steps on the real files and returns their table rows. */
export interface RealdataStep {
  run(ctx: RealdataContext): Promise<RealdataRow[]>;
}
