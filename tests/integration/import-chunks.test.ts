import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { appealMappingSchema, readMappingFile } from '../../lib/ingest/mapping';
import { FIXTURES, ROOT, SHARED_DATA } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

/*
 * A big file is merged a chunk at a time while the next chunk is parsed (lib/ingest/appeals/chunks.ts). Small chunks
 * here make a small file take that path: the outcome must be the one of a single merge.
 */
let db: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-chunks-'));
const nyc = path.join(SHARED_DATA, 'nyc311_sample_2011.csv');
const nycMapping = readMappingFile(appealMappingSchema, path.join(ROOT, 'examples/nyc311.json'));

beforeAll(async () => {
  ({ db } = await freshPostgres('import_chunks'));
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const count = async (sql: string, params: unknown[] = []) => Number((await db.query<{ n: number }>(sql, params))[0].n);

describe('an import merged in chunks', () => {
  it('accounts for every row of the real NYC sample in 7 chunks as in one, and a re-import changes nothing', async () => {
    const m = { ...nycMapping, source: 'nyc_chunks' };
    const r = await importAppeals(db, nyc, { mapping: m, chunkRows: 300, batchSize: 70, rejectsPath: path.join(tmp, 'c1.csv') });
    expect(r).toMatchObject({ read: 2000, inserted: 2000, updated: 0, unchanged: 0, rejected: 0 });
    expect(await count(`SELECT count(*) n FROM appeals a JOIN sources s ON s.id = a.source_id WHERE s.code = 'nyc_chunks'`)).toBe(2000);
    expect(await count(`SELECT count(*) n FROM appeals a JOIN sources s ON s.id = a.source_id
                        WHERE s.code = 'nyc_chunks' AND a.geom IS NULL`)).toBe(598);
    // Every located complaint is in a problem, whichever chunk it came in.
    expect(await count(`SELECT count(*) n FROM appeals WHERE geom IS NOT NULL AND NOT is_gratitude AND problem_id IS NULL`)).toBe(0);
    const again = await importAppeals(db, nyc, { mapping: m, chunkRows: 300, rejectsPath: path.join(tmp, 'c2.csv') });
    expect(again).toMatchObject({ read: 2000, inserted: 0, updated: 0, unchanged: 2000, rejected: 0 });
  });

  it('a duplicate in a later chunk wins and the earlier row is rejected with the reason', async () => {
    const lines = fs.readFileSync(nyc, 'utf8').trim().split('\n');
    const header = parse(lines[0])[0] as string[];
    const idAt = header.indexOf('Unique Key');
    const tenth = parse(lines[10])[0] as string[];
    const edited = [...tenth];
    edited[header.indexOf('Descriptor')] = 'Edited later in the same file';
    const file = path.join(tmp, 'dup.csv');
    const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    fs.writeFileSync(file, [...lines, edited.map(quote).join(',')].join('\n') + '\n');
    const m = { ...nycMapping, source: 'nyc_chunks_dup' };
    const rejects = path.join(tmp, 'dup-rejects.csv');
    const r = await importAppeals(db, file, { mapping: m, chunkRows: 300, rejectsPath: rejects });
    expect(r).toMatchObject({ read: 2001, inserted: 2000, rejected: 1 });
    expect(r.read).toBe(r.inserted + r.updated + r.unchanged + r.rejected);
    const listed = parse(fs.readFileSync(rejects, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(listed).toHaveLength(1);
    expect(listed[0]!.row).toBe('10');
    expect(listed[0]!.reason).toBe(`duplicate external id "${tenth[idAt]}" in the file: row 2001 is kept`);
    const [kept] = await db.query<{ text: string }>(
      `SELECT a.text FROM appeals a JOIN sources s ON s.id = a.source_id WHERE s.code = 'nyc_chunks_dup' AND a.external_id = $1`,
      [tenth[idAt]]);
    expect(kept!.text).toContain('Edited later in the same file');
  });

  it('groups one pothole across chunks into one problem, counted after the merge', async () => {
    const dir = path.join(FIXTURES, 'import');
    const mapping = readMappingFile(appealMappingSchema, path.join(dir, 'problems.mapping.json'));
    const r = await importAppeals(db, path.join(dir, 'problems_first.csv'), { mapping, chunkRows: 2, rejectsPath: path.join(tmp, 'p.csv') });
    expect(r).toMatchObject({ read: 8, inserted: 8, rejected: 0 });
    const rows = await db.query<{ external_id: string; problem_id: number }>(
      `SELECT external_id, problem_id FROM appeals WHERE external_id IN ('P-1', 'P-2', 'P-3') ORDER BY external_id`);
    expect(new Set(rows.map((x) => x.problem_id)).size).toBe(1);
    const [p] = await db.query<{ appeal_count: number; channel_count: number }>(
      `SELECT appeal_count, channel_count FROM problems WHERE id = $1`, [rows[0]!.problem_id]);
    expect(p).toMatchObject({ appeal_count: 3, channel_count: 3 });
  });
});
