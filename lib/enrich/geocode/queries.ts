/**
 * The geocoder's SQL: each function answers a whole batch in one statement (arrays in, rows out), so geocoding N
 * addresses costs a few queries, never N. Written for PostgreSQL 15 and PGlite alike.
 */
import type { Session } from '../../../db';
import type { StreetCandidate } from './chooseStreet';
import type { HouseEntry, HouseRows } from './placeHouse';

/** One street lookup: `loc` null searches every locality; a name the gazetteer lacks finds only locality-less streets. */
export interface StreetLookup {
  i: number;
  loc: string | null;
  core: string;
}

export async function knownLocalities(s: Session): Promise<Set<string>> {
  const rows = await s.query<{ name: string }>(`SELECT name FROM address_localities`);
  return new Set(rows.map((r) => r.name));
}

type CandidateRow = StreetCandidate & { i: number };

const LOOKUP = `unnest($1::int[], $2::text[], $3::text[]) AS q(i, loc, core)`;
const IN_LOCALITY = `(q.loc IS NULL OR s.locality = q.loc OR s.locality = '')`;

function group(rows: CandidateRow[]): Map<number, StreetCandidate[]> {
  const out = new Map<number, StreetCandidate[]>();
  for (const { i, ...c } of rows) {
    const list = out.get(i) ?? [];
    list.push({ ...c, sim: Number(c.sim) });
    out.set(i, list);
  }
  return out;
}

const params = (l: readonly StreetLookup[]) => [l.map((x) => x.i), l.map((x) => x.loc), l.map((x) => x.core)];

/** Streets whose normalised name equals the written one (every type, every allowed locality). */
export async function exactStreets(s: Session, lookups: readonly StreetLookup[]): Promise<Map<number, StreetCandidate[]>> {
  if (!lookups.length) return new Map();
  return group(await s.query<CandidateRow>(
    `SELECT q.i, s.id, s.locality, s.core, s.type, s.houses, 1.0::float8 AS sim
     FROM ${LOOKUP} JOIN address_streets s ON s.core = q.core
     WHERE ${IN_LOCALITY}`, params(lookups)));
}

/**
 * The most similar street names by trigrams (pg_trgm's `%`, similarity ≥ 0.3, through the GIN index), a few per
 * address: the final pick and its confidence are decided in chooseStreet.
 */
export async function similarStreets(s: Session, lookups: readonly StreetLookup[], perAddress = 16): Promise<Map<number, StreetCandidate[]>> {
  if (!lookups.length) return new Map();
  return group(await s.query<CandidateRow>(
    `SELECT q.i, c.id, c.locality, c.core, c.type, c.houses, c.sim
     FROM ${LOOKUP}
     CROSS JOIN LATERAL (
       SELECT s.id, s.locality, s.core, s.type, s.houses, similarity(s.core, q.core)::float8 AS sim
       FROM address_streets s
       WHERE s.core % q.core AND ${IN_LOCALITY}
       ORDER BY sim DESC, s.id LIMIT ${perAddress}) c`, params(lookups)));
}

/** `i` identifies the lookup (not the address: an address may look up houses on several streets). */
/**
 * Fallback for names trigrams cannot reach (a typo in a short name: "Нвоая" has no trigram in common with "Новая"):
 * the streets with the same first letter and a length within two, scored by edit distance in chooseStreet.
 */
export async function sameInitialStreets(s: Session, lookups: readonly StreetLookup[]): Promise<Map<number, StreetCandidate[]>> {
  if (!lookups.length) return new Map();
  // Without a locality every town's streets are candidates: names of five letters or more only ("Гереов" for
  // «Героев»), where one or two edits still leave the name recognisable.
  return group(await s.query<CandidateRow>(
    `SELECT q.i, s.id, s.locality, s.core, s.type, s.houses, similarity(s.core, q.core)::float8 AS sim
     FROM ${LOOKUP} JOIN address_streets s ON left(s.core, 1) = left(q.core, 1)
       AND (s.locality = q.loc OR (q.loc IS NULL AND length(q.core) >= 5))
     WHERE length(s.core) BETWEEN length(q.core) - 2 AND length(q.core) + 2`, params(lookups)));
}

export interface HouseLookup {
  i: number;
  streetId: number;
  num: number | null;
  key: string | null;
}

interface HouseRow {
  i: number;
  same: { k: string; lat: number; lon: number; t: string }[] | null;
  lo_num: number | null; lo_lat: number | null; lo_lon: number | null; lo_text: string | null;
  hi_num: number | null; hi_lat: number | null; hi_lon: number | null; hi_text: string | null;
  st_lat: number; st_lon: number; st_text: string;
}

const entry = (num: number | null, lat: number | null, lon: number | null, text: string | null): HouseEntry | null =>
  lat === null || lon === null ? null : { num, lat, lon, text: text ?? '' };

/**
 * For each (street, house): the entries with the written number (the exact key among them), else the nearest numbers
 * on the same side, plus the street's middle.
 */
export async function houseRows(s: Session, lookups: readonly HouseLookup[]): Promise<Map<number, HouseRows>> {
  if (!lookups.length) return new Map();
  // Walks the (street, number) index from the written number outwards; the parity filter skips the other side.
  const side = (cmp: '<=' | '>=', dir: 'DESC' | 'ASC') => `
    SELECT a.house_num, ST_Y(a.geom) AS lat, ST_X(a.geom) AS lon, a.text FROM addresses a
    WHERE sm.same IS NULL AND a.street_id = p.sid AND a.house_num ${cmp} p.num AND a.house_num % 2 = p.num % 2
    ORDER BY a.house_num ${dir}, a.house_key ${dir}, a.id ${dir} LIMIT 1`;
  const rows = await s.query<HouseRow>(
    `SELECT p.i, sm.same,
            lo.house_num AS lo_num, lo.lat AS lo_lat, lo.lon AS lo_lon, lo.text AS lo_text,
            hi.house_num AS hi_num, hi.lat AS hi_lat, hi.lon AS hi_lon, hi.text AS hi_text,
            ST_Y(st.geom) AS st_lat, ST_X(st.geom) AS st_lon, coalesce(st.label, st.name) AS st_text
     FROM unnest($1::int[], $2::int[], $3::int[], $4::text[]) AS p(i, sid, num, hkey)
     JOIN address_streets st ON st.id = p.sid
     LEFT JOIN LATERAL (SELECT json_agg(json_build_object('k', a.house_key, 'lat', ST_Y(a.geom), 'lon', ST_X(a.geom), 't', a.text)
                          ORDER BY a.house_key, a.id) AS same
                        FROM addresses a WHERE a.street_id = p.sid AND a.house_num = p.num) sm ON true
     LEFT JOIN LATERAL (${side('<=', 'DESC')}) lo ON true
     LEFT JOIN LATERAL (${side('>=', 'ASC')}) hi ON true
     WHERE st.geom IS NOT NULL`,
    [lookups.map((l) => l.i), lookups.map((l) => l.streetId), lookups.map((l) => l.num), lookups.map((l) => l.key)]);
  const out = new Map<number, HouseRows>();
  const keyOf = new Map(lookups.map((l) => [l.i, l.key]));
  for (const r of rows) {
    const same = (typeof r.same === 'string' ? JSON.parse(r.same) as HouseRow['same'] : r.same) ?? [];
    const ex = same.find((e) => e.k === keyOf.get(r.i));
    out.set(r.i, {
      exact: ex ? { num: null, lat: ex.lat, lon: ex.lon, text: ex.t } : null,
      same: same.map((e) => ({ key: e.k, lat: e.lat, lon: e.lon, text: e.t })),
      below: entry(r.lo_num, r.lo_lat, r.lo_lon, r.lo_text),
      above: entry(r.hi_num, r.hi_lat, r.hi_lon, r.hi_text),
      street: { num: null, lat: r.st_lat, lon: r.st_lon, text: r.st_text },
    });
  }
  return out;
}
