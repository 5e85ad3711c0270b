import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb, type Database } from '../../db';
import { resetEnvCache } from '../../lib/config/env';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { importBoundaries } from '../../lib/ingest/boundaries/importBoundaries';
import { jobWithProgress } from '../../lib/ingest/jobs/http';
import { startImport } from '../../lib/ingest/jobs/runner';
import { saveUpload } from '../../lib/ingest/jobs/upload';
import { failJob, keepAlive, listJobs } from '../../lib/store/importJobs';
import { freshPostgres } from '../helpers/db';

let db: Database;
let url: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-import-robust-'));

beforeAll(async () => {
  process.env.PMAP_DATA_DIR = path.join(tmp, 'data', 'pglite');
  process.env.PMAP_REJECTS_DIR = path.join(tmp, 'rejects');
  resetEnvCache();
  ({ db, url } = await freshPostgres('import_robustness'));
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const HEADER = ['external_id', 'created_at', 'text', 'lat', 'lon'];
const row = (id: string, text: string) => [id, '2026-01-05T10:00:00Z', text, '51.77', '55.11'];
/** A CSV written by hand (no library that might refuse or alter a NUL). */
const csvOf = (rows: string[][]) =>
  rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';

const bodyOf = (buf: Buffer) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new Uint8Array(buf));
      c.close();
    },
  });

async function waitEnded(id: number, seconds = 30) {
  for (let i = 0; i < seconds * 10; i++) {
    const j = await jobWithProgress(db, id);
    if (j.status !== 'running') return j;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import job ${id} is still "running" after ${seconds} s`);
}

const statusOf = async (id: number) =>
  (
    await db.query<{ status: string; error: string | null }>(`SELECT status, error FROM import_jobs WHERE id = $1`, [
      id,
    ])
  )[0];

describe('zombie imports: jobs whose process is gone are marked, never left running', () => {
  it('marks a running job with a stale heartbeat when the import list is read, and leaves a live one alone', async () => {
    // A job of another machine whose process last reported two hours ago, and one that started just now.
    const [stale] = await db.query<{
      id: number;
    }>(`INSERT INTO import_jobs (kind, file_name, host, pid, started_at, heartbeat_at)
      VALUES ('appeals', 'stale.csv', 'some-other-host', 4242, now() - interval '2 hours', now() - interval '1 hour') RETURNING id`);
    const [fresh] = await db.query<{ id: number }>(`INSERT INTO import_jobs (kind, file_name, host, pid)
      VALUES ('appeals', 'fresh.csv', 'some-other-host', 4243) RETURNING id`);
    const jobs = await listJobs(db);
    const s = jobs.find((j) => j.id === Number(stale.id))!;
    expect(s.status).toBe('failed');
    expect(s.error).toMatch(/^interrupted: /);
    expect(s.finishedAt).not.toBeNull();
    expect(jobs.find((j) => j.id === Number(fresh.id))!.status).toBe('running');
    await db.query(`DELETE FROM import_jobs WHERE id = $1`, [fresh.id]);
  });

  it('marks orphans when the server first opens the database (getDb), including a job of this host under our own pid', async () => {
    // A restarted container often gets the same pid as the process it replaced: such a job is not ours.
    const [samePid] = await db.query<{ id: number }>(
      `INSERT INTO import_jobs (kind, file_name, host, pid)
      VALUES ('appeals', 'previous-process.csv', $1, $2) RETURNING id`,
      [os.hostname(), process.pid],
    );
    const [stale] = await db.query<{
      id: number;
    }>(`INSERT INTO import_jobs (kind, file_name, host, pid, started_at, heartbeat_at)
      VALUES ('points', 'stale.csv', 'some-other-host', 4244, now() - interval '1 day', now() - interval '1 day') RETURNING id`);
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    resetEnvCache();
    try {
      await getDb();
    } finally {
      await closeDb();
      process.env.DATABASE_URL = saved;
      resetEnvCache();
    }
    for (const id of [samePid.id, stale.id]) {
      const j = await statusOf(id);
      expect(j.status).toBe('failed');
      expect(j.error).toMatch(/^interrupted: /);
    }
  });

  it('a running import writes its heartbeat every few seconds, and stops when its run ends', async () => {
    process.env.PMAP_IMPORT_STALE_SECONDS = '10';
    resetEnvCache();
    const [j] = await db.query<{ id: number }>(`INSERT INTO import_jobs (kind, file_name, heartbeat_at)
      VALUES ('appeals', 'beat.csv', now() - interval '1 hour') RETURNING id`);
    const age = async () =>
      (
        await db.query<{ s: number }>(
          `SELECT extract(epoch FROM now() - heartbeat_at)::float8 AS s FROM import_jobs WHERE id = $1`,
          [j.id],
        )
      )[0].s;
    const stop = keepAlive(db, j.id);
    try {
      await new Promise((r) => setTimeout(r, 3000));
      expect(await age()).toBeLessThan(3);
      // A job this process runs is never taken for an orphan, however old its heartbeat.
      await db.query(`UPDATE import_jobs SET heartbeat_at = now() - interval '1 hour' WHERE id = $1`, [j.id]);
      await listJobs(db);
      expect((await statusOf(j.id)).status).toBe('running');
    } finally {
      stop();
      delete process.env.PMAP_IMPORT_STALE_SECONDS;
      resetEnvCache();
    }
    await new Promise((r) => setTimeout(r, 3000));
    expect(await age()).toBeGreaterThan(3000);
    await listJobs(db);
    expect((await statusOf(j.id)).error).toMatch(/^interrupted: .*no heartbeat/);
  });

  it('stores an error message with a NUL byte (PostgreSQL text refuses \\u0000) instead of leaving the job running', async () => {
    const [j] = await db.query<{ id: number }>(
      `INSERT INTO import_jobs (kind, file_name) VALUES ('appeals', 'x.csv') RETURNING id`,
    );
    await failJob(db, j.id, 'column "a\u0000b" is missing');
    expect(await statusOf(j.id)).toEqual({ status: 'failed', error: 'column "ab" is missing' });
  });

  it('imports a web upload whose header has a NUL byte: the column is read by its cleaned name', async () => {
    const csv = csvOf([
      ['external_id', 'created_at', 'te\u0000xt', 'lat', 'lon'],
      row('H-1', 'яма'),
      row('H-2', 'лужа'),
    ]);
    const buf = Buffer.from(csv);
    const up = await saveUpload(bodyOf(buf), 'nul-header.csv', buf.length);
    const id = await startImport(db, {
      upload: up.upload,
      kind: 'appeals',
      mapping: null,
      userEmail: 'admin@example.org',
    });
    const job = await waitEnded(id);
    expect(job).toMatchObject({ status: 'done', read: 2, inserted: 2, rejected: 0 });
    const texts = await db.query<{ text: string }>(
      `SELECT text FROM appeals WHERE external_id IN ('H-1', 'H-2') ORDER BY external_id`,
    );
    expect(texts.map((t) => t.text)).toEqual(['яма', 'лужа']);
  });

  it('rejects only the appeal row with a NUL in a value; the others import and the counts add up', async () => {
    const file = path.join(tmp, 'nul-value.csv');
    fs.writeFileSync(file, csvOf([HEADER, row('V-1', 'яма'), row('V-2', 'ля\u0000гушка'), row('V-3', 'лужа')]));
    const r = await importAppeals(db, file, { rejectsPath: path.join(tmp, 'nul-value.rej.csv') });
    expect(r).toMatchObject({ read: 3, inserted: 2, rejected: 1 });
    expect(r.read).toBe(r.inserted + r.updated + r.unchanged + r.rejected);
    const rej = await db.query<{ row_number: number; reason: string }>(
      `SELECT row_number, reason FROM import_rejects WHERE job_id = $1`,
      [r.job_id],
    );
    expect(rej).toHaveLength(1);
    expect(rej[0].row_number).toBe(2);
    expect(rej[0].reason).toMatch(/"text".*NUL/);
  });

  it('rejects only the boundary feature with a NUL in a property (GeoJSON shares the rule)', async () => {
    const square = (x: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, 50],
          [x + 1, 50],
          [x + 1, 51],
          [x, 51],
          [x, 50],
        ],
      ],
    });
    const features = [
      { type: 'Feature', properties: { code: 'B1', name: 'Первый' }, geometry: square(40) },
      { type: 'Feature', properties: { code: 'B2', name: 'Вто\u0000рой' }, geometry: square(42) },
      { type: 'Feature', properties: { code: 'B3', name: 'Третий', note: { deep: 'x\u0000' } }, geometry: square(44) },
      { type: 'Feature', properties: { code: 'B4', name: 'Четвёртый' }, geometry: square(46) },
    ];
    const file = path.join(tmp, 'nul.geojson');
    fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
    const r = await importBoundaries(db, file, {
      level: 'municipality',
      codeProperty: 'code',
      rejectsPath: path.join(tmp, 'nul.geo.rej.csv'),
    });
    expect(r).toMatchObject({ read: 4, inserted: 2, rejected: 2 });
    const rej = await db.query<{ row_number: number; reason: string }>(
      `SELECT row_number, reason FROM import_rejects WHERE job_id = $1 ORDER BY row_number`,
      [r.job_id],
    );
    expect(rej.map((x) => x.row_number)).toEqual([2, 3]);
    expect(rej.every((x) => /NUL/.test(x.reason))).toBe(true);
  });
});
