/**
 * Which of a street's entries with the written number the address means, when none has exactly the written key.
 * St Petersburg's registry writes «дом 46, корпус 1, литера А» where people write "46к1", "46", "46А" or "46 лит. А":
 * литера А is the main building, so a house written without a литера means it; a missing корпус or fraction is
 * a guess among the number's buildings, a different one is another building. Pure.
 */

export interface KeyParts {
  range: string;
  frac: string;
  korpus: string;
  building: string;
  /** The letter glued to the number ("12а", "22/12а") and the литера ("лит. Б"). */
  glued: string;
  litera: string;
}

const KEY =
  /^(\d+)((?:-\d+)*)([а-я]?)(?:\/(\d+(?:-\d+)*)([а-я]?))?(?:к(\d+[а-я]?|[а-я]))?(?:с(\d+[а-я]?|[а-я]))?(?:л([а-я]{1,2}\d{0,2}))?$/;

/** A house key (house.ts keyOf) back into its parts; null for a key it did not write. */
export function keyParts(key: string): KeyParts | null {
  const m = KEY.exec(key);
  if (!m) return null;
  return {
    range: m[2] ?? '',
    frac: m[4] ?? '',
    korpus: m[6] ?? '',
    building: m[7] ?? '',
    glued: m[3] || m[5] || '',
    litera: m[8] ?? '',
  };
}

/** How much less sure: the written part missing from the entry, the entry's part not written, or different. */
const PART = {
  rangeUnwritten: 0.9,
  rangeOther: 0.6,
  fracUnwritten: 0.9,
  fracMissing: 0.8,
  fracOther: 0.5,
  korpusUnwritten: 0.7,
  korpusMissing: 0.6,
  korpusOther: 0.4,
  korpusAsBuilding: 0.85,
  buildingUnwritten: 0.7,
  buildingMissing: 0.6,
  buildingOther: 0.4,
} as const;

/** Letters: the same glued letter, the литера А unwritten (the main building), one written in the other's place. */
export const LETTER = {
  mainUnwritten: 0.99, // "46" for «дом 46, литера А»; "4а" for «дом 4а, литера А»
  swapped: 0.95, // "4б" for «дом 4, литера Б», "12 лит. Б" for "12Б"
  aForNone: 0.9, // "12а" or "12 лит. А" where the register has a bare "12"
  unwritten: 0.85, // "37" for «дом 37, литера В»
  partly: 0.8,
  other: 0.6,
} as const;

function part(q: string, e: string, unwritten: number, missing: number, other: number): number {
  if (q === e) return 1;
  if (!q) return unwritten;
  if (!e) return missing;
  return other;
}

function letterFactor(q: KeyParts, e: KeyParts): number {
  if (q.glued === e.glued && q.litera === e.litera) return 1;
  const written = [q.glued, q.litera].filter(Boolean);
  if (!written.length) return !e.glued && e.litera === 'а' ? LETTER.mainUnwritten : LETTER.unwritten;
  if (written.length === 1) {
    const x = written[0]!;
    if (q.glued && e.glued === x && e.litera === 'а') return LETTER.mainUnwritten;
    if ((e.glued === x && !e.litera) || (!e.glued && e.litera === x)) return LETTER.swapped;
    if (x === 'а' && !e.glued && !e.litera) return LETTER.aForNone;
    return e.glued === x || e.litera === x ? LETTER.partly : LETTER.other;
  }
  return [e.glued, e.litera].some((y) => y && written.includes(y)) ? LETTER.partly : LETTER.other;
}

/** 0..1: how well an entry's key fits the written one (same number assumed); 1 only for the same building. */
export function houseKeyFactor(q: KeyParts, e: KeyParts): number {
  let f = part(q.range, e.range, PART.rangeUnwritten, PART.rangeOther, PART.rangeOther);
  f *= part(q.frac, e.frac, PART.fracUnwritten, PART.fracMissing, PART.fracOther);
  // "к1" for «строение 1»: people mix the two.
  if (q.korpus && !e.korpus && !q.building && e.building === q.korpus) f *= PART.korpusAsBuilding;
  else {
    f *= part(q.korpus, e.korpus, PART.korpusUnwritten, PART.korpusMissing, PART.korpusOther);
    f *= part(q.building, e.building, PART.buildingUnwritten, PART.buildingMissing, PART.buildingOther);
  }
  return f * letterFactor(q, e);
}

export interface KeyedEntry {
  key: string;
  lat: number;
  lon: number;
  text: string;
}

/** Entries farther apart than this are different buildings. */
const APART_M = 30;
/** Another building that fits nearly as well: the text does not say which one. */
const RIVAL = 0.85;
const AMBIGUOUS = 0.78;

const apart = (a: KeyedEntry, b: KeyedEntry) =>
  Math.abs(a.lat - b.lat) * 111_000 > APART_M || Math.abs(a.lon - b.lon) * 56_000 > APART_M;

/**
 * The best entry for the written key among those with its number, and how sure: a rival building elsewhere that
 * fits nearly as well ("37" where «литера А» and «литера В» stand 200 m apart) keeps the answer but not the confidence.
 */
export function bestHouse<E extends KeyedEntry>(key: string, same: readonly E[]): { entry: E; factor: number } | null {
  const q = keyParts(key);
  if (!q || !same.length) return null;
  const scored = same
    .map((e) => {
      const p = keyParts(e.key);
      return { entry: e, factor: p ? houseKeyFactor(q, p) : 0 };
    })
    .sort((a, b) => b.factor - a.factor || (a.entry.key < b.entry.key ? -1 : a.entry.key > b.entry.key ? 1 : 0));
  const best = scored[0];
  if (!best || best.factor <= 0) return null;
  const rival = scored.find((o) => o !== best && apart(o.entry, best.entry));
  return {
    entry: best.entry,
    factor: rival && rival.factor >= RIVAL * best.factor ? best.factor * AMBIGUOUS : best.factor,
  };
}
