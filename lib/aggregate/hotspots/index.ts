/** The pure hotspot statistics; the database side is in ./load (hotspots(), loadWeeklyCounts()). */
export { analyzeHotspots, periodBounds, type HotspotAnalysis, type HotspotCell, type HotspotOptions } from './analyze';
export { benjaminiHochberg } from './fdr';
export { giStar, neighbourIndex, studyArea, type GiStar } from './getisOrd';
export { GROWING_LABELS, hotspotLabel, type HotspotLabel, type LabelInput } from './label';
export { mannKendall, senSlope, type MannKendall } from './mannKendall';
export { twoSidedP } from './normal';
export { hotspotQuerySchema, type HotspotQuery } from './query';
