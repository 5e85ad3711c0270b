import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { responseReport, type ResponseReportBy } from '../../lib/aggregate/responseReport';
import { summary } from '../../lib/aggregate/summary';
import { appealFilterSchema } from '../../lib/domain/filters';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { appealMappingSchema, parseMapping } from '../../lib/ingest/mapping';
import { pmap } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

// `pmap report response` (issue 22) on a hand-made file whose figures are worked out by hand below. Dates are
// Moscow local (UTC+3); NOW is the clock the open appeals are judged by; the deadline is 30 days.
const NOW = new Date('2025-06-01T00:00:00Z');
const CSV = `id;created;answered;answer;org;topic;status;lat;lon
1;01.03.2025 10:00;01.03.2025 12:00;Отремонтировано;ЖКС-1;roads;closed;51.5;55.5
2;02.03.2025 10:00;03.03.2025 10:00;Сделано;ЖКС-1;roads;closed;51.5;55.6
3;03.03.2025 10:00;13.04.2025 10:00;Поздно;ЖКС-1;housing;closed;51.5;56.5
4;04.03.2025 10:00;;;ЖКС-2;housing;in_progress;51.5;56.6
5;05.03.2025 10:00;05.03.2025 16:00;Ответ;ЖКС-2;roads;answered;51.6;56.5
6;28.05.2025 10:00;;;;roads;new;;
7;06.03.2025 10:00;01.03.2025 10:00;Ошибка даты;ЖКС-2;housing;closed;51.6;55.5
`;
// hours: #1 2, #2 24, #3 984 (41 days: late), #5 6; #4 open and overdue; #6 open, not yet due, no agency, no place;
// #7's answer is dated before the appeal: no answer time (and closed: in no on-time figure).
const MAPPING = {
  source: 'resp_test',
  fields: {
    external_id: 'id',
    created_at: 'created',
    answered_at: 'answered',
    answer_text: 'answer',
    agency: 'org',
    topic: 'topic',
    status: 'status',
    lat: 'lat',
    lon: 'lon',
  },
  channel: 'portal',
  date_format: 'dd.MM.yyyy HH:mm',
  timezone: 'Europe/Moscow',
};

let db: Database;
let url: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-report-response-'));
const file = path.join(tmp, 'appeals.csv');
const mapping = parseMapping(appealMappingSchema, MAPPING, 'test');
const f = (q: Record<string, string> = {}) => appealFilterSchema.parse({ gratitude: 'include', ...q });
const report = async (by: ResponseReportBy, q: Record<string, string> = {}) =>
  responseReport(db, f(q), by, { deadlineDays: 30, now: NOW });

beforeAll(async () => {
  ({ db, url } = await freshPostgres('report_response'));
  await db.query(`INSERT INTO boundaries (level, code, name, geom) VALUES
    ('municipality', 'M1', 'Альфа', ST_Multi(ST_MakeEnvelope(55, 51, 56, 52, 4326))),
    ('municipality', 'M2', 'Бета', ST_Multi(ST_MakeEnvelope(56, 51, 57, 52, 4326)))`);
  fs.writeFileSync(file, CSV);
  const r = await importAppeals(db, file, { mapping, rejectsPath: path.join(tmp, 'rej1.csv') });
  expect(r).toMatchObject({ read: 7, inserted: 7, rejected: 0 });
}, 120_000);
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('answered_at and answer_text from a mapping', () => {
  it('are stored, parsed with the date_format and time zone', async () => {
    const rows = await db.query<{ external_id: string; answered_at: Date | null; answer_text: string | null }>(
      `SELECT external_id, answered_at, answer_text FROM appeals ORDER BY external_id`,
    );
    expect(rows.map((r) => [r.external_id, r.answered_at?.toISOString() ?? null, r.answer_text])).toEqual([
      ['1', '2025-03-01T09:00:00.000Z', 'Отремонтировано'],
      ['2', '2025-03-03T07:00:00.000Z', 'Сделано'],
      ['3', '2025-04-13T07:00:00.000Z', 'Поздно'],
      ['4', null, null],
      ['5', '2025-03-05T13:00:00.000Z', 'Ответ'],
      ['6', null, null],
      ['7', '2025-03-01T07:00:00.000Z', 'Ошибка даты'],
    ]);
  });

  it('a re-import is unchanged; a changed answer is an update', async () => {
    const again = await importAppeals(db, file, { mapping, rejectsPath: path.join(tmp, 'rej2.csv') });
    expect(again).toMatchObject({ read: 7, inserted: 0, updated: 0, unchanged: 7, rejected: 0 });
    const edited = path.join(tmp, 'edited.csv');
    fs.writeFileSync(edited, CSV.replace('05.03.2025 16:00;Ответ', '05.03.2025 16:00;Ответ уточнён'));
    const r = await importAppeals(db, edited, { mapping, rejectsPath: path.join(tmp, 'rej3.csv') });
    expect(r).toMatchObject({ read: 7, inserted: 0, updated: 1, unchanged: 6 });
    const [a] = await db.query<{ answer_text: string }>(`SELECT answer_text FROM appeals WHERE external_id = '5'`);
    expect(a.answer_text).toBe('Ответ уточнён');
  }, 120_000);
});

describe('the side panel counts the source answer time too', () => {
  it('summary(): hours 2, 6, 24, 984; #4 open overdue; #7 (answer before the appeal) in no figure', async () => {
    expect((await summary(db, f(), { now: NOW })).response).toEqual({
      answered: 4,
      medianHours: 15,
      onTime: 3,
      late: 2,
      openOverdue: 1,
      onTimeShare: 0.6,
      deadlineDays: 30,
    });
  });
});

describe('responseReport', () => {
  it('by agency: appeals, answered, median and p90 hours (linear interpolation), on-time share', async () => {
    expect(await report('agency')).toEqual([
      // 2, 24, 984 h: p90 = 24 + 0.8 × 960; on time 2 of 3
      {
        key: 'ЖКС-1',
        code: null,
        appeals: 3,
        answered: 3,
        median_hours: 24,
        p90_hours: 792,
        on_time: 2,
        late: 1,
        on_time_share: 0.6667,
      },
      // #5 6 h on time, #4 open overdue, #7 neither
      {
        key: 'ЖКС-2',
        code: null,
        appeals: 3,
        answered: 1,
        median_hours: 6,
        p90_hours: 6,
        on_time: 1,
        late: 1,
        on_time_share: 0.5,
      },
      {
        key: '(не указан)',
        code: null,
        appeals: 1,
        answered: 0,
        median_hours: null,
        p90_hours: null,
        on_time: 0,
        late: 0,
        on_time_share: null,
      },
    ]);
  });

  it('by municipality (name and code) and by topic', async () => {
    const m = await report('municipality');
    expect(m.map((r) => [r.key, r.code, r.appeals, r.answered, r.median_hours, r.p90_hours, r.on_time_share])).toEqual([
      ['Альфа', 'M1', 3, 2, 13, 21.8, 1],
      ['Бета', 'M2', 3, 2, 495, 886.2, 0.3333],
      ['(не указан)', null, 1, 0, null, null, null],
    ]);
    const t = await report('topic');
    expect(t.map((r) => [r.key, r.appeals, r.answered, r.median_hours, r.p90_hours, r.on_time_share])).toEqual([
      ['roads', 4, 3, 6, 20.4, 1],
      ['housing', 3, 1, 984, 984, 0],
    ]);
  });

  it('follows the map filters', async () => {
    const keys = (rows: { key: string; appeals: number }[]) => rows.map((r) => [r.key, r.appeals]);
    expect(keys(await report('agency', { topic: 'roads' }))).toEqual([
      ['ЖКС-1', 2],
      ['ЖКС-2', 1],
      ['(не указан)', 1],
    ]);
    expect(keys(await report('agency', { municipality: 'M2' }))).toEqual([
      ['ЖКС-2', 2],
      ['ЖКС-1', 1],
    ]);
    expect(keys(await report('agency', { municipality: 'Бета', status: 'closed' }))).toEqual([['ЖКС-1', 1]]);
    expect(keys(await report('topic', { from: '2025-03-03', to: '2025-03-05' }))).toEqual([
      ['housing', 2],
      ['roads', 1],
    ]);
    expect(await report('agency', { channel: 'hotline' })).toEqual([]);
  });

  it('pmap report response writes the CSV and prints rows', () => {
    const out = path.join(tmp, 'by-municipality.csv');
    const r = pmap(['report', 'response', '--by', 'municipality', '--out', out, '--gratitude', 'include', '--json'], {
      DATABASE_URL: url,
      PMAP_RESPONSE_DEADLINE_DAYS: '30',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ rows: 3, out, by: 'municipality' });
    const rows = parse(fs.readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'municipality',
      'municipality_code',
      'appeals',
      'answered',
      'median_hours',
      'p90_hours',
      'on_time',
      'late',
      'on_time_share',
    ]);
    expect(rows.map((x) => [x.municipality, x.municipality_code, x.appeals, x.answered, x.median_hours])).toEqual([
      ['Альфа', 'M1', '3', '2', '13'],
      ['Бета', 'M2', '3', '2', '495'],
      ['(не указан)', '', '1', '0', ''],
    ]);
    const bad = pmap(['report', 'response', '--by', 'street', '--out', out], { DATABASE_URL: url });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--by must be agency, municipality or topic');
  }, 120_000);
});
