import { sql } from 'kysely';
import type { Session } from '../client';
import { qb, run, runSql } from '../sql/builder';
import { idsQuery, type AppealIds } from '../sql/appealIds';

/*
 * Server-only. The geocoder's SQL: each lookup answers a whole batch in one statement (arrays in, rows out), so
 * geocoding N addresses costs a few queries, never N (lib/enrich/geocode/queries.ts shapes the rows); then the
 * appeals' side: the work list of an import or of `pmap enrich`, and one UPDATE per page of answers.
 * Written for PostgreSQL 15 and PGlite alike.
 */

export async function localityNames(s: Session): Promise<string[]> {
  return (await run(s, qb.selectFrom('address_localities').select('name'))).map((r) => r.name);
}

/** One street lookup: `loc` null searches every locality; a name the gazetteer lacks finds only locality-less streets. */
export interface StreetLookupRow {
  i: number;
  loc: string | null;
  core: string;
}

export interface StreetRow {
  id: number;
  locality: string;
  core: string;
  type: string;
  houses: number;
  sim: number;
}

const lookup = (l: readonly StreetLookupRow[]) =>
  sql`unnest(${l.map((x) => x.i)}::int[], ${l.map((x) => x.loc)}::text[], ${l.map((x) => x.core)}::text[]) AS q(i, loc, core)`;
const IN_LOCALITY = sql`(q.loc IS NULL OR s.locality = q.loc OR s.locality = '')`;

/** Streets whose normalised name equals the written one (every type, every allowed locality). */
export async function exactStreetRows(
  s: Session,
  l: readonly StreetLookupRow[],
): Promise<(StreetRow & { i: number })[]> {
  return runSql(
    s,
    sql<StreetRow & { i: number }>`SELECT q.i, s.id, s.locality, s.core, s.type, s.houses, 1.0::float8 AS sim
     FROM ${lookup(l)} JOIN address_streets s ON s.core = q.core
     WHERE ${IN_LOCALITY}`,
  );
}

/** The most similar street names by trigrams (pg_trgm's `%`, similarity ≥ 0.3, through the GIN index), a few per lookup. */
export async function similarStreetRows(
  s: Session,
  l: readonly StreetLookupRow[],
  perAddress: number,
): Promise<(StreetRow & { i: number })[]> {
  return runSql(
    s,
    sql<StreetRow & { i: number }>`SELECT q.i, c.id, c.locality, c.core, c.type, c.houses, c.sim
     FROM ${lookup(l)}
     CROSS JOIN LATERAL (
       SELECT s.id, s.locality, s.core, s.type, s.houses, similarity(s.core, q.core)::float8 AS sim
       FROM address_streets s
       WHERE s.core % q.core AND ${IN_LOCALITY}
       ORDER BY sim DESC, s.id LIMIT ${sql.lit(perAddress)}) c`,
  );
}

/** The streets whose name starts with one of these letters and whose length lies in [minLen, maxLen]. */
export async function streetRowsByInitial(
  s: Session,
  initials: readonly string[],
  minLen: number,
  maxLen: number,
): Promise<StreetRow[]> {
  return runSql(
    s,
    sql<StreetRow>`SELECT s.id, s.locality, s.core, s.type, s.houses, 0::float8 AS sim FROM address_streets s
     WHERE left(s.core, 1) = ANY(${initials}::text[]) AND length(s.core) BETWEEN ${minLen} AND ${maxLen}`,
  );
}

/** For each (i, street, number): the entries with that number, by key then id. */
export async function sameNumberRows(s: Session, l: { i: number[]; streetId: number[]; num: (number | null)[] }) {
  return runSql(
    s,
    sql<{
      i: number;
      k: string;
      lat: number;
      lon: number;
      t: string;
    }>`SELECT p.i, a.house_key AS k, ST_Y(a.geom) AS lat, ST_X(a.geom) AS lon, a.text AS t
       FROM unnest(${l.i}::int[], ${l.streetId}::int[], ${l.num}::int[]) AS p(i, sid, num)
       JOIN addresses a ON a.street_id = p.sid AND a.house_num = p.num
       ORDER BY p.i, a.house_key, a.id`,
  );
}

export interface NeighbourRow {
  i: number;
  lo_num: number | null;
  lo_lat: number | null;
  lo_lon: number | null;
  lo_text: string | null;
  hi_num: number | null;
  hi_lat: number | null;
  hi_lon: number | null;
  hi_text: string | null;
  st_lat: number;
  st_lon: number;
  st_text: string;
}

// Walks the (street, number) index from the written number outwards; the parity filter skips the other side.
const side = (cmp: '<=' | '>=', dir: 'DESC' | 'ASC') => sql`
    SELECT a.house_num, ST_Y(a.geom) AS lat, ST_X(a.geom) AS lon, a.text FROM addresses a
    WHERE p.near AND a.street_id = p.sid AND a.house_num ${sql.raw(cmp)} p.num AND a.house_num % 2 = p.num % 2
    ORDER BY a.house_num ${sql.raw(dir)}, a.house_key ${sql.raw(dir)}, a.id ${sql.raw(dir)} LIMIT 1`;

/** Each street's middle and, where `near`, the nearest numbers below and above on the same side. */
export async function neighbourRows(
  s: Session,
  l: { i: number[]; streetId: number[]; num: (number | null)[]; near: boolean[] },
) {
  return runSql(
    s,
    sql<NeighbourRow>`SELECT p.i,
            lo.house_num AS lo_num, lo.lat AS lo_lat, lo.lon AS lo_lon, lo.text AS lo_text,
            hi.house_num AS hi_num, hi.lat AS hi_lat, hi.lon AS hi_lon, hi.text AS hi_text,
            ST_Y(st.geom) AS st_lat, ST_X(st.geom) AS st_lon, coalesce(st.label, st.name) AS st_text
     FROM unnest(${l.i}::int[], ${l.streetId}::int[], ${l.num}::int[], ${l.near}::bool[]) AS p(i, sid, num, near)
     JOIN address_streets st ON st.id = p.sid
     LEFT JOIN LATERAL (${side('<=', 'DESC')}) lo ON true
     LEFT JOIN LATERAL (${side('>=', 'ASC')}) hi ON true
     WHERE st.geom IS NOT NULL`,
  );
}

/**
 * JIT off for `fn`: local to the transaction, and the previous value comes back afterwards (lib/enrich/geocode/batch.ts
 * says why).
 */
export async function withoutJit<T>(s: Session, fn: (s: Session) => Promise<T>): Promise<T> {
  const [r] = await runSql(s, sql<{ jit: string | null }>`SELECT current_setting('jit', true) AS jit`);
  const jit = r?.jit ?? null;
  if (jit !== null) await runSql(s, sql`SELECT set_config('jit', 'off', true)`);
  try {
    return await fn(s);
  } finally {
    if (jit !== null) await runSql(s, sql`SELECT set_config('jit', ${jit}, true)`).catch(() => undefined);
  }
}

/** Whether there is a gazetteer to geocode with. */
export async function hasStreets(s: Session): Promise<boolean> {
  const [g] = await runSql(s, sql<{ x: boolean }>`SELECT EXISTS (SELECT 1 FROM address_streets) AS x`);
  return !!g?.x;
}

/**
 * The appeals `ids` names, before geocoding: a row that now comes with coordinates loses the confidence of its old
 * geocoded point, and its level follows its own coordinates (a point; none when it has none). Then the ones with an
 * address but no coordinates go to the temp table appeal_geocode_queue (so each page is a cheap range read).
 */
export async function queueAppealsToGeocode(s: Session, ids: AppealIds | string): Promise<void> {
  const q = idsQuery(ids);
  await runSql(
    s,
    sql`UPDATE appeals SET geocode_confidence = NULL WHERE id IN (${q})
                 AND geocode_confidence IS NOT NULL AND location_source IS DISTINCT FROM 'geocoded'`,
  );
  await runSql(
    s,
    sql`UPDATE appeals SET geocode_level = CASE WHEN geom IS NULL THEN 'none' ELSE 'point' END WHERE id IN (${q})
                 AND location_source IS DISTINCT FROM 'geocoded' AND location_source IS DISTINCT FROM 'manual'
                 AND geocode_level IS DISTINCT FROM CASE WHEN geom IS NULL THEN 'none' ELSE 'point' END`,
  );
  await runSql(
    s,
    sql`CREATE TEMP TABLE appeal_geocode_queue ON COMMIT DROP AS
    SELECT id, address, street, house FROM appeals
    WHERE id IN (${q}) AND geom IS NULL AND (address IS NOT NULL OR street IS NOT NULL)`,
  );
  await runSql(s, sql`CREATE INDEX ON appeal_geocode_queue (id)`);
}

export interface QueuedAppeal {
  id: number;
  address: string | null;
  street: string | null;
  house: string | null;
}

/** A page of appeal_geocode_queue in id order, after `after`. */
export async function queuedAppealsPage(s: Session, after: number, limit: number): Promise<QueuedAppeal[]> {
  return runSql(
    s,
    sql<QueuedAppeal>`SELECT id, address, street, house FROM appeal_geocode_queue WHERE id > ${after} ORDER BY id LIMIT ${sql.lit(limit)}`,
  );
}

export async function dropGeocodeQueue(s: Session): Promise<void> {
  await runSql(s, sql`DROP TABLE IF EXISTS appeal_geocode_queue`);
}

/** Stores geocoded points (h3 given as text, the cell the caller computed), level and confidence. */
export async function placeGeocodedAppeals(
  s: Session,
  g: {
    ids: number[];
    lats: number[];
    lons: number[];
    cells: string[];
    confs: number[];
    levels: string[];
  },
): Promise<void> {
  await runSql(
    s,
    sql`UPDATE appeals a SET geom = ST_SetSRID(ST_MakePoint(g.lon, g.lat), 4326), h3 = g.h3::bigint,
        location_source = 'geocoded', geocode_confidence = g.conf, geocode_level = g.level
      FROM unnest(${g.ids}::bigint[], ${g.lats}::float8[], ${g.lons}::float8[], ${g.cells}::text[], ${g.confs}::float8[], ${g.levels}::text[]) AS g(id, lat, lon, h3, conf, level)
      WHERE a.id = g.id`,
  );
}
