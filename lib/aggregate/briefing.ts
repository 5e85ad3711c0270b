import { z } from 'zod';
import type { Database } from '../../db';
import {
  briefingCells,
  briefingCounts,
  briefingOverdue,
  briefingProblems,
  briefingRecentThanks,
  briefingTopicCounts,
  findMunicipality as findMunicipalityRow,
  municipalityChoices as municipalityRows,
  type MunicipalityRow,
  type ProblemRow,
} from '../../db/queries/briefing';
import { addDays, DAY_MS, daysBetween } from '../domain/days';
import { daySchema } from '../domain/params';
import { PmapError } from '../errors';
import { redactContacts } from '../privacy/redact';
import { env } from '../config/env';
import { GROWING_LABELS, type HotspotLabel } from './hotspots/label';
import { hotspots } from './hotspots/load';

// The one day rule of every request (a real calendar day, 1900..2100): year 0000 used to pass here.
const day = daySchema;

/** ?municipality=&from=&to= of the briefing page. */
export const briefingQuerySchema = z
  .strictObject({
    municipality: z.string().trim().min(1, 'choose a municipality').max(200),
    from: day,
    to: day,
  })
  .refine((q) => q.from <= q.to, {
    message: 'the period ends before it starts',
    path: ['to'],
    params: { key: 'input.period_reversed' },
  })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * DAY_MS, {
    message: 'the period is longer than three years',
    path: ['to'],
    params: { key: 'input.period_too_long' },
  });
export type BriefingQuery = z.infer<typeof briefingQuerySchema>;

/** Length in days of an inclusive period. */
export const periodDays = (from: string, to: string) => daysBetween(from, to) + 1;

/** The period of equal length that ends the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const n = periodDays(from, to);
  const prevTo = addDays(from, -1);
  return { from: addDays(prevTo, -(n - 1)), to: prevTo };
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
  hotspots: {
    res: number;
    weeks: number;
    alpha: number;
    labelled: number;
    growing: BriefingHotspot[];
    persistent: BriefingHotspot[];
  };
  overdue: { deadlineDays: number; count: number; items: OverdueAppeal[] };
  thanks: {
    count: number;
    previous: number;
    byTopic: { topic: string; count: number }[];
    recent: { createdAt: Date; topic: string; text: string | null; address: string | null }[];
  };
  map: { res: number; cells: { h3: string; count: number }[] };
}

async function findMunicipality(db: Database, key: string): Promise<MunicipalityRow> {
  const m = await findMunicipalityRow(db, key);
  if (!m) throw PmapError.keyed('not_found', 'briefing.no_municipality', { name: key });
  return m;
}

async function counts(db: Database, munId: number, from: string, to: string): Promise<Counts> {
  const r = await briefingCounts(db, munId, from, to);
  return {
    total: Number(r.total),
    complaints: Number(r.complaints),
    gratitude: Number(r.gratitude),
    citizens: Number(r.citizens),
  };
}

async function topicCounts(db: Database, munId: number, from: string, to: string, gratitude: 'exclude' | 'only') {
  const rows = await briefingTopicCounts(db, munId, from, to, gratitude);
  return new Map(rows.map((r) => [r.topic, Number(r.n)]));
}

/**
 * The largest cross-channel problem groups; when the period has none, the largest topic × res-8 cell clusters. The
 * same problem is listed once: groups (or cells) of one topic whose appeals name the same street or address are
 * merged, and the row counts all their appeals and distinct citizens (`parts` says how many were merged).
 */
async function topProblems(
  db: Database,
  munId: number,
  from: string,
  to: string,
  limit = 10,
): Promise<Briefing['problems']> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the unit becomes problemId or h3 below
  const num = ({ unit: _unit, ...p }: ProblemRow): Omit<BriefingProblem, 'problemId' | 'h3'> => ({
    ...p,
    count: Number(p.count),
    citizens: Number(p.citizens),
    open: Number(p.open),
    parts: Number(p.parts),
  });
  const groups = await briefingProblems(db, munId, from, to, 'groups', limit);
  if (groups.length)
    return { source: 'groups', items: groups.map((g) => ({ ...num(g), problemId: Number(g.unit), h3: null })) };
  const clusters = await briefingProblems(db, munId, from, to, 'clusters', limit);
  return { source: 'clusters', items: clusters.map((c) => ({ ...num(c), problemId: null, h3: c.unit })) };
}

async function cellCounts(db: Database, munId: number, from: string, to: string, res: number) {
  const rows = await briefingCells(db, munId, from, to, res);
  return rows.map((r) => ({ h3: r.h3, count: Number(r.n), place: r.place }));
}

/**
 * Growing hotspots of complaints: stats' hotspots() (lib/aggregate/hotspots, the same analysis the map shows) for
 * the municipality and period, keeping the new and intensifying cells that hold complaints.
 */
async function growingHotspots(
  db: Database,
  municipality: string,
  from: string,
  to: string,
  res: number,
  cells: { h3: string; count: number; place: string | null }[],
  previous: Map<string, number>,
): Promise<Briefing['hotspots']> {
  const a = await hotspots(db, { res, municipality, from, to, gratitude: 'exclude' });
  const byCell = new Map(cells.map((c) => [c.h3, c]));
  // Gi* labels a whole neighbourhood; the briefing lists the cells that hold the complaints, busiest first.
  const pick = (keep: (label: HotspotLabel) => boolean, limit: number) =>
    a.cells
      .filter((c) => keep(c.label) && c.count > 0)
      .sort((x, y) => y.count - x.count || y.z - x.z)
      .slice(0, limit)
      .map((c) => ({
        h3: c.h3,
        label: c.label,
        count: c.count,
        previous: previous.get(c.h3) ?? 0,
        z: c.z,
        trend: c.trend,
        place: byCell.get(c.h3)?.place ?? null,
      }));
  return {
    res,
    weeks: a.weeks,
    alpha: a.alpha,
    labelled: a.cells.filter((c) => c.label !== '').length,
    growing: pick((l) => GROWING_LABELS.includes(l), 10),
    persistent: pick((l) => l === 'persistent', 5),
  };
}

/**
 * Complaints of the period still open past their deadline at `asOf` (the side panel's openOverdue rule, from
 * summary.ts, so the two agree), oldest first.
 */
async function overdue(
  db: Database,
  munId: number,
  from: string,
  to: string,
  asOf: Date,
  deadlineDays: number,
  limit = 15,
): Promise<Briefing['overdue']> {
  const { count: n, items } = await briefingOverdue(db, munId, from, to, asOf, deadlineDays, limit);
  return {
    deadlineDays,
    count: Number(n),
    items: items.map((i) => ({ ...i, id: Number(i.id), daysOpen: Number(i.daysOpen) })),
  };
}

/**
 * The latest thanks, their text cut to 240 characters. The briefing is printed and handed beyond staff, so contacts
 * inside the text are redacted whoever prints it (before the cut, so no half of a phone number is left).
 */
async function recentThanks(db: Database, munId: number, from: string, to: string, limit = 5) {
  const rows = await briefingRecentThanks(db, munId, from, to, limit);
  return rows.map((r) => ({ ...r, text: r.text === null ? null : [...redactContacts(r.text)].slice(0, 240).join('') }));
}

const sortedTopics = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

/**
 * Everything the printed briefing for one municipality and period shows. Thanks are counted apart from complaints:
 * problems, hotspots, overdue appeals and the map are about complaints only.
 */
export async function briefing(
  db: Database,
  q: BriefingQuery,
  asOf = new Date(),
  deadlineDays = env().PMAP_RESPONSE_DEADLINE_DAYS,
): Promise<Briefing> {
  const m = await findMunicipality(db, q.municipality);
  const prev = previousPeriod(q.from, q.to);
  const bbox: [number, number, number, number] = [Number(m.w), Number(m.s), Number(m.e), Number(m.n)];
  const res = briefingResolution(bbox);
  const [current, previous, topicsNow, topicsBefore, thanksNow, problems, cells, prevCells, late, recent] =
    await Promise.all([
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
  const growing = await growingHotspots(
    db,
    m.code,
    q.from,
    q.to,
    res,
    cells,
    new Map(prevCells.map((c) => [c.h3, c.count])),
  );
  const topics = new Set([...topicsNow.keys(), ...topicsBefore.keys()]);
  return {
    municipality: { code: m.code, name: m.name, bbox, geometry: JSON.parse(m.geometry) },
    period: { from: q.from, to: q.to, days: periodDays(q.from, q.to) },
    previous: prev,
    generatedAt: asOf,
    totals: { current, previous },
    byTopic: [...topics]
      .map((t) => ({ topic: t, count: topicsNow.get(t) ?? 0, previous: topicsBefore.get(t) ?? 0 }))
      .sort((a, b) => b.count - a.count || b.previous - a.previous || (a.topic < b.topic ? -1 : 1)),
    problems,
    hotspots: growing,
    overdue: late,
    thanks: {
      count: current.gratitude,
      previous: previous.gratitude,
      byTopic: sortedTopics(thanksNow)
        .slice(0, 5)
        .map(([topic, count]) => ({ topic, count })),
      recent,
    },
    map: { res, cells: cells.map(({ h3, count }) => ({ h3, count })) },
  };
}

/** Municipalities for the picker, by name. */
export async function municipalityChoices(db: Database): Promise<{ code: string; name: string }[]> {
  return municipalityRows(db);
}
