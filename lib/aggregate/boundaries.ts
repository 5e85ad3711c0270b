import type { Database } from '../../db';
import { boundariesGeoJson as boundariesGeoJsonText } from '../../db/queries/boundaries';

/** Boundaries as GeoJSON, simplified for display (about 50 m), with code, name and level only. */
export function boundariesGeoJson(db: Database, level: 'region' | 'municipality'): Promise<string> {
  return boundariesGeoJsonText(db, level);
}
