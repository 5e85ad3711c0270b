/**
 * Geocodes many addresses at once: parse in JS, then one query for exact street names, one for the streets sharing a
 * first letter with the names still open (typos, matched in memory), one for trigram-similar names (what is still
 * open), one for houses. Every
 * distinct name or house is looked up once; the choices in between are pure functions.
 */
import type { Database, Session } from '../../../db';
import { withoutJit } from '../../../db/queries/geocode';
import { decideStreet, rankStreets, type StreetCandidate, type StreetOption } from './chooseStreet';
import { prepare, queryOf, type Prepared } from './prepare';
import { HOUSE_FACTOR, placeHouse, type Placement, type PlaceLevel } from './placeHouse';
import {
  exactStreets,
  houseRows,
  knownLocalities,
  similarStreets,
  streetsByInitial,
  type HouseLookup,
  type StreetLookup,
} from './queries';
import { typoCandidates, typoPool } from './typos';

export interface GeocodeHit {
  lat: number;
  lon: number;
  /** 0..1; answers below MIN_CONFIDENCE are not given at all. */
  confidence: number;
  /** The gazetteer entry the point comes from, as the gazetteer writes it. */
  matched: string;
  /**
   * How precisely: the house, or only its street (the house not found): appeals.geocode_level. The geocoder always
   * says; a geocoder of another kind (a test's, a service's) that does not is taken at its word: the house.
   */
  level?: PlaceLevel;
}

/** An address, optionally with the street and house a source keeps apart (they win over what the text says). */
export interface GeocodeInput {
  address: string | null;
  street?: string | null;
  house?: string | null;
}

/** Below this an answer is more likely wrong than useful: "no match" instead. */
export const MIN_CONFIDENCE = 0.3;
const CHUNK = 10_000;

/** Numbers equal keys in order of first appearance: the same street or house asked twice is looked up once. */
class Keys {
  private readonly ids = new Map<string, number>();
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size));
    return id;
  }
}

/**
 * Candidate streets per distinct (locality, name): exact names, then names within two edits (typos.ts) for the names
 * no exact candidate fits, then trigram-similar ones for what is still open.
 */
async function streetCandidates(
  s: Session,
  lookups: readonly StreetLookup[],
  isOpen: (i: number, found: StreetCandidate[]) => boolean,
) {
  const found = await exactStreets(s, lookups);
  const open = () => lookups.filter((l) => isOpen(l.i, found.get(l.i) ?? []));
  const add = (more: Map<number, StreetCandidate[]>) => {
    for (const [i, list] of more) {
      const have = found.get(i) ?? [];
      found.set(i, [...have, ...list.filter((c) => !have.some((h) => h.id === c.id))]);
    }
  };
  const typo = open();
  const pool = typoPool(typo);
  if (pool) add(typoCandidates(typo, await streetsByInitial(s, pool.initials, pool.minLen, pool.maxLen)));
  add(await similarStreets(s, open()));
  return found;
}

async function geocodeChunk(
  s: Session,
  inputs: readonly GeocodeInput[],
  known: ReadonlySet<string>,
): Promise<(GeocodeHit | null)[]> {
  const localities = new Map<string, { loc: string; factor: number }>();
  const prepared = inputs.map((x) => prepare(x, known, localities));
  const streetKeys = new Keys();
  const streetOf = prepared.map((p) => (p ? streetKeys.id(`${p.loc ?? '\u0000'}|${p.street.core}`) : -1));
  const lookups: StreetLookup[] = [];
  const askers = new Map<number, Prepared[]>();
  prepared.forEach((p, i) => {
    const u = streetOf[i]!;
    if (!p) return;
    const list = askers.get(u);
    if (list) list.push(p);
    else {
      askers.set(u, [p]);
      lookups.push({ i: u, loc: p.loc, core: p.street.core });
    }
  });
  // A name stays open while some address asking for it has no acceptable candidate yet.
  const candidates = await streetCandidates(s, lookups, (u, found) =>
    askers.get(u)!.some((p) => !rankStreets(queryOf(p), found).length),
  );

  // Every plausible street of every address gets its house looked up, once per distinct (street, house).
  const houseKeys = new Keys();
  const houses: HouseLookup[] = [];
  const options = prepared.map((p, i) => {
    if (!p) return null;
    const ranked = rankStreets(queryOf(p), candidates.get(streetOf[i]!) ?? []);
    const withHouse = ranked.map((o) => {
      const key = p.house?.key ?? null;
      const h = houseKeys.id(`${o.candidate.id}|${key}`);
      if (h === houses.length) houses.push({ i: h, streetId: o.candidate.id, num: p.house?.num ?? null, key });
      return { option: o, house: h };
    });
    return withHouse.length ? withHouse : null;
  });
  const rows = await houseRows(s, houses);

  const placed = new Map<number, Placement>();
  return prepared.map((p, i) => {
    const opts = options[i];
    if (!p || !opts) return null;
    const ranked: StreetOption[] = opts.map((o) => o.option);
    // Where on each plausible street the house is, once per (street, house): the street that has it wins.
    const places = opts.map((o) => {
      const r = rows.get(o.house);
      if (!r) return null;
      let pl = placed.get(o.house);
      if (!pl) placed.set(o.house, (pl = placeHouse(p.house?.num ?? null, r, p.house?.key)));
      return pl;
    });
    const decision = decideStreet(
      queryOf(p),
      ranked,
      places.map((pl) => !!pl && pl.factor >= HOUSE_FACTOR.sameNumber),
    );
    const place = decision && places[ranked.indexOf(decision.option)];
    if (!decision || !place) return null;
    const confidence = Math.round(decision.confidence * place.factor * p.locFactor * 1000) / 1000;
    if (confidence < MIN_CONFIDENCE) return null;
    return { lat: place.lat, lon: place.lon, confidence, matched: place.matched, level: place.level };
  });
}

/**
 * Geocodes addresses in order; null where nothing matches well enough. Takes the database (runs in a transaction of
 * its own) or a transaction's session (the appeal import's).
 */
export async function geocodeBatch(
  db: Session | Database,
  inputs: readonly (string | GeocodeInput)[],
): Promise<(GeocodeHit | null)[]> {
  const run = async (s: Session) => {
    const known = await knownLocalities(s);
    if (!known.size) return inputs.map(() => null);
    const norm = inputs.map((x) => (typeof x === 'string' ? { address: x } : x));
    const out: (GeocodeHit | null)[] = [];
    for (let k = 0; k < norm.length; k += CHUNK) out.push(...(await geocodeChunk(s, norm.slice(k, k + CHUNK), known)));
    return out;
  };
  // JIT off for the batch: PostgreSQL costs a 10 000-row lookup high enough to JIT-compile it, which took 0.7 s for a
  // query that runs in 0.15 s (measured). Local to the transaction, and the previous value comes back afterwards.
  return 'transaction' in db ? db.transaction((s) => withoutJit(s, run)) : withoutJit(db, run);
}
