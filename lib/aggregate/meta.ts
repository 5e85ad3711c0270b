import { basemapStyleUrl } from './basemap/style';
import type { Database } from '../../db';
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
  const topics = await db.query<MapMeta['topics'][number]>('SELECT code, name_ru, name_en FROM topics ORDER BY sort');
  const [range] = await db.query<{ min: string | null; max: string | null }>(
    `SELECT to_char(min(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS min,
            to_char(max(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS max FROM appeals`);
  const [ext] = await db.query<{ w: number | null; s: number; e: number; n: number; approx: boolean }>(
    `WITH x AS (SELECT coalesce((SELECT ST_Extent(geom) FROM boundaries WHERE level = 'region'),
                               (SELECT ST_Extent(geom) FROM boundaries),
                               (SELECT ST_Extent(geom) FROM appeals))::geometry AS g)
     SELECT ST_XMin(g) w, ST_YMin(g) s, ST_XMax(g) e, ST_YMax(g) n,
            EXISTS (SELECT 1 FROM boundaries WHERE props->>'approximate' = 'true') AS approx FROM x`);
  return {
    topics,
    dateRange: range ?? { min: null, max: null },
    bounds: ext && ext.w !== null ? [ext.w, ext.s, ext.e, ext.n] : null,
    approximateBoundaries: Boolean(ext?.approx),
    basemapStyleUrl: basemapStyleUrl('muted', env().PMAP_BASEMAP_STYLE_URL),
  };
}
