import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { NO_KEY, writeResponseReport, type ResponseReportRow } from '../../lib/aggregate/responseReport';
import { appealFilterSchema } from '../../lib/domain/filters';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { appealMappingSchema, readMappingFile } from '../../lib/ingest/mapping';
import { ROOT } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';
import { noRealFile, realFile } from '../helpers/realdata';

/*
 * `pmap report response --by agency` on the real St Petersburg appeals (../shared/data, read in place), checked
 * against figures computed here from the raw CSV by a route of their own: csv-parse, group by answer_org, hours =
 * first_answer_dt − created_dt (both Moscow local time, UTC+3 all year since 2014), median by linear interpolation.
 * An answer dated before the appeal counts as no answer (the product's rule, lib/aggregate/responseTime.ts).
 */
const FILE = 'spb_appeals/spb_appeals_2020_2021.csv';
const NOW = new Date('2022-01-01T00:00:00Z');

let db: Database;
let rows: ResponseReportRow[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-report-response-real-'));

/** "2020-10-18T15:40:55.234188", Moscow local → ms since the epoch (fractional: microseconds kept). */
function moscow(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/.exec(s.trim());
  if (!m) throw new Error(`unexpected date "${s}"`);
  const [, y, mo, d, h, mi, se, frac] = m;
  return Date.UTC(+y!, +mo! - 1, +d!, +h! - 3, +mi!, +se!) + (frac ? Number(frac) * 1000 : 0);
}

/** The median by linear interpolation between the two middle values (percentile_cont(0.5)). */
function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) / 2;
  const lo = Math.floor(pos);
  return s[lo]! + (s[Math.ceil(pos)]! - s[lo]!) * (pos - lo);
}

interface Expected {
  appeals: number;
  answered: number;
  median_hours: number | null;
}

function expectedFromRaw(): Map<string, Expected> {
  const raw = parse(fs.readFileSync(realFile(FILE)), { columns: true, bom: true }) as Record<string, string>[];
  const groups = new Map<string, { appeals: number; hours: number[] }>();
  for (const r of raw) {
    const key = r.answer_org?.trim() ? r.answer_org.trim() : NO_KEY;
    const g = groups.get(key) ?? { appeals: 0, hours: [] };
    g.appeals++;
    if (r.first_answer_dt?.trim()) {
      const h = (moscow(r.first_answer_dt) - moscow(r.created_dt!)) / 3_600_000;
      if (h >= 0) g.hours.push(h);
    }
    groups.set(key, g);
  }
  return new Map(
    [...groups].map(([k, g]) => [k, { appeals: g.appeals, answered: g.hours.length, median_hours: median(g.hours) }]),
  );
}

describe.skipIf(noRealFile(FILE))('pmap report response on the real spb_appeals file', () => {
  beforeAll(async () => {
    ({ db } = await freshPostgres('report_response_real'));
    const mapping = readMappingFile(appealMappingSchema, path.join(ROOT, 'realdata/mappings/spb_appeals.json'));
    const r = await importAppeals(db, realFile(FILE), { mapping, rejectsPath: path.join(tmp, 'rejects.csv') });
    // Every row is accepted (tests/integration/realdata-appeals.test.ts): the raw file is compared whole.
    expect(r).toMatchObject({ read: 10702, inserted: 10702, rejected: 0 });
    rows = await writeResponseReport(
      db,
      appealFilterSchema.parse({ gratitude: 'include' }),
      'agency',
      path.join(tmp, 'by-agency.csv'),
      { deadlineDays: 30, now: NOW },
    );
  }, 600_000);
  afterAll(async () => {
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('per agency: appeals, answered and median hours agree with the raw CSV', () => {
    const expected = expectedFromRaw();
    console.log(
      'top 10 executors (spb_appeals 2020–2021, deadline 30 calendar days):\n' +
        rows
          .slice(0, 10)
          .map(
            (r) =>
              `${r.key.slice(0, 60).padEnd(60)} ${String(r.appeals).padStart(6)} ${String(r.answered).padStart(6)} ` +
              `${String(r.median_hours ?? '').padStart(9)} ${String(r.on_time_share ?? '').padStart(7)}`,
          )
          .join('\n'),
    );
    expect(rows.length).toBe(expected.size);
    expect(rows.reduce((n, r) => n + r.appeals, 0)).toBe(10702);
    for (const r of rows) {
      const e = expected.get(r.key);
      expect(e, r.key).toBeDefined();
      expect([r.key, r.appeals, r.answered]).toEqual([r.key, e!.appeals, e!.answered]);
      if (e!.median_hours === null) expect(r.median_hours, r.key).toBeNull();
      else expect(Math.abs(r.median_hours! - e!.median_hours), r.key).toBeLessThanOrEqual(0.006);
    }
    // Sorted by appeals, most first.
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.appeals).toBeGreaterThanOrEqual(rows[i]!.appeals);
  });

  it('the CSV has the contract columns, one row per agency', () => {
    const csv = parse(fs.readFileSync(path.join(tmp, 'by-agency.csv'), 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(csv).toHaveLength(rows.length);
    expect(Object.keys(csv[0]!)).toEqual(
      expect.arrayContaining(['agency', 'appeals', 'answered', 'median_hours', 'on_time_share']),
    );
    expect(csv[0]!.agency).toBe(rows[0]!.key);
  });
});
