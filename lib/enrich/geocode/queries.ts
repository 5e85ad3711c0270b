/**
 * The geocoder's SQL: each function answers a whole batch in one statement (arrays in, rows out), so geocoding N
 * addresses costs a few queries, never N. Written for PostgreSQL 15 and PGlite alike.
 */
import type { Session } from '../../../db';
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

/**
 * The streets whose name starts with one of these letters and is 2..maxLen+2 long: the pool in which names with a
 * typo are looked up by edit distance (typos.ts), one query for a whole batch.
 */
export async function streetsByInitial(s: Session, initials: readonly string[], minLen: number, maxLen: number): Promise<StreetCandidate[]> {
  if (!initials.length) return [];
  const rows = await s.query<StreetCandidate>(
    `SELECT s.id, s.locality, s.core, s.type, s.houses, 0::float8 AS sim FROM address_streets s
     WHERE left(s.core, 1) = ANY($1::text[]) AND length(s.core) BETWEEN $2 AND $3`, [initials, minLen - 2, maxLen + 2]);
  return rows.map((r) => ({ ...r, sim: 0 }));
}

export interface HouseLookup {
  i: number;
  streetId: number;
  num: number | null;
  key: string | null;
}

interface HouseRow {
  i: number;
  lo_num: number | null; lo_lat: number | null; lo_lon: number | null; lo_text: string | null;
  hi_num: number | null; hi_lat: number | null; hi_lon: number | null; hi_text: string | null;
  st_lat: number; st_lon: number; st_text: string;
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
    const rows = await s.query<{ i: number; k: string; lat: number; lon: number; t: string }>(
      `SELECT p.i, a.house_key AS k, ST_Y(a.geom) AS lat, ST_X(a.geom) AS lon, a.text AS t
       FROM unnest($1::int[], $2::int[], $3::int[]) AS p(i, sid, num)
       JOIN addresses a ON a.street_id = p.sid AND a.house_num = p.num
       ORDER BY p.i, a.house_key, a.id`,
      [numbered.map((l) => l.i), numbered.map((l) => l.streetId), numbered.map((l) => l.num)]);
    for (const r of rows) {
      const list = same.get(r.i) ?? [];
      list.push({ key: r.k, lat: r.lat, lon: r.lon, text: r.t });
      same.set(r.i, list);
    }
  }
  // Walks the (street, number) index from the written number outwards; the parity filter skips the other side.
  const side = (cmp: '<=' | '>=', dir: 'DESC' | 'ASC') => `
    SELECT a.house_num, ST_Y(a.geom) AS lat, ST_X(a.geom) AS lon, a.text FROM addresses a
    WHERE p.near AND a.street_id = p.sid AND a.house_num ${cmp} p.num AND a.house_num % 2 = p.num % 2
    ORDER BY a.house_num ${dir}, a.house_key ${dir}, a.id ${dir} LIMIT 1`;
  const rows = await s.query<HouseRow>(
    `SELECT p.i,
            lo.house_num AS lo_num, lo.lat AS lo_lat, lo.lon AS lo_lon, lo.text AS lo_text,
            hi.house_num AS hi_num, hi.lat AS hi_lat, hi.lon AS hi_lon, hi.text AS hi_text,
            ST_Y(st.geom) AS st_lat, ST_X(st.geom) AS st_lon, coalesce(st.label, st.name) AS st_text
     FROM unnest($1::int[], $2::int[], $3::int[], $4::bool[]) AS p(i, sid, num, near)
     JOIN address_streets st ON st.id = p.sid
     LEFT JOIN LATERAL (${side('<=', 'DESC')}) lo ON true
     LEFT JOIN LATERAL (${side('>=', 'ASC')}) hi ON true
     WHERE st.geom IS NOT NULL`,
    [lookups.map((l) => l.i), lookups.map((l) => l.streetId), lookups.map((l) => l.num), lookups.map((l) => l.num !== null && !same.has(l.i))]);
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
