/** Street-name handling and the many ways residents write an address. */
import { weighted, type Rng } from './rng';

/** A street name split the way postal abbreviations need it. */
export interface StreetName {
  /** Canonical form, e.g. 'Салмышская улица', 'проспект Победы'. */
  full: string;
  /** Name without its type: 'Салмышская', 'Победы'. */
  core: string;
  /** Type-first abbreviation: 'ул. Салмышская', 'пр-т Победы'. */
  abbr: string;
}

const TYPES: readonly [word: string, short: string][] = [
  ['улица', 'ул.'],
  ['проспект', 'пр-т'],
  ['шоссе', 'ш.'],
  ['проезд', 'пр-д'],
  ['переулок', 'пер.'],
  ['бульвар', 'б-р'],
];

const parsed = new Map<string, StreetName>();

/** Splits a canonical street name; memoised because the appeal loop asks for the same few hundred names. */
export function streetName(full: string): StreetName {
  const hit = parsed.get(full);
  if (hit) return hit;
  let out: StreetName = { full, core: full, abbr: full };
  for (const [word, short] of TYPES) {
    if (full.startsWith(`${word} `))
      out = { full, core: full.slice(word.length + 1), abbr: `${short} ${full.slice(word.length + 1)}` };
    else if (full.endsWith(` ${word}`))
      out = { full, core: full.slice(0, -word.length - 1), abbr: `${short} ${full.slice(0, -word.length - 1)}` };
  }
  parsed.set(full, out);
  return out;
}

/**
 * Raw house number at `d` km along a street of `length` km: numbers grow along the street, odd on one side and even
 * on the other, and top out around 240 however long the street is.
 */
export function houseAlong(d: number, length: number, leftSide: boolean): number {
  return 1 + Math.floor(d / houseStep(length)) * 2 + (leftSide ? 1 : 0);
}

/** Distance between neighbouring plots on one side of a street of `length` km: 100 m, more on long streets. */
export function houseStep(length: number): number {
  return Math.max(0.1, length / 120);
}

/** House number as people write it: '32', '114/2', '12А', '7 к2'. */
export function houseNumber(n: number, rng: Rng): string {
  const base = String(Math.max(1, Math.round(n)));
  const u = rng.next();
  if (u < 0.08) return `${base}/${rng.int(1, 4)}`;
  if (u < 0.13) return `${base}${rng.pick(['А', 'Б', 'В'])}`;
  if (u < 0.16) return `${base} к${rng.int(1, 3)}`;
  return base;
}

/** Where an appeal is: a settlement and, usually, a street and house. */
export interface Where {
  /** 'г. Оренбург', 'п. Саракташ'. */
  settlement: string;
  /** 'Саракташский р-н' for villages, null for cities. */
  district: string | null;
  street: StreetName | null;
  house: string | null;
}

const bare = (settlement: string): string => settlement.replace(/^(г|п|с)\. /, '');

/** One of several real-world address spellings, weighted towards the tidy ones. */
export function formatAddress(w: Where, rng: Rng): string {
  const { settlement, district, street, house } = w;
  const isCity = settlement.startsWith('г. ');
  if (!street) return district ? `Оренбургская обл., ${district}, ${settlement}` : settlement;
  if (!house) return `${settlement}, ${street.abbr}`;
  if (!isCity) {
    const area = district ? `${district}, ` : '';
    return weighted(rng, [
      [`Оренбургская обл., ${area}${settlement}, ${street.abbr}, д. ${house}`, 4],
      [`${settlement}, ${street.abbr}, ${house}`, 3],
      [`${area}${settlement}, ${street.abbr} ${house}`, 2],
    ] as const);
  }
  const town = bare(settlement);
  return weighted(rng, [
    [`${settlement}, ${street.abbr}, д. ${house}`, 30],
    [`${town}, ${street.abbr}, ${house}`, 20],
    [`${town}, ${street.abbr} ${house}`, 12],
    [`${town}, ${street.full} ${house}`, 10],
    [`${town}, ${street.core} ${house}`, 10],
    [`Оренбургская обл., ${settlement}, ${street.abbr}, д. ${house}`, 10],
    [`${street.abbr}, ${house}`, town === 'Оренбург' ? 8 : 0],
  ] as const);
}

/** The place as it appears inside a message: 'на ул. Чкалова у дома 32', 'на Чкалова 32'. */
export function placePhrase(w: Where, rng: Rng): string {
  const { street, house } = w;
  if (!street) return `в ${w.settlement}`;
  if (!house) return `на ${street.abbr}`;
  return weighted(rng, [
    [`на ${street.abbr} у дома ${house}`, 4],
    [`по адресу ${street.abbr}, ${house}`, 3],
    [`на ${street.core} ${house}`, 2],
    [`возле дома ${house} по ${street.abbr}`, 2],
    [`на ${street.abbr}`, 2],
  ] as const);
}
