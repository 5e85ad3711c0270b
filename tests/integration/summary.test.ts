import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../db';
import { overdueCondition } from '../../db/sql/deadline';
import { runSql } from '../../db/sql/builder';
import { responseStats, type AppealTiming } from '../../lib/aggregate/responseTime';
import { summary } from '../../lib/aggregate/summary';
import { appealFilterSchema } from '../../lib/domain/filters';
import { freshPostgres } from '../helpers/db';

let db: Database;
const NOW = new Date('2025-06-01T00:00:00Z');

// id, topic, municipality, author, created, closed, updated, status, gratitude, raw
type Row = [
  number,
  string,
  string | null,
  string | null,
  string,
  string | null,
  string | null,
  string,
  boolean,
  Record<string, string>,
];
const ROWS: Row[] = [
  [1, 'roads', 'M1', 'A', '2025-03-03T10:00Z', '2025-03-03T12:00Z', null, 'closed', false, {}], // 2 h
  [2, 'roads', 'M1', 'A', '2025-03-04T04:00Z', '2025-03-04T10:00Z', null, 'closed', false, {}], // 6 h
  [3, 'roads', 'M2', 'B', '2025-03-11T00:00Z', null, '2025-03-13T00:00Z', 'answered', false, {}], // 48 h via updated_at
  [4, 'housing', 'M1', 'C', '2025-03-12T00:00Z', '2025-04-12T00:00Z', null, 'closed', false, {}], // 744 h: late
  [5, 'housing', 'M2', 'D', '2025-03-12T00:00Z', null, '2025-03-20T00:00Z', 'in_progress', false, {}], // open, overdue
  [6, 'housing', null, 'D', '2025-05-25T00:00Z', null, null, 'new', false, {}], // open, not yet due
  [7, 'improvement', 'M1', 'E', '2025-03-05T08:00Z', '2025-03-05T09:00Z', null, 'closed', true, {}], // thanks, 1 h
  // ПОС: its own deadline, the end of 15.03 → answered on the 17th (168 h) is late
  [
    8,
    'roads',
    null,
    'F',
    '2025-03-10T00:00Z',
    '2025-03-17T00:00Z',
    null,
    'closed',
    false,
    { 'Срок ответа': '15.03.2025' },
  ],
  // an impossible deadline falls back to 30 days: 48 h is on time
  [
    9,
    'roads',
    null,
    'F',
    '2025-03-10T00:00Z',
    '2025-03-12T00:00Z',
    null,
    'answered',
    false,
    { 'Срок ответа': '31.02.2025' },
  ],
  [10, 'other', 'M2', null, '2025-04-01T00:00Z', null, null, 'rejected', false, {}], // no date: in no timing figure
];

beforeAll(async () => {
  ({ db } = await freshPostgres('summary'));
  await db.query(`INSERT INTO sources (code, name) VALUES ('t', 'test')`);
  await db.query(`INSERT INTO boundaries (level, code, name, geom) VALUES
    ('municipality', 'M1', 'Альфа', ST_Multi(ST_MakeEnvelope(55, 51, 56, 52, 4326))),
    ('municipality', 'M2', 'Бета', ST_Multi(ST_MakeEnvelope(56, 51, 57, 52, 4326)))`);
  for (const [id, topic, m, author, created, closed, updated, status, thanks, raw] of ROWS) {
    await db.query(
      `INSERT INTO appeals (source_id, external_id, channel, created_at, closed_at, updated_at, status, topic, is_gratitude,
         author_pseudonym, municipality_id, raw, content_hash)
       VALUES ((SELECT id FROM sources), $1, 'pos', $2, $3, $4, $5, $6, $7, $8,
               (SELECT id FROM boundaries WHERE code = $9), $10, 'h')`,
      [String(id), created, closed, updated, status, topic, thanks, author, m, JSON.stringify(raw)],
    );
  }
});
afterAll(async () => {
  await db?.close();
});

// These cases count thanks too; the default (GRATITUDE_DEFAULT) leaves them out.
const f = (q: Record<string, string> = {}) => appealFilterSchema.parse({ gratitude: 'include', ...q });

describe('summary', () => {
  it('totals, topics, weekly trend, municipalities and response time for all appeals', async () => {
    expect(await summary(db, f(), { now: NOW })).toEqual({
      total: 10,
      withoutLocation: 10, // none of these rows has a location
      coarseLocation: 0,
      citizens: 6,
      gratitude: 1,
      byTopic: [
        { topic: 'roads', count: 5 },
        { topic: 'housing', count: 3 },
        { topic: 'improvement', count: 1 },
        { topic: 'other', count: 1 },
      ],
      trend: [
        { week: '2025-03-03', topic: 'improvement', count: 1 },
        { week: '2025-03-03', topic: 'roads', count: 2 },
        { week: '2025-03-10', topic: 'housing', count: 2 },
        { week: '2025-03-10', topic: 'roads', count: 3 },
        { week: '2025-03-31', topic: 'other', count: 1 },
        { week: '2025-05-19', topic: 'housing', count: 1 },
      ],
      topMunicipalities: [
        { code: 'M1', name: 'Альфа', count: 4 },
        { code: 'M2', name: 'Бета', count: 3 },
      ],
      // answered hours 1, 2, 6, 48, 48, 168, 744 → median 48; late: 744 h, the ПОС one, and one open overdue
      response: {
        answered: 7,
        medianHours: 48,
        onTime: 5,
        late: 3,
        openOverdue: 1,
        onTimeShare: 0.625,
        deadlineDays: 30,
      },
      awaitingGrouping: 0, // without a location nothing awaits problem grouping
    });
  });

  it('follows the filters', async () => {
    const roads = await summary(db, f({ topic: 'roads' }), { now: NOW });
    expect(roads.total).toBe(5);
    expect(roads.response).toEqual({
      answered: 5,
      medianHours: 48,
      onTime: 4,
      late: 1,
      openOverdue: 0,
      onTimeShare: 0.8,
      deadlineDays: 30,
    });
    const m1 = await summary(db, f({ municipality: 'M1' }), { now: NOW });
    expect([m1.total, m1.citizens, m1.gratitude]).toEqual([4, 3, 1]);
    expect(m1.topMunicipalities).toEqual([{ code: 'M1', name: 'Альфа', count: 4 }]);
    const noThanks = await summary(db, f({ gratitude: 'exclude' }), { now: NOW });
    expect([noThanks.total, noThanks.gratitude, noThanks.response.medianHours]).toEqual([9, 0, 48]);
    const none = await summary(db, f({ from: '2030-01-01' }), { now: NOW });
    expect(none).toMatchObject({
      total: 0,
      byTopic: [],
      trend: [],
      topMunicipalities: [],
      response: { answered: 0, medianHours: null, onTimeShare: null },
    });
  });

  it('a 10-day statutory deadline: the SQL agrees with responseStats() on the same rows', async () => {
    const sql = (await summary(db, f(), { now: NOW, deadlineDays: 10 })).response;
    // 10 days: the 744 h answer and the ПОС one late; both open appeals overdue? the May one is 7 days old: no
    expect(sql).toEqual({
      answered: 7,
      medianHours: 48,
      onTime: 5,
      late: 3,
      openOverdue: 1,
      onTimeShare: 0.625,
      deadlineDays: 10,
    });
    const rows: AppealTiming[] = ROWS.map(([, , , , created, closed, updated, status, , raw]) => ({
      createdAt: new Date(created),
      closedAt: closed ? new Date(closed) : null,
      updatedAt: updated ? new Date(updated) : null,
      status,
      deadlineAt: raw['Срок ответа'] === '15.03.2025' ? new Date('2025-03-16T00:00Z') : null,
    }));
    for (const days of [1, 3, 10, 30]) {
      expect((await summary(db, f(), { now: NOW, deadlineDays: days })).response).toEqual(
        responseStats(rows, { now: NOW, deadlineDays: days }),
      );
    }
  });

  it('overdueCondition lists exactly the open overdue appeals', async () => {
    const ids = async (days: number) =>
      (
        await runSql<{ external_id: string }>(
          db,
          sql`SELECT a.external_id FROM appeals a WHERE ${overdueCondition(days, NOW)} ORDER BY 1`,
        )
      ).map((r) => r.external_id);
    expect(await ids(30)).toEqual(['5']);
    expect(await ids(3)).toEqual(['5', '6']);
  });
});
