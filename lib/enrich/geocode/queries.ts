/**
 * The geocoder's lookups: each function answers a whole batch in one statement (db/queries/geocode.ts: arrays in,
 * rows out), so geocoding N addresses costs a few queries, never N; here the rows become candidates and house rows.
 */
import type { Session } from '../../../db';
import {
  exactStreetRows,
  localityNames,
  neighbourRows,
  sameNumberRows,
  similarStreetRows,
  streetRowsByInitial,
} from '../../../db/queries/geocode';
import type { StreetCandidate } from './chooseStreet';
import type { KeyedEntry } from './houseMatch';
import type { HouseEntry, HouseRows } from './placeHouse';

/** One street lookup: `loc` null searches every locality; a name the gazetteer lacks finds only locality-less streets. */
export interface StreetLookup {
  i: number;
  loc: string | null;
  core: string;
}

export async function knownLocalities(s: Session): Promise<Set<string>> {
  return new Set(await localityNames(s));
}

type CandidateRow = StreetCandidate & { i: number };

function group(rows: CandidateRow[]): Map<number, StreetCandidate[]> {
  const out = new Map<number, StreetCandidate[]>();
  for (const { i, ...c } of rows) {
    const list = out.get(i) ?? [];
    list.push({ ...c, sim: Number(c.sim) });
    out.set(i, list);
  }
  return out;
}

/** Streets whose normalised name equals the written one (every type, every allowed locality). */
export async function exactStreets(
  s: Session,
  lookups: readonly StreetLookup[],
): Promise<Map<number, StreetCandidate[]>> {
  if (!lookups.length) return new Map();
  return group(await exactStreetRows(s, lookups));
}

/**
 * The most similar street names by trigrams (pg_trgm's `%`, similarity ≥ 0.3, through the GIN index), a few per
 * address: the final pick and its confidence are decided in chooseStreet.
 */
export async function similarStreets(
  s: Session,
  lookups: readonly StreetLookup[],
  perAddress = 16,
): Promise<Map<number, StreetCandidate[]>> {
  if (!lookups.length) return new Map();
  return group(await similarStreetRows(s, lookups, perAddress));
}

/**
 * The streets whose name starts with one of these letters and is 2..maxLen+2 long: the pool in which names with a
 * typo are looked up by edit distance (typos.ts), one query for a whole batch.
 */
export async function streetsByInitial(
  s: Session,
  initials: readonly string[],
  minLen: number,
  maxLen: number,
): Promise<StreetCandidate[]> {
  if (!initials.length) return [];
  const rows = await streetRowsByInitial(s, initials, minLen - 2, maxLen + 2);
  return rows.map((r) => ({ ...r, sim: 0 }));
}

export interface HouseLookup {
  i: number;
  streetId: number;
  num: number | null;
  key: string | null;
}

const entry = (num: number | null, lat: number | null, lon: number | null, text: string | null): HouseEntry | null =>
  lat === null || lon === null ? null : { num, lat, lon, text: text ?? '' };

/**
 * For each (street, house): the entries with the written number (the exact key among them), else the nearest numbers
 * on the same side, plus the street's middle. Two statements: the entries with the number (flat rows through the
 * (street, number) index), then the street's middle and, only where the number is missing, its neighbours.
 */
export async function houseRows(s: Session, lookups: readonly HouseLookup[]): Promise<Map<number, HouseRows>> {
  if (!lookups.length) return new Map();
  const same = new Map<number, KeyedEntry[]>();
  const numbered = lookups.filter((l) => l.num !== null);
  if (numbered.length) {
    const rows = await sameNumberRows(s, {
      i: numbered.map((l) => l.i),
      streetId: numbered.map((l) => l.streetId),
      num: numbered.map((l) => l.num),
    });
    for (const r of rows) {
      const list = same.get(r.i) ?? [];
      list.push({ key: r.k, lat: r.lat, lon: r.lon, text: r.t });
      same.set(r.i, list);
    }
  }
  // The street's middle and, only where the number is missing, its nearest neighbours on the same side.
  const rows = await neighbourRows(s, {
    i: lookups.map((l) => l.i),
    streetId: lookups.map((l) => l.streetId),
    num: lookups.map((l) => l.num),
    near: lookups.map((l) => l.num !== null && !same.has(l.i)),
  });
  const out = new Map<number, HouseRows>();
  const keyOf = new Map(lookups.map((l) => [l.i, l.key]));
  for (const r of rows) {
    const list = same.get(r.i) ?? [];
    const ex = list.find((e) => e.key === keyOf.get(r.i));
    out.set(r.i, {
      exact: ex ? { num: null, lat: ex.lat, lon: ex.lon, text: ex.text } : null,
      same: list,
      below: entry(r.lo_num, r.lo_lat, r.lo_lon, r.lo_text),
      above: entry(r.hi_num, r.hi_lat, r.hi_lon, r.hi_text),
      street: { num: null, lat: r.st_lat, lon: r.st_lon, text: r.st_text },
    });
  }
  return out;
}
