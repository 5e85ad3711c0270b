import { basemapStyleUrl } from './basemap/style';
import type { Database } from '../../db';
import { appealDayRange, mapExtent, topicNames } from '../../db/queries/meta';
import { env } from '../config/env';

export interface MapMeta {
  topics: { code: string; name_ru: string; name_en: string }[];
  dateRange: { min: string | null; max: string | null };
  bounds: [number, number, number, number] | null;
  approximateBoundaries: boolean;
  basemapStyleUrl: string | null;
}

/** What the map needs before its first query: vocabularies, the data's time span and extent. */
export async function mapMeta(db: Database): Promise<MapMeta> {
  const topics = await topicNames(db);
  const range = await appealDayRange(db);
  const ext = await mapExtent(db);
  return {
    topics,
    dateRange: range ?? { min: null, max: null },
    bounds: ext && ext.w !== null ? [ext.w, ext.s, ext.e, ext.n] : null,
    approximateBoundaries: Boolean(ext?.approx),
    basemapStyleUrl: basemapStyleUrl('muted', env().PMAP_BASEMAP_STYLE_URL),
  };
}
