import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { summary } from '../../lib/aggregate/summary';
import { appealFilterSchema } from '../../lib/domain/filters';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { recomputeDueTimes } from '../../lib/ingest/deadlineRules';
import { appealMappingSchema, parseMapping } from '../../lib/ingest/mapping';
import { pmap, ROOT } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

// Issue 22, part 4: deadline rules → appeals.due_at at import, read by the side panel and `pmap report response`.
// Times are Moscow local (UTC+3); every due time below is worked out by hand.
const NOW = new Date('2025-12-01T00:00:00Z');
const RULES = `topic,subcategory,channel,unit,amount,moderation_hours,season_from,season_to,note
housing,,,working_days,9,0,,,ЖКХ
energy,,,hours,24,2,,,авария: 2 ч модерации + 24 ч
improvement,,,working_days,19,0,,,благоустройство
improvement,,,working_days,5,0,12-01,02-28,зима
roads,,pos,working_days,9,0,,,дороги из ПОС
`;
const CSV = `id;created;answered;topic;status;ch;Срок ответа
A;27.12.2024 10:00;22.01.2025 10:00;housing;closed;portal;
B;10.03.2025 10:00;11.03.2025 11:00;energy;closed;portal;
C;15.01.2025 10:00;23.01.2025 10:00;improvement;closed;portal;
D;01.10.2025 10:00;;improvement;in_progress;portal;
E;01.10.2025 10:00;06.10.2025 10:00;roads;closed;pos;03.10.2025
F;05.05.2025 10:00;30.05.2025 10:00;transport;closed;portal;
H;10.11.2025 10:00;;housing;new;portal;
`;
// A: Fri 27.12.2024 + 9 working days: Sat 28.12 (a working Saturday) 1; 30.12, 31.12 and 1–8.01 off; 9, 10, 13, 14,
//    15, 16, 17 → 2–8; Mon 20.01 → 9: due 20.01.2025 23:59:59.999 MSK. Answered 22.01: late (30 days: on time).
// B: 2 h moderation + 24 h: due 11.03 12:00 MSK (09:00Z); answered 11:00: on time.
// C: 15.01 is in the winter window (12-01..02-28): 5 working days 16, 17, 20, 21, 22 → due 22.01 end; answered 23.01: late.
// D: out of season, 19 working days from Wed 01.10.2025: 2, 3, 6–10, 13–17, 20–24, 27, 28 → due 28.10 end; open at
//    NOW: overdue.
// E: pos with its own «Срок ответа» 03.10.2025 (due 04.10 00:00 UTC): answered 06.10, late — though the stored rule
//    time (9 working days: 14.10 end) would be on time: the source's deadline wins.
// F: no rule for transport: due_at null, 30 calendar days (04.06 10:00 MSK); answered 30.05: on time.
// H: Mon 10.11.2025 + 9 working days: 11–14, 17–21 → due 21.11 end; open at NOW: overdue (30 days: not yet).
const MAPPING = {
  source: 'deadline_test',
  fields: { external_id: 'id', created_at: 'created', answered_at: 'answered', topic: 'topic', status: 'status' },
  channel: { column: 'ch', values: { portal: 'portal', pos: 'pos' } },
  date_format: 'dd.MM.yyyy HH:mm',
  timezone: 'Europe/Moscow',
};

let db: Database;
let url: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-deadline-rules-'));
const mapping = parseMapping(appealMappingSchema, MAPPING, 'test');
const f = () => appealFilterSchema.parse({ gratitude: 'include' });
const stored = async () =>
  (
    await db.query<{ external_id: string; due_at: Date | null }>(
      `SELECT external_id, due_at FROM appeals ORDER BY external_id`,
    )
  ).map((r) => [r.external_id, r.due_at?.toISOString() ?? null]);

const EXPECTED_DUE = [
  ['A', '2025-01-20T20:59:59.999Z'],
  ['B', '2025-03-11T09:00:00.000Z'],
  ['C', '2025-01-22T20:59:59.999Z'],
  ['D', '2025-10-28T20:59:59.999Z'],
  ['E', '2025-10-14T20:59:59.999Z'],
  ['F', null],
  ['H', '2025-11-21T20:59:59.999Z'],
];

beforeAll(async () => {
  ({ db, url } = await freshPostgres('deadline_rules'));
}, 120_000);
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('pmap deadlines import', () => {
  it('loads the rules; a bad row is refused with a Russian reason and nothing is loaded', async () => {
    const good = path.join(tmp, 'rules.csv');
    fs.writeFileSync(good, RULES);
    const r = pmap(['deadlines', 'import', good, '--json'], { DATABASE_URL: url });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toEqual({ rules: 5 });
    const bad = path.join(tmp, 'bad.csv');
    fs.writeFileSync(bad, RULES.replace('energy,,,hours,24', 'energy,,,days,24').replace('12-01,02-28', '13-01,02-28'));
    const b = pmap(['deadlines', 'import', bad], { DATABASE_URL: url });
    expect(b.code).not.toBe(0);
    expect(b.stderr).toContain('строка 3: единица срока должна быть working_days или hours, а не «days»');
    expect(b.stderr).toContain('сезон — две даты в виде ММ-ДД');
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deadline_rules`);
    expect(n).toBe(5);
  }, 120_000);

  it('the sample file examples/deadline-rules-spb.csv loads', async () => {
    const other = await freshPostgres('deadline_rules_sample');
    try {
      const r = pmap(['deadlines', 'import', path.join(ROOT, 'examples/deadline-rules-spb.csv'), '--json'], {
        DATABASE_URL: other.url,
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.json).toEqual({ rules: 8 });
    } finally {
      await other.db.close();
    }
  }, 120_000);
});

describe('an import stores each appeal’s due time', () => {
  it('working days across the New Year holidays, hours after moderation, a season, no rule: null', async () => {
    const file = path.join(tmp, 'appeals.csv');
    fs.writeFileSync(file, CSV);
    const r = await importAppeals(db, file, { mapping, rejectsPath: path.join(tmp, 'rej.csv') });
    expect(r).toMatchObject({ read: 7, inserted: 7, rejected: 0 });
    expect(await stored()).toEqual(EXPECTED_DUE);
  }, 120_000);

  it('the side panel judges by them (the pos deadline first, then due_at, then 30 days)', async () => {
    // on time: B, F; late: A, C, E + open overdue D, H. Hours: B 25, E 120, C 192, F 600, A 624.
    expect((await summary(db, f(), { now: NOW })).response).toEqual({
      answered: 5,
      medianHours: 192,
      onTime: 2,
      late: 5,
      openOverdue: 2,
      onTimeShare: 2 / 7,
      deadlineDays: 30,
    });
  });

  it('pmap report response --by topic: on-time shares by the rules', async () => {
    const out = path.join(tmp, 'by-topic.csv');
    const r = pmap(['report', 'response', '--by', 'topic', '--out', out, '--gratitude', 'include', '--json'], {
      DATABASE_URL: url,
    });
    expect(r.code, r.stderr).toBe(0);
    const rows = parse(fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<
      string,
      string
    >[];
    const share = Object.fromEntries(rows.map((x) => [x.topic, [x.on_time, x.late, x.on_time_share]]));
    expect(share).toMatchObject({
      energy: ['1', '0', '1'],
      housing: ['0', '2', '0'],
      improvement: ['0', '2', '0'],
      roads: ['0', '1', '0'],
      transport: ['1', '0', '1'],
    });
  }, 120_000);

  it('pmap deadlines recompute: rules changed, due times follow; the same rules change nothing', async () => {
    expect(await recomputeDueTimes(db, { timeZone: 'Europe/Moscow' })).toEqual({ appeals: 7, changed: 0 });
    await db.query(`UPDATE deadline_rules SET amount = 48, moderation_hours = 0 WHERE topic = 'energy'`);
    expect(await recomputeDueTimes(db, { timeZone: 'Europe/Moscow' })).toEqual({ appeals: 7, changed: 1 });
    const now = Object.fromEntries(await stored());
    expect(now.B).toBe('2025-03-12T07:00:00.000Z');
  });
});
