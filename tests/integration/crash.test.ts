import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { writeBenchCsv } from '../../bench/ingestData';
import { pmap, ROOT } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

let db: Database;
let url: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-crash-'));
const file = path.join(tmp, 'big.csv');
const ROWS = 150_000;
// What a big load drops and rebuilds: the secondary indexes of appeals and problems (db/merge/bulkIndexes.ts).
const indexes = async () =>
  (
    await db.query<{ def: string }>(
      `SELECT indexdef AS def FROM pg_indexes WHERE tablename IN ('appeals', 'problems') ORDER BY indexdef`,
    )
  ).map((r) => r.def);
let migrated: string[] = [];

beforeAll(async () => {
  ({ db, url } = await freshPostgres('crash'));
  writeBenchCsv(file, ROWS);
  migrated = await indexes();
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('an importer killed mid-way (SIGKILL)', () => {
  it('leaves nothing half-done; the rerun completes with exactly the right rows', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'cli/pmap.mjs'), 'import', 'appeals', file, '--json'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, PMAP_REJECTS_DIR: tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Kill it once it has streamed a good part of the file into the staging table.
    await new Promise<void>((resolve, reject) => {
      let err = '';
      child.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        if (/appeals:.*\b[5-9]0,000 rows/.test(err)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code) =>
        code === null
          ? resolve()
          : reject(new Error(`importer ended by itself (${code}) before it could be killed: ${err}`)),
      );
    });
    await new Promise((r) => child.once('exit', r));
    expect(child.signalCode).toBe('SIGKILL');

    const count = async (sql: string) => Number((await db.query<{ n: number }>(sql))[0].n);
    expect(await count('SELECT count(*) n FROM appeals')).toBe(0);
    expect(await count('SELECT count(*) n FROM problems')).toBe(0);
    expect(await count('SELECT count(*) n FROM appeal_rollup_month')).toBe(0);
    expect(await count(`SELECT count(*) n FROM pg_tables WHERE tablename LIKE 'appeal_stage%'`)).toBe(0);
    // The indexes a big load drops are all there (a drop would have been inside the rolled-back transaction).
    expect(migrated.filter((d) => d.includes('USING gist')).length).toBeGreaterThanOrEqual(2);
    expect(await indexes()).toEqual(migrated);

    const r = pmap(['import', 'appeals', file, '--json'], { DATABASE_URL: url, PMAP_REJECTS_DIR: tmp });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ read: ROWS, inserted: ROWS, rejected: 0 });
    expect(await count('SELECT count(*) n FROM appeals')).toBe(ROWS);
    expect(await count('SELECT count(DISTINCT external_id) n FROM appeals')).toBe(ROWS);
    // The rerun was a big load into empty tables: it dropped the indexes of both, and rebuilt every one.
    expect(await indexes()).toEqual(migrated);
    const jobs = await db.query<{ status: string; error: string | null }>(
      `SELECT status, error FROM import_jobs ORDER BY id`,
    );
    expect(jobs.map((j) => j.status)).toEqual(['failed', 'done']);
    expect(jobs[0].error).toMatch(/^interrupted/);
  }, 300_000);
});
