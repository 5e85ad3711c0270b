import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import {
  briefing,
  briefingQuerySchema,
  briefingResolution,
  previousPeriod,
  type Briefing,
} from '../../lib/aggregate/briefing';
import { freshPostgres } from '../helpers/db';

let db: Database;
let src: number;
let b: Briefing;
const ids: Record<string, number> = {};

const B = { lat: 51.7, lon: 55.2 };
const C = { lat: 51.82, lon: 55.0 };
const H = { lat: 51.77, lon: 55.1 };

interface A {
  key?: string;
  at: string;
  topic: string;
  status?: string;
  author?: string | null;
  street?: string;
  pos?: { lat: number; lon: number } | null;
  grat?: boolean;
  problem?: number | null;
  mun?: string;
  text?: string;
}

async function add(a: A) {
  const pos = a.pos === undefined ? H : a.pos;
  const [{ id }] = await db.query<{ id: number }>(
    `INSERT INTO appeals (source_id, external_id, channel, created_at, status, topic, is_gratitude, text, street, address,
       author_pseudonym, geom, h3, municipality_id, problem_id, raw, content_hash)
     VALUES ($1, $2, 'pos', $3, $4, $5, $6, $7, $8, $8 || ', 1', $9,
       CASE WHEN $10::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($11, $10), 4326) END, $12::bigint,
       (SELECT id FROM boundaries WHERE code = $13), $14, '{}', 'h') RETURNING id`,
    [
      src,
      `x${Object.keys(ids).length}-${Math.random()}`,
      a.at,
      a.status ?? 'closed',
      a.topic,
      !!a.grat,
      a.text ?? 'Жалоба',
      a.street ?? 'ул. Фон',
      a.author === undefined ? `auth-${Math.random()}` : a.author,
      pos?.lat ?? null,
      pos?.lon ?? null,
      pos ? BigInt(`0x${latLngToCell(pos.lat, pos.lon, 9)}`).toString() : null,
      a.mun ?? 'M1',
      a.problem ?? null,
    ],
  );
  ids[a.key ?? `k${Object.keys(ids).length}`] = Number(id);
}

beforeAll(async () => {
  ({ db } = await freshPostgres('drill_briefing'));
  [{ id: src }] = await db.query<{ id: number }>(`INSERT INTO sources (code, name) VALUES ('b', 'test') RETURNING id`);
  await db.query(`INSERT INTO boundaries (level, code, name, geom) VALUES
    ('municipality', 'M1', 'Город А', ST_Multi(ST_MakeEnvelope(54.9, 51.6, 55.3, 51.9, 4326))),
    ('municipality', 'M2', 'Город Б', ST_Multi(ST_MakeEnvelope(56.5, 52.0, 57.5, 53.0, 4326)))`);
  const [{ id: p }] = await db.query<{ id: number }>(
    `INSERT INTO problems (topic, first_at, last_at) VALUES ('roads', now(), now()) RETURNING id`,
  );
  const [{ id: q }] = await db.query<{ id: number }>(
    `INSERT INTO problems (topic, first_at, last_at) VALUES ('housing', now(), now()) RETURNING id`,
  );
  // Current period 2026-09-01..2026-09-28.
  await add({
    key: 'p1',
    at: '2026-09-02T10:00:00Z',
    topic: 'roads',
    status: 'new',
    author: 'a1',
    street: 'ул. Чкалова',
    pos: B,
    problem: p,
  });
  await add({
    key: 'p2',
    at: '2026-09-03T10:00:00Z',
    topic: 'roads',
    status: 'in_progress',
    author: 'a2',
    street: 'ул. Чкалова',
    pos: B,
    problem: p,
  });
  await add({
    key: 'p3',
    at: '2026-09-20T10:00:00Z',
    topic: 'roads',
    status: 'closed',
    author: 'a1',
    street: 'ул. Чкалова',
    pos: B,
    problem: p,
  });
  await add({
    at: '2026-09-05T10:00:00Z',
    topic: 'housing',
    status: 'answered',
    author: 'a3',
    street: 'ул. Ленина',
    pos: C,
    problem: q,
  });
  await add({
    at: '2026-09-06T10:00:00Z',
    topic: 'housing',
    status: 'closed',
    author: 'a4',
    street: 'ул. Ленина',
    pos: C,
    problem: q,
  });
  for (let i = 0; i < 12; i++) {
    await add({
      at: `2026-09-2${2 + (i % 6)}T12:00:00Z`,
      topic: 'roads',
      author: `h${i}`,
      street: 'пр. Победы',
      pos: H,
    });
  }
  for (let k = 0; k < 10; k++) {
    await add({
      at: `2026-09-${String(1 + k).padStart(2, '0')}T09:00:00Z`,
      topic: 'waste',
      status: 'answered',
      author: `b${k}`,
      pos: { lat: 51.63, lon: 54.93 + 0.035 * k },
    });
  }
  await add({
    at: '2026-09-10T10:00:00Z',
    topic: 'roads',
    grat: true,
    author: 'g1',
    text: 'Спасибо за ремонт дороги',
    pos: C,
  });
  await add({
    at: '2026-09-11T10:00:00Z',
    topic: 'improvement',
    grat: true,
    author: 'g2',
    text: 'Спасибо за новый сквер',
    pos: C,
  });
  await add({ at: '2026-09-15T10:00:00Z', topic: 'other', status: 'new', author: null, pos: null });
  for (let i = 0; i < 5; i++)
    await add({ at: '2026-09-10T10:00:00Z', topic: 'roads', status: 'new', mun: 'M2', pos: { lat: 52.5, lon: 57 } });
  // Previous period 2026-08-04..2026-08-31, and one appeal just before it.
  for (const a of ['a1', 'x1', 'x2', 'x3'])
    await add({ at: '2026-08-10T10:00:00Z', topic: 'roads', author: a, pos: B });
  await add({ at: '2026-08-20T10:00:00Z', topic: 'roads', grat: true, author: 'g3', pos: C });
  await add({ at: '2026-08-15T10:00:00Z', topic: 'housing', author: 'y1', pos: C });
  await add({ at: '2026-08-31T23:59:00Z', topic: 'housing', author: 'y2', pos: C });
  await add({ at: '2026-08-03T23:59:00Z', topic: 'housing', author: 'y3', pos: C });
  b = await briefing(
    db,
    briefingQuerySchema.parse({ municipality: 'M1', from: '2026-09-01', to: '2026-09-28' }),
    new Date('2026-10-10T00:00:00Z'),
  );
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe('briefing pure parts', () => {
  it('the previous period has the same length and ends the day before', () => {
    expect(previousPeriod('2026-09-01', '2026-09-28')).toEqual({ from: '2026-08-04', to: '2026-08-31' });
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({ from: '2026-01-29', to: '2026-02-28' });
    expect(previousPeriod('2026-01-01', '2026-01-01')).toEqual({ from: '2025-12-31', to: '2025-12-31' });
  });

  it('picks a resolution from the municipality size', () => {
    expect(briefingResolution([54.9, 51.6, 55.3, 51.9])).toBe(7); // 28 × 33 km
    expect(briefingResolution([55.0, 51.7, 55.2, 51.85])).toBe(8); // 14 × 17 km
    expect(briefingResolution([51, 50.5, 61.7, 54.4])).toBe(6); // the whole oblast
  });

  it.each([
    [{ municipality: 'M1', from: '2026-09-28', to: '2026-09-01' }, 'the period ends before it starts'],
    [{ municipality: 'M1', from: '2026-02-30', to: '2026-03-01' }, 'expected a date YYYY-MM-DD between 1900 and 2100'],
    [{ municipality: 'M1', from: '0000-01-01', to: '2026-03-01' }, 'expected a date YYYY-MM-DD between 1900 and 2100'],
    [{ municipality: '', from: '2026-09-01', to: '2026-09-02' }, 'choose a municipality'],
    [{ municipality: 'M1', from: '2020-01-01', to: '2026-01-01' }, 'the period is longer than three years'],
  ])('rejects %j', (q, message) => {
    const r = briefingQuerySchema.safeParse(q);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toBe(message);
  });

  it('an unknown municipality is a not_found error', async () => {
    await expect(briefing(db, { municipality: 'NOPE', from: '2026-09-01', to: '2026-09-02' })).rejects.toThrow(
      'no municipality with code or name "NOPE"',
    );
  });
});

describe('briefing of a constructed municipality', () => {
  it('header: municipality by code or name, period and its predecessor', async () => {
    expect(b.municipality).toMatchObject({ code: 'M1', name: 'Город А', bbox: [54.9, 51.6, 55.3, 51.9] });
    expect(b.period).toEqual({ from: '2026-09-01', to: '2026-09-28', days: 28 });
    expect(b.previous).toEqual({ from: '2026-08-04', to: '2026-08-31' });
    const byName = await briefing(
      db,
      { municipality: 'Город А', from: '2026-09-01', to: '2026-09-28' },
      new Date('2026-10-10T00:00:00Z'),
    );
    expect(byName.totals).toEqual(b.totals);
  });

  it('totals against the previous period of equal length', () => {
    expect(b.totals).toEqual({
      current: { total: 30, complaints: 28, gratitude: 2, citizens: 28 },
      previous: { total: 7, complaints: 6, gratitude: 1, citizens: 7 },
    });
    expect(b.byTopic).toEqual([
      { topic: 'roads', count: 15, previous: 4 },
      { topic: 'waste', count: 10, previous: 0 },
      { topic: 'housing', count: 2, previous: 2 },
      { topic: 'other', count: 1, previous: 0 },
    ]);
  });

  it('top problems are the problem groups, largest first', () => {
    expect(b.problems.source).toBe('groups');
    expect(
      b.problems.items.map(({ topic, count, citizens, open, place }) => ({ topic, count, citizens, open, place })),
    ).toEqual([
      { topic: 'roads', count: 3, citizens: 2, open: 2, place: 'ул. Чкалова' },
      { topic: 'housing', count: 2, citizens: 2, open: 0, place: 'ул. Ленина' },
    ]);
    expect(new Date(b.problems.items[0].first).toISOString()).toBe('2026-09-02T10:00:00.000Z');
    expect(new Date(b.problems.items[0].last).toISOString()).toBe('2026-09-20T10:00:00.000Z');
  });

  it('lists the same problem once: groups of one topic on one street merge, counting all their appeals and citizens', async () => {
    const ins = async (topic: string) =>
      (
        await db.query<{ id: number }>(
          `INSERT INTO problems (topic, first_at, last_at) VALUES ($1, now(), now()) RETURNING id`,
          [topic],
        )
      )[0].id;
    const [g1, g2, g3] = [await ins('roads'), await ins('roads'), await ins('roads')];
    const M = { lat: 52.5, lon: 57 };
    for (const [problem, author, street] of [
      [g1, 'm1', 'ул. Мира'],
      [g1, 'm2', 'ул. Мира'],
      [g2, 'm2', 'ул. Мира'],
      [g2, 'm3', 'ул. Мира'],
      [g2, 'm4', 'ул. Мира'],
      [g3, 'm5', 'ул. Садовая'],
      [g3, 'm6', 'ул. Садовая'],
    ] as const) {
      await add({
        at: '2026-07-10T10:00:00Z',
        topic: 'roads',
        status: 'new',
        author,
        street,
        pos: M,
        mun: 'M2',
        problem,
      });
    }
    const r = await briefing(
      db,
      briefingQuerySchema.parse({ municipality: 'M2', from: '2026-07-01', to: '2026-07-31' }),
      new Date('2026-08-10T00:00:00Z'),
    );
    expect(
      r.problems.items.map(({ topic, count, citizens, parts, place, problemId }) => ({
        topic,
        count,
        citizens,
        parts,
        place,
        problemId,
      })),
    ).toEqual([
      { topic: 'roads', count: 5, citizens: 4, parts: 2, place: 'ул. Мира', problemId: Math.min(g1, g2) },
      { topic: 'roads', count: 2, citizens: 2, parts: 1, place: 'ул. Садовая', problemId: g3 },
    ]);
  });

  it('overdue: open complaints past the 30-day deadline, oldest first', () => {
    expect(b.overdue.deadlineDays).toBe(30);
    expect(b.overdue.count).toBe(2);
    expect(b.overdue.items.map((o) => [o.id, o.status, o.daysOpen])).toEqual([
      [ids.p1, 'new', 37],
      [ids.p2, 'in_progress', 36],
    ]);
  });

  it('thanks: counted apart, by topic, latest first', () => {
    expect(b.thanks.count).toBe(2);
    expect(b.thanks.previous).toBe(1);
    expect(b.thanks.byTopic).toEqual([
      { topic: 'improvement', count: 1 },
      { topic: 'roads', count: 1 },
    ]);
    expect(b.thanks.recent.map((r) => r.text)).toEqual(['Спасибо за новый сквер', 'Спасибо за ремонт дороги']);
  });

  it('map: complaint counts per res-7 cell, every located complaint once', () => {
    expect(b.map.res).toBe(7);
    expect(b.map.cells.reduce((s, c) => s + c.count, 0)).toBe(27);
    const h = cellToParent(latLngToCell(H.lat, H.lon, 9), 7);
    expect(b.map.cells.find((c) => c.h3 === h)?.count).toBe(12);
  });

  it('growing hotspots: the cell that filled up in the last week is found, the flat background is not', () => {
    const h = cellToParent(latLngToCell(H.lat, H.lon, 9), 7);
    expect(b.hotspots).toMatchObject({ res: 7, weeks: 4, alpha: 0.05 });
    // Gi* also marks H's empty ring (7 labelled cells); the briefing lists only cells with complaints.
    expect(b.hotspots.labelled).toBe(7);
    expect(
      b.hotspots.growing.map(({ h3, label, count, previous, place }) => ({ h3, label, count, previous, place })),
    ).toEqual([{ h3: h, label: 'new', count: 12, previous: 0, place: 'пр. Победы' }]);
  });

  it('falls back to topic × cell clusters when the period has no problem groups', async () => {
    await db.query(`UPDATE appeals SET problem_id = NULL`);
    const r = await briefing(
      db,
      { municipality: 'M1', from: '2026-09-01', to: '2026-09-28' },
      new Date('2026-10-10T00:00:00Z'),
    );
    expect(r.problems.source).toBe('clusters');
    expect(r.problems.items.map(({ topic, count, place, h3 }) => ({ topic, count, place, h3 }))).toEqual([
      { topic: 'roads', count: 12, place: 'пр. Победы', h3: cellToParent(latLngToCell(H.lat, H.lon, 9), 8) },
      { topic: 'roads', count: 3, place: 'ул. Чкалова', h3: cellToParent(latLngToCell(B.lat, B.lon, 9), 8) },
      { topic: 'housing', count: 2, place: 'ул. Ленина', h3: cellToParent(latLngToCell(C.lat, C.lon, 9), 8) },
    ]);
  });
});
