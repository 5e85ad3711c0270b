import { LRUCache } from 'lru-cache';
import type { Database } from '../../db';
import { readDataVersion } from '../../db/queries/dataVersion';

/*
 * Aggregates and tiles are cached per process and keyed by the data version (readDataVersion) of data_changes,
 * to which a statement-level trigger adds a row on every write to appeals, roads, plans, points, boundaries, topics and
 * problems (imports, the bot API, Open311, enrich, topic overrides alike; migration 2026-11-23T09). A write from
 * any process moves it once it commits, so a cached answer never outlives the data it came from by more than the
 * 1 s the version itself is memoised. Concurrent identical requests share one computation.
 */
const cache = new LRUCache<string, Promise<unknown>>({ max: 2000, ttl: 10 * 60 * 1000 });

/** Encoded tiles, bounded by bytes (an empty tile still costs its key). */
const tiles = new LRUCache<string, Uint8Array>({
  maxSize: 64 * 2 ** 20,
  sizeCalculation: (v, k) => v.byteLength + k.length + 64,
  ttl: 30 * 60 * 1000,
});
const tilesInFlight = new Map<string, Promise<Uint8Array>>();

const VERSION_MEMO_MS = 1000;
let versionAt = 0;
let version: Promise<string> | null = null;

/** The data version as of a session's snapshot (db/queries/dataVersion.ts). */
export { readDataVersion };

/** The data version, read at most once a second. */
export function dataVersion(db: Database): Promise<string> {
  const now = Date.now();
  if (!version || now - versionAt > VERSION_MEMO_MS) {
    versionAt = now;
    version = readDataVersion(db);
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

/** Like cached(), for encoded tiles: the cache holds bytes (at most 64 MiB), not promises. */
export async function cachedTile(
  db: Database,
  key: string,
  compute: () => Promise<Uint8Array>,
): Promise<{ tile: Uint8Array; hit: boolean }> {
  const k = `${await dataVersion(db)}:${key}`;
  const hit = tiles.get(k);
  if (hit) return { tile: hit, hit: true };
  let p = tilesInFlight.get(k);
  if (!p) {
    p = compute()
      .then((t) => {
        tiles.set(k, t);
        return t;
      })
      .finally(() => tilesInFlight.delete(k));
    tilesInFlight.set(k, p);
  }
  return { tile: await p, hit: false };
}

export function clearAggregateCache(): void {
  cache.clear();
  tiles.clear();
  version = null;
}
