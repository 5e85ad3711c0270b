import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db';
import { publicStatsBody } from '../../lib/serve/publicStats';
import { freshPostgres } from '../helpers/db';

vi.mock('server-only', () => ({}));

let db: Database;
const SECRET = 'Иванов Пётр, тел. +79991234567';

// [external_id, created_at, topic, status, closed_at, is_gratitude]
const ROWS: [string, string, string, string, string | null, boolean][] = [
  ['A1', '2026-10-02T10:00:00Z', 'roads', 'answered', '2026-10-05T10:00:00Z', false],
  ['A2', '2026-10-10T10:00:00Z', 'roads', 'closed', '2026-10-12T10:00:00Z', false],
  ['A3', '2026-10-20T10:00:00Z', 'roads', 'new', null, false],
  ['A4', '2026-10-03T10:00:00Z', 'housing', 'new', null, false],
  ['A5', '2026-10-31T22:00:00Z', 'housing', 'in_progress', null, false],
  // Thanks are not counted.
  ['A6', '2026-10-04T10:00:00Z', 'roads', 'answered', '2026-10-05T10:00:00Z', true],
  ['A7', '2026-09-30T23:00:00Z', 'waste', 'answered', '2026-10-01T10:00:00Z', false],
  // Older than the two months shown.
  ['A8', '2026-08-31T10:00:00Z', 'waste', 'new', null, false],
];

beforeAll(async () => {
  ({ db } = await freshPostgres('public_stats'));
  await db.query(`INSERT INTO sources (code, name, kind) VALUES ('t_app', 'app', 'appeals')`);
  for (const [ext, at, topic, status, closed, thanks] of ROWS) {
    await db.query(
      `INSERT INTO appeals (source_id, external_id, channel, created_at, status, closed_at, topic, is_gratitude, raw, content_hash, text, author_pseudonym)
       SELECT id, $1, 'portal', $2, $3, $4, $5, $6, '{"Телефон": "+79991234567"}', $1, $7, 'pseudo-' || $1 FROM sources WHERE code = 't_app'`,
      [ext, at, status, closed, topic, thanks, SECRET],
    );
  }
});
afterAll(async () => {
  await db?.close();
});

describe("the front page's public figures", () => {
  it('the newest month with appeals and the one before, problems only, by topic, with the share answered', async () => {
    const s = await publicStatsBody(db, new Date('2026-12-07T12:00:00Z'));
    expect(s.dataUntil).toBe('2026-10-31');
    expect(s.months.map((m) => m.period)).toEqual(['2026-10', '2026-09']);
    const [oct, sep] = s.months;
    expect(oct).toMatchObject({ from: '2026-10-01', to: '2026-10-31', total: 5, answered: 2 });
    expect(oct!.answeredShare).toBeCloseTo(0.4);
    expect(oct!.byTopic).toEqual([
      { topic: 'roads', count: 3 },
      { topic: 'housing', count: 2 },
    ]);
    expect(sep).toMatchObject({ total: 1, answered: 1, answeredShare: 1, byTopic: [{ topic: 'waste', count: 1 }] });
    expect(s.points).toEqual({ total: 0, openNow: 0 });
  });

  it('carries counts only: no text, contact, author or place', async () => {
    const json = JSON.stringify(await publicStatsBody(db));
    expect(json).not.toContain('Иванов');
    expect(json).not.toContain('79991234567');
    expect(json).not.toContain('pseudo-');
    expect(json).not.toMatch(/"(text|author|author_pseudonym|h3|lat|lon|geom|municipality|topMunicipalities|trend)"/);
  });

  it('no appeals: no months, and says so', async () => {
    await db.query(`DELETE FROM appeals`);
    // The aggregate cache reads the data version at most once a second (lib/aggregate/cache.ts).
    await new Promise((r) => setTimeout(r, 1100));
    const s = await publicStatsBody(db);
    expect(s).toMatchObject({ dataUntil: null, months: [] });
  });
});
