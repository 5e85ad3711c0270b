import { cellToChildren, cellToLatLng, cellToParent, gridDisk, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { appealFilterSchema } from '../../lib/domain/filters';
import {
  drillAppeals,
  drillQuerySchema,
  drillRequest,
  storedCellRange,
  type DrillTarget,
} from '../../lib/store/appealDrill';
import { freshPostgres } from '../helpers/db';

let db: Database;
let segmentId: number;
let problemId: number;
const ids: Record<string, number> = {};

// Four places: P1 and P2 share a res-7 cell, P3 shares only the res-5 cell with them, P4 is 150 km away.
const c1 = latLngToCell(51.77, 55.1, 9);
const c2 = cellToChildren(cellToParent(c1, 7), 9).find((c) => c !== c1)!;
const c3 = cellToChildren(cellToParent(c1, 5), 9).find((c) => cellToParent(c, 7) !== cellToParent(c1, 7))!;
const c4 = latLngToCell(52.5, 57.0, 9);

interface Seed {
  ext: string;
  cell: string;
  day: string;
  topic?: string;
  channel?: string;
  status?: string;
  gratitude?: boolean;
  segment?: boolean;
  problem?: boolean;
}

// 5 appeals in P1, 3 in P2, 4 in P3, 2 in P4; 4 snapped to the segment; 2 in one problem group.
const SEEDS: Seed[] = [
  { ext: 'p1-a', cell: c1, day: '2025-03-01', topic: 'roads', segment: true, problem: true },
  { ext: 'p1-b', cell: c1, day: '2025-03-02', topic: 'roads', segment: true, problem: true },
  { ext: 'p1-c', cell: c1, day: '2025-03-03', topic: 'roads', channel: 'pos' },
  { ext: 'p1-d', cell: c1, day: '2025-03-04', topic: 'housing', status: 'answered' },
  { ext: 'p1-e', cell: c1, day: '2025-03-05', topic: 'housing', gratitude: true, status: 'closed' },
  { ext: 'p2-a', cell: c2, day: '2025-03-06', topic: 'roads' },
  { ext: 'p2-b', cell: c2, day: '2025-03-07', topic: 'waste' },
  { ext: 'p2-c', cell: c2, day: '2025-04-01', topic: 'roads' },
  { ext: 'p3-a', cell: c3, day: '2025-03-08', topic: 'roads' },
  { ext: 'p3-b', cell: c3, day: '2025-03-09', topic: 'roads' },
  { ext: 'p3-c', cell: c3, day: '2025-03-10', topic: 'health' },
  { ext: 'p3-d', cell: c3, day: '2025-03-11', topic: 'roads', gratitude: true },
  { ext: 'p4-a', cell: c4, day: '2025-03-12', topic: 'roads', segment: true },
  { ext: 'p4-b', cell: c4, day: '2025-03-13', topic: 'roads', segment: true },
];

// These cases count thanks too unless they say otherwise; the default (GRATITUDE_DEFAULT) leaves them out.
const q = (params: Record<string, string>) => drillRequest(drillQuerySchema.parse({ gratitude: 'include', ...params }));
const f = (extra: Record<string, unknown> = {}) => appealFilterSchema.parse({ gratitude: 'include', ...extra });
const cell = (h3: string): DrillTarget => ({ kind: 'cell', h3 });
const total = async (target: DrillTarget, filter = f()) => (await drillAppeals(db, filter, target, 1, 20, true)).total;

beforeAll(async () => {
  ({ db } = await freshPostgres('drill'));
  const [{ id: sourceId }] = await db.query<{ id: number }>(
    `INSERT INTO sources (code, name) VALUES ('t', 'test') RETURNING id`,
  );
  await db.query(`INSERT INTO boundaries (level, code, name, geom) VALUES
    ('municipality', 'M1', 'Город А', ST_Multi(ST_MakeEnvelope(54.5, 51.3, 55.8, 52.2, 4326))),
    ('municipality', 'M4', 'Город Б', ST_Multi(ST_MakeEnvelope(56.5, 52.0, 57.5, 53.0, 4326)))`);
  [{ id: segmentId }] = await db.query<{ id: number }>(
    `INSERT INTO road_segments (source_id, external_id, name, length_m, geom, content_hash)
     VALUES ($1, 'R1', 'ул. Чкалова', 1000, ST_Multi(ST_GeomFromText('LINESTRING(55.1 51.77, 55.11 51.78)', 4326)), 'x') RETURNING id`,
    [sourceId],
  );
  [{ id: problemId }] = await db.query<{ id: number }>(
    `INSERT INTO problems (topic, first_at, last_at, appeal_count) VALUES ('roads', '2025-03-01', '2025-03-02', 2) RETURNING id`,
  );
  for (const s of SEEDS) {
    const [lat, lon] = cellToLatLng(s.cell);
    const [{ id }] = await db.query<{ id: number }>(
      `INSERT INTO appeals (source_id, external_id, channel, created_at, status, topic, is_gratitude, text, address, geom, h3,
         municipality_id, road_segment_id, problem_id, raw, content_hash)
       VALUES ($1, $2, $3, $4::date + time '10:00', $5, $6, $7, $8, $9, ST_SetSRID(ST_MakePoint($10, $11), 4326), $12::bigint,
         (SELECT id FROM boundaries WHERE ST_Contains(geom, ST_SetSRID(ST_MakePoint($10, $11), 4326))), $13, $14, '{}', 'h')
       RETURNING id`,
      [
        sourceId,
        s.ext,
        s.channel ?? 'social',
        s.day,
        s.status ?? 'new',
        s.topic ?? 'roads',
        !!s.gratitude,
        `Текст ${s.ext}`,
        `ул. Тестовая, ${s.ext}`,
        lon,
        lat,
        BigInt(`0x${s.cell}`).toString(),
        s.segment ? segmentId : null,
        s.problem ? problemId : null,
      ],
    );
    ids[s.ext] = Number(id);
  }
  // An appeal without a location never belongs to a cell.
  await db.query(
    `INSERT INTO appeals (source_id, external_id, channel, created_at, status, topic, raw, content_hash)
    VALUES ($1, 'nowhere', 'hotline', '2025-03-05', 'new', 'roads', '{}', 'h')`,
    [sourceId],
  );
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe('storedCellRange mirrors h3_parent()', () => {
  it.each([4, 5, 6, 7, 8, 9])("res %i: every res-9 child is inside, every neighbour's child outside", (res) => {
    const parent = cellToParent(c1, res);
    const r = storedCellRange(parent);
    const inside = (c: string) => {
      const v = BigInt(`0x${c}`);
      return v >= r.lo && v <= r.hi;
    };
    const children = res >= 6 ? cellToChildren(parent, 9) : [c1, c2, c3];
    expect(children.every(inside)).toBe(true);
    const neighbours = gridDisk(parent, 1).filter((n) => n !== parent);
    expect(
      neighbours
        .flatMap((n) =>
          res >= 7 ? cellToChildren(n, 9) : [cellToChildren(n, res + 1)[0]].map((c) => cellToChildren(c, 9)[0]),
        )
        .some(inside),
    ).toBe(false);
  });

  it('res 9 is a single value', () => {
    const r = storedCellRange(c1);
    expect(r.lo).toBe(r.hi);
    expect(r.lo).toBe(BigInt(`0x${c1}`));
  });
});

describe('drillAppeals', () => {
  it('counts a cell of every resolution from its stored res-9 cells', async () => {
    expect(await total(cell(c1))).toBe(5);
    expect(await total(cell(c2))).toBe(3);
    expect(await total(cell(cellToParent(c1, 8)))).toBe(cellToParent(c2, 8) === cellToParent(c1, 8) ? 8 : 5);
    expect(await total(cell(cellToParent(c1, 7)))).toBe(8);
    expect(await total(cell(cellToParent(c1, 6)))).toBe(cellToParent(c3, 6) === cellToParent(c1, 6) ? 12 : 8);
    expect(await total(cell(cellToParent(c1, 5)))).toBe(12);
    expect(await total(cell(cellToParent(c1, 4)))).toBe(12);
    expect(await total(cell(c4))).toBe(2);
    expect(await total(cell(cellToParent(c4, 4)))).toBe(2);
  });

  it('applies the shared filter inside the cell', async () => {
    const p7 = cell(cellToParent(c1, 7));
    expect(await total(p7, f({ topic: 'roads' }))).toBe(5);
    expect(await total(p7, f({ gratitude: 'exclude' }))).toBe(7);
    expect(await total(p7, f({ gratitude: 'only' }))).toBe(1);
    expect(await total(p7, f({ from: '2025-03-03', to: '2025-03-06' }))).toBe(4);
    expect(await total(p7, f({ channel: 'pos' }))).toBe(1);
    expect(await total(p7, f({ status: 'answered,closed' }))).toBe(2);
    expect(await total(cell(cellToParent(c1, 5)), f({ municipality: 'M1' }))).toBe(12);
    expect(await total(cell(cellToParent(c1, 5)), f({ municipality: 'Город Б' }))).toBe(0);
  });

  it('pages newest first without gaps or repeats', async () => {
    const target = cell(cellToParent(c1, 5));
    const pages = await Promise.all([1, 2, 3, 4].map((p) => drillAppeals(db, f(), target, p, 5, true)));
    expect(pages.map((p) => p.rows.length)).toEqual([5, 5, 2, 0]);
    expect(pages.every((p) => p.total === 12 && p.pageSize === 5)).toBe(true);
    const all = pages.flatMap((p) => p.rows.map((r) => r.id));
    expect(new Set(all).size).toBe(12);
    expect(pages[0].rows.map((r) => r.id)).toEqual([ids['p2-c'], ids['p3-d'], ids['p3-c'], ids['p3-b'], ids['p3-a']]);
    const times = pages.flatMap((p) => p.rows.map((r) => new Date(r.createdAt).getTime()));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("lists a road segment's appeals and one appeal with every field", async () => {
    expect(await total({ kind: 'segment', id: segmentId })).toBe(4);
    expect(await total({ kind: 'segment', id: segmentId }, f({ municipality: 'M4' }))).toBe(2);
    expect(await total({ kind: 'segment', id: segmentId + 999 })).toBe(0);
    const one = await drillAppeals(db, f(), { kind: 'appeal', id: ids['p1-b'] }, 1, 20, true);
    expect(one.total).toBe(1);
    expect(one.rows[0]).toEqual({
      id: ids['p1-b'],
      createdAt: new Date('2025-03-02T10:00:00Z'),
      channel: 'social',
      status: 'new',
      topic: 'roads',
      isGratitude: false,
      text: 'Текст p1-b',
      address: 'ул. Тестовая, p1-b',
      municipality: 'Город А',
      problemId,
      // No confidence stored: the machine's topic of unknown certainty, so in doubt (tests/integration/topic-corrections).
      topicManual: false,
      topicConfidence: null,
      doubt: true,
      top: expect.any(Array),
    });
  });
});

describe('drillRequest validates the target', () => {
  it('accepts exactly one target and normalises the cell', () => {
    expect(q({ h3: cellToParent(c1, 6).toUpperCase(), page: '2', page_size: '10', topic: 'roads' })).toEqual({
      filter: { topic: ['roads'], gratitude: 'include' },
      target: { kind: 'cell', h3: cellToParent(c1, 6) },
      page: 2,
      pageSize: 10,
    });
    expect(q({ segment: '7' }).target).toEqual({ kind: 'segment', id: 7 });
    expect(q({ appeal: '12' })).toMatchObject({ target: { kind: 'appeal', id: 12 }, page: 1, pageSize: 20 });
  });

  it.each([
    [{}, 'give exactly one of h3, segment, appeal'],
    [{ segment: '1', appeal: '2' }, 'give exactly one of h3, segment, appeal'],
    [{ h3: 'zzz' }, 'h3: "zzz" is not a valid H3 cell'],
    [{ h3: cellToParent(c1, 3) }, 'h3: resolution 3 is outside 4..9'],
    [{ h3: cellToChildren(c1, 10)[0] }, 'h3: resolution 10 is outside 4..9'],
  ])('%j → %s', (params, message) => {
    expect(() => q(params as Record<string, string>)).toThrow(message);
  });

  it('rejects bad paging and unknown parameters through the schema', () => {
    expect(drillQuerySchema.safeParse({ appeal: '1', page_size: '500' }).success).toBe(false);
    expect(drillQuerySchema.safeParse({ appeal: 'x' }).success).toBe(false);
    expect(drillQuerySchema.safeParse({ appeal: '1', cell: 'x' }).success).toBe(false);
  });
});
