import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { appealFilterSchema } from '../../lib/domain/filters';
import { listAppeals, municipalityOptions } from '../../lib/store/appealList';
import { freshPostgres } from '../helpers/db';

let db: Database;
// [external id, day, topic, status, channel]
const ROWS: [string, string, string, string, string][] = [
  ['a', '2025-03-01', 'roads', 'closed', 'pos'],
  ['b', '2025-01-15', 'housing', 'new', 'social'],
  ['c', '2025-02-10', 'roads', 'in_progress', 'pos'],
  ['d', '2025-04-20', 'waste', 'answered', 'portal'],
  ['e', '2025-02-28', 'housing', 'rejected', 'pos'],
];

beforeAll(async () => {
  ({ db } = await freshPostgres('appeal_list_sort'));
  await db.query(`INSERT INTO boundaries (level, code, name, geom) VALUES
    ('municipality', 'B', 'Бузулук', ST_Multi(ST_MakeEnvelope(52, 52, 53, 53, 4326))),
    ('municipality', 'A', 'Абдулино', ST_Multi(ST_MakeEnvelope(53, 53, 54, 54, 4326)))`);
  const [{ id: src }] = await db.query<{ id: number }>(
    `INSERT INTO sources (code, name) VALUES ('t', 'test') RETURNING id`,
  );
  for (const [ext, day, topic, status, channel] of ROWS) {
    await db.query(
      `INSERT INTO appeals (source_id, external_id, channel, created_at, status, topic, is_gratitude, text, raw, content_hash)
       VALUES ($1, $2, $3, $4::date + time '10:00', $5, $6, false, 'текст', '{}', $2)`,
      [src, ext, channel, day, status, topic],
    );
  }
}, 120_000);
afterAll(async () => {
  await db?.close();
});

const ids = async (sort: 'new' | 'old' | 'topic' | 'status', f = {}, page = 1, size = 50) => {
  const r = await listAppeals(db, appealFilterSchema.parse({ gratitude: 'include', ...f }), page, size, false, {
    sort,
  });
  const ext = await db.query<{ id: number; external_id: string }>('SELECT id, external_id FROM appeals');
  const name = new Map(ext.map((x) => [Number(x.id), x.external_id]));
  return { ids: r.items.map((x) => name.get(Number(x.id))), total: r.total };
};

describe('the staff appeals list: sorting, filters, paging', () => {
  it('sorts by date both ways, by topic name (Russian) and by status along its life cycle', async () => {
    expect((await ids('new')).ids).toEqual(['d', 'a', 'e', 'c', 'b']);
    expect((await ids('old')).ids).toEqual(['b', 'c', 'e', 'a', 'd']);
    // By the topics' Russian names (the topics table), within a topic newest first.
    const topics = await db.query<{ code: string; name_ru: string }>(
      `SELECT code, name_ru FROM topics WHERE code IN ('roads', 'housing', 'waste')`,
    );
    const order = topics.sort((x, y) => x.name_ru.localeCompare(y.name_ru, 'ru')).map((x) => x.code);
    const byTopic = { roads: ['a', 'c'], housing: ['e', 'b'], waste: ['d'] } as Record<string, string[]>;
    expect((await ids('topic')).ids).toEqual(order.flatMap((c) => byTopic[c]));
    expect((await ids('status')).ids).toEqual(['b', 'c', 'd', 'a', 'e']);
  });

  it('applies the map filters and pages with a total', async () => {
    expect(await ids('old', { channel: ['pos'], from: '2025-02-01' })).toEqual({ ids: ['c', 'e', 'a'], total: 3 });
    expect(await ids('old', {}, 2, 2)).toEqual({ ids: ['e', 'a'], total: 5 });
    expect(await municipalityOptions(db)).toEqual([
      { code: 'A', name: 'Абдулино' },
      { code: 'B', name: 'Бузулук' },
    ]);
  });
});
