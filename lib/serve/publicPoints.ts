import 'server-only';
import type { Database } from '../../db';
import { cached } from '../aggregate/cache';
import { decodePoints, encodePoints, type CompactPoints } from '../points/compact';
import { filterPoints, type PointFilter } from '../points/filter';
import { publicPointRecords } from '../../db/queries/publicPoints';

/** The whole public list, encoded and decoded once per data version (a finished import bumps it). */
function allPoints(db: Database) {
  return cached(db, 'public-points', async () => {
    const encoded = encodePoints(await publicPointRecords(db));
    return { encoded, decoded: decodePoints(encoded) };
  });
}

const hasFilter = (f: PointFilter) => Boolean(f.openNow || f.walkIn || f.accessible || f.vaccine || f.bbox);

/** The public point list in its compact form, filtered when asked; "open now" is evaluated at `now`. */
export async function publicPointList(
  db: Database,
  f: PointFilter,
  now: Date,
): Promise<CompactPoints & { total: number }> {
  const { encoded, decoded } = await allPoints(db);
  if (!hasFilter(f)) return { ...encoded, total: encoded.points.length };
  const keep = new Set(filterPoints(decoded, f, now).map((p) => p.id));
  const points = encoded.points.filter((p) => keep.has(p[0]));
  return { ...encoded, points, total: points.length };
}
