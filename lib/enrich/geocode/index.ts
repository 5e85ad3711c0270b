/**
 * The offline geocoder: Russian addresses → points from the gazetteer that `pmap import addresses` loads.
 * Exact normalised names first, then trigram-similar ones (pg_trgm) within the locality; a missing house falls back
 * to its neighbours or the street's middle with less confidence; below MIN_CONFIDENCE the answer is "no match".
 */
import type { Database } from '../../../db';
import { geocodeBatch, type GeocodeHit } from './batch';

export { geocodeBatch, MIN_CONFIDENCE, type GeocodeHit, type GeocodeInput } from './batch';

/** One address → a point, or null when nothing matches well enough (a confident wrong answer is worse than none). */
export async function geocodeOne(db: Database, query: string): Promise<GeocodeHit | null> {
  const [hit] = await geocodeBatch(db, [query]);
  return hit ?? null;
}
