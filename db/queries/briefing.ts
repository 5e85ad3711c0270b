import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { AppealFilter } from '../../lib/domain/filters';
import type { Session } from '../client';
import { overdueCondition } from '../sql/deadline';
import { appealFilterSql, placeNameKey } from '../sql/appealFilter';
import { qb, run, runFirst, runSql } from '../sql/builder';

/* Server-only. The printed briefing of one municipality and period (lib/aggregate/briefing.ts puts it together). */

export interface MunicipalityRow {
  id: number;
  code: string;
  name: string;
  w: number;
  s: number;
  e: number;
  n: number;
  geometry: string;
}

/** A municipality by code or name (up to ё/е), the code matching first; its box and simplified outline. */
export async function findMunicipality(s: Session, key: string): Promise<MunicipalityRow | undefined> {
  const [m] = await runSql<MunicipalityRow>(
    s,
    sql`SELECT id, code, name, ST_XMin(geom) w, ST_YMin(geom) s, ST_XMax(geom) e, ST_YMax(geom) n,
            ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.0005), 5) AS geometry
     FROM boundaries WHERE level = 'municipality' AND (code = ${key} OR ${placeNameKey(sql.ref('name'))} = ${placeNameKey(sql`${key}::text`)})
     ORDER BY (code = ${key}) DESC, code LIMIT 1`,
  );
  return m;
}

/** The name of a municipality by exact code or name (the code first), for the page title. */
export async function municipalityName(s: Session, key: string): Promise<string | undefined> {
  const m = await runFirst(
    s,
    qb
      .selectFrom('boundaries')
      .select('name')
      .where('level', '=', 'municipality')
      .where((eb) => eb.or([eb('code', '=', key), eb('name', '=', key)]))
      .orderBy(sql`(code = ${key})`, 'desc')
      .limit(1),
  );
  return m?.name;
}

/** Municipalities for the picker, by name. */
export function municipalityChoices(s: Session): Promise<{ code: string; name: string }[]> {
  return run(
    s,
    qb
      .selectFrom('boundaries')
      .select(['code', 'name'])
      .where('level', '=', 'municipality')
      .orderBy('name')
      .orderBy('code'),
  );
}

/** Over `appeals a`: one municipality (by id: already resolved) and period. */
const scope = (munId: number, from: string, to: string, gratitude: AppealFilter['gratitude']) =>
  sql<SqlBool>`a.municipality_id = ${munId} AND ${appealFilterSql({ from, to, gratitude })}`;

export interface CountsRow {
  total: number;
  complaints: number;
  gratitude: number;
  citizens: number;
}

export async function briefingCounts(s: Session, munId: number, from: string, to: string): Promise<CountsRow> {
  const [r] = await runSql<CountsRow>(
    s,
    sql`SELECT count(*) AS total, count(*) FILTER (WHERE NOT a.is_gratitude) AS complaints,
            count(*) FILTER (WHERE a.is_gratitude) AS gratitude, count(DISTINCT a.author_pseudonym) AS citizens
     FROM appeals a WHERE ${scope(munId, from, to, 'include')}`,
  );
  return r;
}

export function briefingTopicCounts(
  s: Session,
  munId: number,
  from: string,
  to: string,
  gratitude: 'exclude' | 'only',
) {
  return runSql<{ topic: string; n: number }>(
    s,
    sql`SELECT a.topic, count(*) AS n FROM appeals a WHERE ${scope(munId, from, to, gratitude)} GROUP BY 1`,
  );
}

export interface ProblemRow {
  unit: string;
  topic: string;
  parts: number;
  place: string | null;
  count: number;
  citizens: number;
  open: number;
  first: Date;
  last: Date;
}

/**
 * The largest complaint problems of the period, by problem group ('groups') or by topic × res-8 cell ('clusters'):
 * units of one topic whose appeals name the same street or address are merged into one row.
 */
export function briefingProblems(
  s: Session,
  munId: number,
  from: string,
  to: string,
  by: 'groups' | 'clusters',
  limit: number,
) {
  const cells = by === 'clusters';
  const unit: RawBuilder<unknown> = cells ? sql`h3_parent(a.h3, 8)` : sql`a.problem_id`;
  const where = sql`${cells ? sql`a.h3 IS NOT NULL AND ((a.h3 >> 52) & 15) >= 8` : sql`a.problem_id IS NOT NULL`} AND ${scope(munId, from, to, 'exclude')}`;
  return runSql<ProblemRow>(
    s,
    sql`
    WITH u AS (
      SELECT ${unit} AS unit, ${cells ? sql`a.topic` : sql`mode() WITHIN GROUP (ORDER BY a.topic)`} AS topic,
             mode() WITHIN GROUP (ORDER BY coalesce(a.street, a.address)) AS place
      FROM appeals a WHERE ${where} GROUP BY 1${cells ? sql`, a.topic` : sql``} HAVING count(*) >= 2
    ), k AS (
      SELECT unit, topic, place, coalesce(place, 'unit:' || unit::text) AS key FROM u
    )
    SELECT ${cells ? sql`to_hex(min(k.unit))` : sql`min(k.unit)::text`} AS unit, k.topic, count(DISTINCT k.unit) AS parts, min(k.place) AS place,
      count(*) AS count, count(DISTINCT a.author_pseudonym) AS citizens,
      count(*) FILTER (WHERE a.status IN ('new', 'in_progress')) AS open, min(a.created_at) AS first, max(a.created_at) AS last
    FROM appeals a JOIN k ON ${unit} = k.unit${cells ? sql` AND a.topic = k.topic` : sql``}
    WHERE ${where}
    GROUP BY k.topic, k.key ORDER BY count(*) DESC, min(k.unit) LIMIT ${limit}`,
  );
}

/** Complaints per H3 cell at `res` (hex id), with the street or address most of them name. */
export function briefingCells(s: Session, munId: number, from: string, to: string, res: number) {
  return runSql<{ h3: string; n: number; place: string | null }>(
    s,
    sql`SELECT to_hex(h3_parent(a.h3, ${res})) AS h3, count(*) AS n, mode() WITHIN GROUP (ORDER BY coalesce(a.street, a.address)) AS place
     FROM appeals a WHERE a.h3 IS NOT NULL AND ((a.h3 >> 52) & 15) >= ${res} AND ${scope(munId, from, to, 'exclude')} GROUP BY 1 ORDER BY 1`,
  );
}

export interface OverdueRow {
  id: number;
  createdAt: Date;
  topic: string;
  channel: string;
  status: string;
  address: string | null;
  daysOpen: number;
}

/** Complaints of the period still open past their deadline at `asOf`: how many, and the oldest `limit`. */
export async function briefingOverdue(
  s: Session,
  munId: number,
  from: string,
  to: string,
  asOf: Date,
  deadlineDays: number,
  limit: number,
) {
  const cond = () => sql`${overdueCondition(deadlineDays, asOf)} AND ${scope(munId, from, to, 'exclude')}`;
  const [{ n }] = await runSql<{ n: number }>(s, sql`SELECT count(*) AS n FROM appeals a WHERE ${cond()}`);
  const items = await runSql<OverdueRow>(
    s,
    sql`SELECT a.id, a.created_at AS "createdAt", a.topic, a.channel, a.status, a.address,
            floor(extract(epoch FROM ${asOf.toISOString()}::timestamptz - a.created_at) / 86400)::int AS "daysOpen"
     FROM appeals a WHERE ${cond()} ORDER BY a.created_at, a.id LIMIT ${limit}`,
  );
  return { count: n, items };
}

/** The latest thanks of the period, newest first (text as stored: the caller redacts and cuts it). */
export function briefingRecentThanks(s: Session, munId: number, from: string, to: string, limit: number) {
  return runSql<{ createdAt: Date; topic: string; text: string | null; address: string | null }>(
    s,
    sql`SELECT a.created_at AS "createdAt", a.topic, a.text, a.address
     FROM appeals a WHERE ${scope(munId, from, to, 'only')} ORDER BY a.created_at DESC, a.id DESC LIMIT ${limit}`,
  );
}
