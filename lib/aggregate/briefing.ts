import { z } from 'zod';
import type { Database } from '../../db';
import type { AppealFilter } from '../domain/filters';
import { placeNameKeySql } from '../domain/placeNames';
import { daySchema } from '../domain/params';
import { PmapError } from '../errors';
import { redactContacts } from '../privacy/redact';
import { appealWhere } from '../store/appealFilterSql';
import { env } from '../config/env';
import { GROWING_LABELS, type HotspotLabel } from './hotspots/label';
import { hotspots } from './hotspots/load';
import { overdueCondition } from './summary';
const DAY_MS = 86_400_000;

// The one day rule of every request (a real calendar day, 1900..2100): year 0000 used to pass here.
const day = daySchema;

/** ?municipality=&from=&to= of the briefing page. */
export const briefingQuerySchema = z.strictObject({
  municipality: z.string().trim().min(1, 'choose a municipality').max(200),
  from: day,
  to: day,
}).refine((q) => q.from <= q.to, { message: 'the period ends before it starts', path: ['to'], params: { key: 'input.period_reversed' } })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * DAY_MS, { message: 'the period is longer than three years', path: ['to'], params: { key: 'input.period_too_long' } });
export type BriefingQuery = z.infer<typeof briefingQuerySchema>;

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Length in days of an inclusive period. */
export const periodDays = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;

/** The period of equal length that ends the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const n = periodDays(from, to);
  const prevTo = Date.parse(from) - DAY_MS;
  return { from: iso(prevTo - (n - 1) * DAY_MS), to: iso(prevTo) };
}

/** Hexagon resolution for a municipality of this size: a few hundred cells at most, a few dozen at least. */
export function briefingResolution(bbox: readonly [number, number, number, number]): number {
  const [w, s, e, n] = bbox;
  const km = Math.max((e - w) * 111.32 * Math.cos((((s + n) / 2) * Math.PI) / 180), (n - s) * 110.57);
  return km > 120 ? 6 : km > 25 ? 7 : 8;
}

export interface Counts {
  total: number;
  complaints: number;
  gratitude: number;
  citizens: number;
}

export interface BriefingProblem {
  /** The problem group id, or null for a topic × cell cluster. */
  problemId: number | null;
  h3: string | null;
  topic: string;
  count: number;
  citizens: number;
  open: number;
  first: Date;
  last: Date;
  place: string | null;
  /** How many groups (or cells) of the same topic and place this row merges. */
  parts: number;
}

export interface BriefingHotspot {
  h3: string;
  label: HotspotLabel;
  count: number;
  previous: number;
  z: number;
  trend: number;
  place: string | null;
}

export interface OverdueAppeal {
  id: number;
  createdAt: Date;
  topic: string;
  channel: string;
  status: string;
  address: string | null;
  daysOpen: number;
}

export interface Briefing {
  municipality: { code: string; name: string; bbox: [number, number, number, number]; geometry: unknown };
  period: { from: string; to: string; days: number };
  previous: { from: string; to: string };
  generatedAt: Date;
  totals: { current: Counts; previous: Counts };
  byTopic: { topic: string; count: number; previous: number }[];
  problems: { source: 'groups' | 'clusters'; items: BriefingProblem[] };
  /** Growing (new, intensifying) cells, and for context the persistent ones; only cells that hold complaints. */
  hotspots: { res: number; weeks: number; alpha: number; labelled: number; growing: BriefingHotspot[]; persistent: BriefingHotspot[] };
  overdue: { deadlineDays: number; count: number; items: OverdueAppeal[] };
  thanks: { count: number; previous: number; byTopic: { topic: string; count: number }[]; recent: { createdAt: Date; topic: string; text: string | null; address: string | null }[] };
  map: { res: number; cells: { h3: string; count: number }[] };
}

interface Municipality { id: number; code: string; name: string; w: number; s: number; e: number; n: number; geometry: string }

async function findMunicipality(db: Database, key: string): Promise<Municipality> {
  const [m] = await db.query<Municipality>(
    `SELECT id, code, name, ST_XMin(geom) w, ST_YMin(geom) s, ST_XMax(geom) e, ST_YMax(geom) n,
            ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.0005), 5) AS geometry
     FROM boundaries WHERE level = 'municipality' AND (code = $1 OR ${placeNameKeySql('name')} = ${placeNameKeySql('$1::text')}) ORDER BY (code = $1) DESC, code LIMIT 1`, [key]);
  if (!m) throw PmapError.keyed('not_found', 'briefing.no_municipality', { name: key });
  return m;
}

/** WHERE over `appeals a` for one municipality (by id: already resolved) and period, after `offset` parameters. */
function scope(munId: number, from: string, to: string, gratitude: AppealFilter['gratitude'], offset: number) {
  const w = appealWhere({ from, to, gratitude }, offset + 1);
  return { sql: `a.municipality_id = $${offset + 1} AND ${w.sql}`, params: [munId, ...w.params] };
}

async function counts(db: Database, munId: number, from: string, to: string): Promise<Counts> {
  const w = scope(munId, from, to, 'include', 0);
  const [r] = await db.query<Counts>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE NOT a.is_gratitude) AS complaints,
            count(*) FILTER (WHERE a.is_gratitude) AS gratitude, count(DISTINCT a.author_pseudonym) AS citizens
     FROM appeals a WHERE ${w.sql}`, w.params);
  return { total: Number(r.total), complaints: Number(r.complaints), gratitude: Number(r.gratitude), citizens: Number(r.citizens) };
}

async function topicCounts(db: Database, munId: number, from: string, to: string, gratitude: 'exclude' | 'only') {
  const w = scope(munId, from, to, gratitude, 0);
  const rows = await db.query<{ topic: string; n: number }>(
    `SELECT a.topic, count(*) AS n FROM appeals a WHERE ${w.sql} GROUP BY 1`, w.params);
  return new Map(rows.map((r) => [r.topic, Number(r.n)]));
}

/**
 * The largest cross-channel problem groups; when the period has none, the largest topic × res-8 cell clusters. The
 * same problem is listed once: groups (or cells) of one topic whose appeals name the same street or address are
 * merged, and the row counts all their appeals and distinct citizens (`parts` says how many were merged).
 */
async function topProblems(db: Database, munId: number, from: string, to: string, limit = 10): Promise<Briefing['problems']> {
  const w = scope(munId, from, to, 'exclude', 0);
  const merged = (unit: string, where: string, cells: boolean) => `
    WITH u AS (
      SELECT ${unit} AS unit, ${cells ? 'a.topic' : 'mode() WITHIN GROUP (ORDER BY a.topic)'} AS topic,
             mode() WITHIN GROUP (ORDER BY coalesce(a.street, a.address)) AS place
      FROM appeals a WHERE ${where} AND ${w.sql} GROUP BY 1${cells ? ', a.topic' : ''} HAVING count(*) >= 2
    ), k AS (
      SELECT unit, topic, place, coalesce(place, 'unit:' || unit::text) AS key FROM u
    )
    SELECT ${cells ? 'to_hex(min(k.unit))' : 'min(k.unit)::text'} AS unit, k.topic, count(DISTINCT k.unit) AS parts, min(k.place) AS place,
      count(*) AS count, count(DISTINCT a.author_pseudonym) AS citizens,
      count(*) FILTER (WHERE a.status IN ('new', 'in_progress')) AS open, min(a.created_at) AS first, max(a.created_at) AS last
    FROM appeals a JOIN k ON ${unit} = k.unit${cells ? ' AND a.topic = k.topic' : ''}
    WHERE ${where} AND ${w.sql}
    GROUP BY k.topic, k.key ORDER BY count(*) DESC, min(k.unit) LIMIT ${limit}`;
  type Row = Omit<BriefingProblem, 'problemId' | 'h3'> & { unit: string };
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the unit becomes problemId or h3 below
  const num = ({ unit: _unit, ...p }: Row): Omit<BriefingProblem, 'problemId' | 'h3'> => ({
    ...p, count: Number(p.count), citizens: Number(p.citizens), open: Number(p.open), parts: Number(p.parts),
  });
  const groups = await db.query<Row>(merged('a.problem_id', 'a.problem_id IS NOT NULL', false), w.params);
  if (groups.length) return { source: 'groups', items: groups.map((g) => ({ ...num(g), problemId: Number(g.unit), h3: null })) };
  const clusters = await db.query<Row>(merged('h3_parent(a.h3, 8)', 'a.h3 IS NOT NULL AND ((a.h3 >> 52) & 15) >= 8', true), w.params);
  return { source: 'clusters', items: clusters.map((c) => ({ ...num(c), problemId: null, h3: c.unit })) };
}

async function cellCounts(db: Database, munId: number, from: string, to: string, res: number) {
  const w = scope(munId, from, to, 'exclude', 1);
  const rows = await db.query<{ h3: string; n: number; place: string | null }>(
    `SELECT to_hex(h3_parent(a.h3, $1)) AS h3, count(*) AS n, mode() WITHIN GROUP (ORDER BY coalesce(a.street, a.address)) AS place
     FROM appeals a WHERE a.h3 IS NOT NULL AND ((a.h3 >> 52) & 15) >= $1 AND ${w.sql} GROUP BY 1 ORDER BY 1`, [res, ...w.params]);
  return rows.map((r) => ({ h3: r.h3, count: Number(r.n), place: r.place }));
}

/**
 * Growing hotspots of complaints: stats' hotspots() (lib/aggregate/hotspots, the same analysis the map shows) for
 * the municipality and period, keeping the new and intensifying cells that hold complaints.
 */
async function growingHotspots(db: Database, municipality: string, from: string, to: string, res: number,
  cells: { h3: string; count: number; place: string | null }[], previous: Map<string, number>): Promise<Briefing['hotspots']> {
  const a = await hotspots(db, { res, municipality, from, to, gratitude: 'exclude' });
  const byCell = new Map(cells.map((c) => [c.h3, c]));
  // Gi* labels a whole neighbourhood; the briefing lists the cells that hold the complaints, busiest first.
  const pick = (keep: (label: HotspotLabel) => boolean, limit: number) => a.cells
    .filter((c) => keep(c.label) && c.count > 0)
    .sort((x, y) => y.count - x.count || y.z - x.z)
    .slice(0, limit)
    .map((c) => ({ h3: c.h3, label: c.label, count: c.count, previous: previous.get(c.h3) ?? 0, z: c.z, trend: c.trend, place: byCell.get(c.h3)?.place ?? null }));
  return {
    res, weeks: a.weeks, alpha: a.alpha, labelled: a.cells.filter((c) => c.label !== '').length,
    growing: pick((l) => GROWING_LABELS.includes(l), 10),
    persistent: pick((l) => l === 'persistent', 5),
  };
}

/**
 * Complaints of the period still open past their deadline at `asOf` (the side panel's openOverdue rule, from
 * summary.ts, so the two agree), oldest first.
 */
async function overdue(db: Database, munId: number, from: string, to: string, asOf: Date, deadlineDays: number, limit = 15): Promise<Briefing['overdue']> {
  const w = scope(munId, from, to, 'exclude', 2);
  const cond = `${overdueCondition('$2', '$1')} AND ${w.sql}`;
  const params = [asOf.toISOString(), deadlineDays, ...w.params];
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM appeals a WHERE ${cond}`, params);
  const items = await db.query<OverdueAppeal>(
    `SELECT a.id, a.created_at AS "createdAt", a.topic, a.channel, a.status, a.address,
            floor(extract(epoch FROM $1::timestamptz - a.created_at) / 86400)::int AS "daysOpen"
     FROM appeals a WHERE ${cond} ORDER BY a.created_at, a.id LIMIT ${limit}`, params);
  return { deadlineDays, count: Number(n), items: items.map((i) => ({ ...i, id: Number(i.id), daysOpen: Number(i.daysOpen) })) };
}

/**
 * The latest thanks, their text cut to 240 characters. The briefing is printed and handed beyond staff, so contacts
 * inside the text are redacted whoever prints it (before the cut, so no half of a phone number is left).
 */
async function recentThanks(db: Database, munId: number, from: string, to: string, limit = 5) {
  const w = scope(munId, from, to, 'only', 0);
  const rows = await db.query<Briefing['thanks']['recent'][number]>(
    `SELECT a.created_at AS "createdAt", a.topic, a.text, a.address
     FROM appeals a WHERE ${w.sql} ORDER BY a.created_at DESC, a.id DESC LIMIT ${limit}`, w.params);
  return rows.map((r) => ({ ...r, text: r.text === null ? null : [...redactContacts(r.text)].slice(0, 240).join('') }));
}

const sortedTopics = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

/**
 * Everything the printed briefing for one municipality and period shows. Thanks are counted apart from complaints:
 * problems, hotspots, overdue appeals and the map are about complaints only.
 */
export async function briefing(db: Database, q: BriefingQuery, asOf = new Date(), deadlineDays = env().PMAP_RESPONSE_DEADLINE_DAYS): Promise<Briefing> {
  const m = await findMunicipality(db, q.municipality);
  const prev = previousPeriod(q.from, q.to);
  const bbox: [number, number, number, number] = [Number(m.w), Number(m.s), Number(m.e), Number(m.n)];
  const res = briefingResolution(bbox);
  const [current, previous, topicsNow, topicsBefore, thanksNow, problems, cells, prevCells, late, recent] = await Promise.all([
    counts(db, m.id, q.from, q.to),
    counts(db, m.id, prev.from, prev.to),
    topicCounts(db, m.id, q.from, q.to, 'exclude'),
    topicCounts(db, m.id, prev.from, prev.to, 'exclude'),
    topicCounts(db, m.id, q.from, q.to, 'only'),
    topProblems(db, m.id, q.from, q.to),
    cellCounts(db, m.id, q.from, q.to, res),
    cellCounts(db, m.id, prev.from, prev.to, res),
    overdue(db, m.id, q.from, q.to, asOf, deadlineDays),
    recentThanks(db, m.id, q.from, q.to),
  ]);
  const growing = await growingHotspots(db, m.code, q.from, q.to, res, cells, new Map(prevCells.map((c) => [c.h3, c.count])));
  const topics = new Set([...topicsNow.keys(), ...topicsBefore.keys()]);
  return {
    municipality: { code: m.code, name: m.name, bbox, geometry: JSON.parse(m.geometry) },
    period: { from: q.from, to: q.to, days: periodDays(q.from, q.to) },
    previous: prev,
    generatedAt: asOf,
    totals: { current, previous },
    byTopic: [...topics].map((t) => ({ topic: t, count: topicsNow.get(t) ?? 0, previous: topicsBefore.get(t) ?? 0 }))
      .sort((a, b) => b.count - a.count || b.previous - a.previous || (a.topic < b.topic ? -1 : 1)),
    problems,
    hotspots: growing,
    overdue: late,
    thanks: { count: current.gratitude, previous: previous.gratitude, byTopic: sortedTopics(thanksNow).slice(0, 5).map(([topic, count]) => ({ topic, count })), recent },
    map: { res, cells: cells.map(({ h3, count }) => ({ h3, count })) },
  };
}

/** Municipalities for the picker, by name. */
export async function municipalityChoices(db: Database): Promise<{ code: string; name: string }[]> {
  return db.query(`SELECT code, name FROM boundaries WHERE level = 'municipality' ORDER BY name, code`);
}
