/**
 * Where on the chosen street the house is: the gazetteer's own entry when it has it, else between or beside the
 * nearest numbers on the same side (odd/even), else the middle of the street, each with less confidence. Pure.
 */
import { metresBetween } from './distance';
import { bestHouse, type KeyedEntry } from './houseMatch';

export interface HouseEntry {
  num: number | null;
  lat: number;
  lon: number;
  text: string;
}

export interface HouseRows {
  /** The entry with exactly the written number ("12к2"). */
  exact: HouseEntry | null;
  /** Nearest entries on the same side at or below / at or above the written number. */
  below: HouseEntry | null;
  above: HouseEntry | null;
  /** A representative point of the street (the entry nearest its middle). */
  street: HouseEntry;
  /** Every entry with the written number (any корпус, литера, fraction): the written key picks among them. */
  same?: readonly KeyedEntry[];
}

/** How precisely the point is known (appeals.geocode_level): the house, or only the street. */
export type PlaceLevel = 'house' | 'street';

export interface Placement {
  lat: number;
  lon: number;
  matched: string;
  level: PlaceLevel;
  /** Multiplies the street's confidence. */
  factor: number;
}

/** How much less sure an answer is when the house was not found as written. */
export const HOUSE_FACTOR = {
  exact: 1,
  sameNumber: 0.9, // "12А" asked, "12" known: the same plot, metres apart
  between: 0.75, // between two close neighbours on the same side
  betweenFar: 0.55,
  beside: 0.55, // past the last known number, within a few numbers
  besideFar: 0.4,
  streetOnly: 0.5, // no house written: the middle of the street
  unknownSide: 0.4,
} as const;

export function placeHouse(num: number | null, rows: HouseRows, key?: string | null): Placement {
  const at = (
    e: { lat: number; lon: number; text: string },
    factor: number,
    level: PlaceLevel = 'house',
  ): Placement => ({ lat: e.lat, lon: e.lon, matched: e.text, factor, level });
  // The entries with the written number, scored by key: the exact one, or the number in another form ("46к1" for
  // «дом 46, корпус 1, литера А»); a rival building that fits as well costs confidence.
  const same = num !== null && key && rows.same?.length ? bestHouse(key, rows.same) : null;
  if (same) return at(same.entry, same.factor);
  if (rows.exact) return at(rows.exact, HOUSE_FACTOR.exact);
  if (num === null) return at(rows.street, HOUSE_FACTOR.streetOnly, 'street');
  const { below, above } = rows;
  for (const e of [below, above]) if (e && e.num === num) return at(e, HOUSE_FACTOR.sameNumber);
  if (below && above && below.num !== null && above.num !== null) {
    const t = (num - below.num) / (above.num - below.num);
    const gap = metresBetween(below.lat, below.lon, above.lat, above.lon);
    const nearer = t <= 0.5 ? below : above;
    return {
      lat: below.lat + t * (above.lat - below.lat),
      lon: below.lon + t * (above.lon - below.lon),
      matched: nearer.text,
      factor: gap <= 150 ? HOUSE_FACTOR.between : HOUSE_FACTOR.betweenFar,
      // Between neighbours 150 m apart or less the house is within a few dozen metres; farther, only its street.
      level: gap <= 150 ? 'house' : 'street',
    };
  }
  const side = below ?? above;
  if (side && side.num !== null) {
    const close = Math.abs(side.num - num) <= 4;
    return at(side, close ? HOUSE_FACTOR.beside : HOUSE_FACTOR.besideFar, close ? 'house' : 'street');
  }
  return at(rows.street, HOUSE_FACTOR.unknownSide, 'street');
}
