/*
 * The road priority score's vocabulary: its parts and the numbers its formula and lists use. lib/roads computes with
 * them and lib/i18n/roads.ts writes them into the labels, so they sit here, below both.
 */

export const PARTS = ['per_km', 'citizens', 'trend', 'condition', 'road_class', 'facilities'] as const;
export type Part = (typeof PARTS)[number];

/** Where a part reaches 1: complaints per km, distinct citizens, facilities nearby. */
export const CAPS = { perKm: 20, citizens: 10, facilities: 3 } as const;

/** Segments shorter than this count as this long, so a 15 m stub with one complaint is not "67 per km". */
export const MIN_LENGTH_M = 100;

/** A rating not surveyed counts as the middle of the scale. */
export const UNKNOWN_CONDITION = 0.5;

/**
 * A segment is "hot" with at least `minComplaints` complaints in the period and complaints per km in the top
 * `topShare` of the segments that have that many (never below `minPerKm`). Relative, so a region with many appeals
 * does not call every street hot, and one with few still gets its worst streets named.
 */
export const HOT = { minComplaints: 3, minPerKm: 5, topShare: 0.2 } as const;
