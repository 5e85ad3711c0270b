import { LRUCache } from 'lru-cache';
import type { Database } from '../../db';

/*
 * Aggregates are cached per process and keyed by the data version: the id of the newest finished import job.
 * An import from any process (CLI or web) bumps it, so a cached answer never outlives the data it came from.
 * Concurrent identical requests share one computation.
 */
const cache = new LRUCache<string, Promise<unknown>>({ max: 2000, ttl: 10 * 60 * 1000 });

let versionAt = 0;
let version: Promise<number> | null = null;

/** The data version, read at most every 2 s (an import takes longer than that to be worth seeing). */
export function dataVersion(db: Database): Promise<number> {
  const now = Date.now();
  if (!version || now - versionAt > 2000) {
    versionAt = now;
    version = db.query<{ v: number | null }>(`SELECT max(id) AS v FROM import_jobs WHERE status = 'done'`)
      .then(([r]) => Number(r?.v ?? 0));
    version.catch(() => (version = null));
  }
  return version;
}

export async function cached<T>(db: Database, key: string, compute: () => Promise<T>): Promise<T> {
  const k = `${await dataVersion(db)}:${key}`;
  let p = cache.get(k) as Promise<T> | undefined;
  if (!p) {
    p = compute();
    cache.set(k, p);
    p.catch(() => cache.delete(k));
  }
  return p;
}

export function clearAggregateCache(): void {
  cache.clear();
  version = null;
}
