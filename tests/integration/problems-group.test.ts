import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { demoAppeals } from '../../lib/demo';
import { APPEALS, groupNewAppeals, problemRule } from '../../lib/enrich/problems/group';
import { importAddresses } from '../../lib/ingest/addresses/importAddresses';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { appealMappingSchema, readMappingFile } from '../../lib/ingest/mapping';
import { FIXTURES, pmap } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

let db: Database;
let url: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-problems-'));
const dir = path.join(FIXTURES, 'import');
const mapping = readMappingFile(appealMappingSchema, path.join(dir, 'problems.mapping.json'));

beforeAll(async () => {
  ({ db, url } = await freshPostgres('problems_group'));
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface Row {
  external_id: string;
  problem_id: number | null;
}
const problemOf = async () =>
  Object.fromEntries(
    (await db.query<Row>(`SELECT external_id, problem_id FROM appeals ORDER BY external_id`)).map((r) => [
      r.external_id,
      r.problem_id,
    ]),
  );
const problem = async (id: number | null) =>
  (
    await db.query<{
      appeal_count: number;
      citizen_count: number;
      channel_count: number;
      channels: string[];
      topic: string;
      first_at: Date;
      last_at: Date;
    }>(
      `SELECT appeal_count, citizen_count, channel_count, channels, topic, first_at, last_at FROM problems WHERE id = $1`,
      [id],
    )
  )[0];

describe('problems from many channels', () => {
  it('one pothole through social, ПОС and hotline (other words, 40 m and 3 days apart) is one problem', async () => {
    const r = await importAppeals(db, path.join(dir, 'problems_first.csv'), {
      mapping,
      rejectsPath: path.join(tmp, 'r1.csv'),
    });
    expect(r).toMatchObject({ read: 8, inserted: 8, rejected: 0 });
    const p = await problemOf();
    expect(p['P-1']).not.toBeNull();
    expect(p['P-2']).toBe(p['P-1']);
    expect(p['P-3']).toBe(p['P-1']);
    expect(await problem(p['P-1'])).toMatchObject({
      topic: 'roads',
      appeal_count: 3,
      citizen_count: 3,
      channel_count: 3,
      channels: ['hotline', 'pos', 'social'],
      first_at: new Date('2025-04-01T04:00:00Z'),
      last_at: new Date('2025-04-04T07:00:00Z'),
    });
  });

  it('keeps nearby but different problems apart: other topic, unrelated text, 5 weeks later, 2 km away', async () => {
    const p = await problemOf();
    const pothole = p['P-1'];
    for (const other of ['P-4', 'P-5', 'P-6', 'P-7']) {
      expect(p[other], other).not.toBeNull();
      expect(p[other], other).not.toBe(pothole);
      expect(await problem(p[other]), other).toMatchObject({ appeal_count: 1, citizen_count: 1, channel_count: 1 });
    }
    expect(new Set(['P-4', 'P-5', 'P-6', 'P-7'].map((k) => p[k])).size).toBe(4);
    // Without a location an appeal cannot be placed near anything: it stays out of problems.
    expect(p['P-8']).toBeNull();
    expect(Number((await db.query<{ n: number }>(`SELECT count(*) AS n FROM problems`))[0].n)).toBe(5);
  });

  it('a later import joins the existing problem; a citizen writing twice counts once', async () => {
    const before = (await problemOf())['P-1'];
    const r = await importAppeals(db, path.join(dir, 'problems_later.csv'), {
      mapping,
      rejectsPath: path.join(tmp, 'r2.csv'),
    });
    expect(r).toMatchObject({ read: 1, inserted: 1 });
    expect((await problemOf())['P-9']).toBe(before);
    expect(await problem(before)).toMatchObject({
      appeal_count: 4,
      citizen_count: 3,
      channel_count: 4,
      channels: ['hotline', 'portal', 'pos', 'social'],
      last_at: new Date('2025-04-06T13:00:00Z'),
    });
    expect(Number((await db.query<{ n: number }>(`SELECT count(*) AS n FROM problems`))[0].n)).toBe(5);
  });

  it('an appeal placed by geocoding its address (after the merge) joins the problem too', async () => {
    const pothole = (await problemOf())['P-1'];
    const gazetteer = path.join(tmp, 'addresses.csv');
    fs.writeFileSync(
      gazetteer,
      'text,locality,street,house,lat,lon\n"г. Оренбург, ул. Чкалова, 30",Оренбург,улица Чкалова,30,51.77502,55.11012\n',
    );
    expect(await importAddresses(db, gazetteer, { rejectsPath: path.join(tmp, 'ra.csv') })).toMatchObject({
      inserted: 1,
    });
    const file = path.join(tmp, 'geocoded.csv');
    fs.writeFileSync(
      file,
      'id;дата;тема;текст;адрес;автор;широта;долгота;канал\n' +
        'P-10;2025-04-05 09:00;Дороги;Яма на дороге у дома 30, пробил колесо;г. Оренбург, ул. Чкалова, 30;vk:lena;;;соцсети\n',
    );
    const r = await importAppeals(db, file, { mapping, rejectsPath: path.join(tmp, 'r-geo.csv') });
    expect(r).toMatchObject({ read: 1, inserted: 1 });
    const [row] = await db.query<{ location_source: string; problem_id: number }>(
      `SELECT location_source, problem_id FROM appeals WHERE external_id = 'P-10'`,
    );
    expect(row.location_source).toBe('geocoded');
    expect(row.problem_id).toBe(pothole);
    expect(await problem(pothole)).toMatchObject({ appeal_count: 5, citizen_count: 4 });
  });

  it('re-importing a file changes no problem', async () => {
    const before = await problemOf();
    const r = await importAppeals(db, path.join(dir, 'problems_first.csv'), {
      mapping,
      rejectsPath: path.join(tmp, 'r3.csv'),
    });
    expect(r).toMatchObject({ unchanged: 8 });
    expect(await problemOf()).toEqual(before);
  });

  it('`pmap export appeals` carries problem_id', async () => {
    const out = path.join(tmp, 'export.csv');
    const run = pmap(['export', 'appeals', '--out', out, '--json'], { DATABASE_URL: url });
    expect(run.code, run.stderr).toBe(0);
    const rows = parse(fs.readFileSync(out), { columns: true }) as Record<string, string>[];
    const byId = Object.fromEntries(rows.map((r) => [r.external_id, r.problem_id]));
    const p = await problemOf();
    expect(byId['P-1']).toBe(String(p['P-1']));
    expect(byId['P-9']).toBe(String(p['P-1']));
    expect(byId['P-4']).toBe(String(p['P-4']));
    expect(byId['P-8']).toBe('');
  });
});

describe('problem grouping over many pages of candidates', () => {
  let big: Database;
  const groups = async () =>
    (
      await big.query<{ ids: string }>(
        `SELECT string_agg(external_id, ',' ORDER BY external_id) AS ids FROM appeals WHERE problem_id IS NOT NULL
     GROUP BY problem_id ORDER BY 1`,
      )
    ).map((r) => r.ids);
  beforeAll(async () => {
    ({ db: big } = await freshPostgres('problems_paging'));
  });
  afterAll(async () => {
    await big?.close();
  });

  it('finds the same problems when the candidate search reads 1,000 appeals a page as when it reads them at once', async () => {
    // 20 k demo appeals: a dense city where one pothole is reported through several channels.
    const file = path.join(tmp, 'demo20k.csv');
    const rows = [...demoAppeals({ count: 20_000, end: new Date('2026-10-31T00:00:00Z') })].map((a) => [
      a.externalId,
      a.createdAt,
      a.channel,
      a.status,
      a.topic,
      a.text,
      a.address,
      a.author,
      a.lat ?? '',
      a.lon ?? '',
    ]);
    fs.writeFileSync(
      file,
      stringify([
        ['external_id', 'created_at', 'channel', 'status', 'topic', 'text', 'address', 'author', 'lat', 'lon'],
        ...rows,
      ]),
    );
    const r = await importAppeals(big, file, { rejectsPath: path.join(tmp, 'demo20k.rejects.csv') });
    expect(r.inserted).toBe(20_000);
    const once = await groups();
    expect(once.filter((g) => g.includes(',')).length).toBeGreaterThan(100);

    const paged = await big.transaction(async (s) => {
      await s.query(`UPDATE appeals SET problem_id = NULL`);
      await s.query(`DELETE FROM problems`);
      return groupNewAppeals(s, problemRule(), APPEALS, { othersPage: 1000 });
    });
    expect(paged.grouped).toBeGreaterThan(10_000);
    expect(await groups()).toEqual(once);
  });
});
