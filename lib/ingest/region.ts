import type { Database } from '../../db';
import { knownExtents } from '../store/dataExtent';
import type { Region } from './coordinateVote';
import type { Bbox } from './coordinates';

/**
 * The data's region for the swapped-coordinates vote: the mapping's region_bbox when it gives one (a person said so),
 * else the extents of what is loaded (lib/store/dataExtent.ts); no boxes when nothing is.
 */
export async function dataRegion(
  db: Database,
  bbox: Bbox | undefined,
  source: { code: string; table: 'appeals' | 'service_points' },
): Promise<Region> {
  if (bbox) return { boxes: [bbox], from: ["the mapping's region_bbox"] };
  const known = await knownExtents(db, source);
  return { boxes: known.map((k) => k.bbox), from: known.map((k) => k.from) };
}
