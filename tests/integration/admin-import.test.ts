import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { resetEnvCache } from '../../lib/config/env';
import { jobWithProgress, rejectsResponse } from '../../lib/ingest/jobs/http';
import { listProfiles } from '../../lib/ingest/jobs/profiles';
import { liveJob, startImport } from '../../lib/ingest/jobs/runner';
import { discardUpload, saveUpload } from '../../lib/ingest/jobs/upload';
import { listJobs } from '../../lib/store/importJobs';
import { FIXTURES, ROOT } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

let db: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-admin-import-'));
const dir = path.join(FIXTURES, 'import');
const mapping = JSON.parse(fs.readFileSync(path.join(dir, 'appeals_upload.mapping.json'), 'utf8'));

beforeAll(async () => {
  process.env.PMAP_DATA_DIR = path.join(tmp, 'data', 'pglite');
  process.env.PMAP_REJECTS_DIR = path.join(tmp, 'rejects');
  process.env.PMAP_UPLOAD_MAX_MB = '3';
  resetEnvCache();
  ({ db } = await freshPostgres('admin_import'));
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A request body as the browser sends it: the file's bytes in chunks. */
const bodyOf = (buf: Buffer, chunk = 64 * 1024) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < buf.length; i += chunk) c.enqueue(new Uint8Array(buf.subarray(i, i + chunk)));
      c.close();
    },
  });
const uploadsDir = () => path.join(tmp, 'data', 'uploads');

async function waitDone(id: number) {
  const seen: { status: string; rows: number }[] = [];
  for (let i = 0; i < 600; i++) {
    const j = await jobWithProgress(db, id);
    seen.push({ status: j.status, rows: j.progress.rows });
    if (j.status !== 'running') return { job: j, seen };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the import did not end');
}

describe('admin import: upload, background job, progress, rejects', () => {
  it('lists the shipped mapping profiles by kind', () => {
    const p = listProfiles(ROOT);
    expect(p.filter((x) => x.kind === 'appeals').map((x) => x.id)).toEqual(
      expect.arrayContaining([
        'profiles/active-citizen.json',
        'profiles/incident-management.json',
        'profiles/pos-gosuslugi.json',
        'nyc311.json',
      ]),
    );
    expect(p.find((x) => x.id === 'ontario-points.json')?.kind).toBe('points');
  });

  it('streams the upload to disk, imports it in the background and accounts for every row', async () => {
    const buf = fs.readFileSync(path.join(dir, 'appeals_upload.csv'));
    const up = await saveUpload(bodyOf(buf, 100), 'обращения апрель.csv', buf.length);
    expect(up).toMatchObject({ name: 'обращения апрель.csv', bytes: buf.length });
    expect(fs.readFileSync(path.join(uploadsDir(), up.upload, up.name))).toEqual(buf);

    const id = await startImport(db, { upload: up.upload, kind: 'appeals', mapping, userEmail: 'admin@example.org' });
    const first = await jobWithProgress(db, id);
    expect(first).toMatchObject({
      status: 'running',
      fileName: 'обращения апрель.csv',
      userEmail: 'admin@example.org',
    });
    const { job } = await waitDone(id);
    expect(job).toMatchObject({
      status: 'done',
      read: 12,
      inserted: 9,
      updated: 0,
      unchanged: 0,
      rejected: 3,
      error: null,
    });
    expect(job.progress).toMatchObject({ fraction: 1, phase: 'done', rows: 12 });
    // The upload is removed once its import ended.
    expect(fs.existsSync(path.join(uploadsDir(), up.upload))).toBe(false);

    const res = await rejectsResponse(db, id);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="import-${id}-rejects.csv"`);
    const rows = parse(await res.text(), { columns: true, delimiter: ',' }) as Record<string, string>[];
    // The importer's own CSV: rows rejected while reading first, then the in-file duplicates.
    expect(rows.map((r) => [r.row, r.line, r.id])).toEqual([
      ['10', '11', 'U-10'],
      ['11', '12', 'U-11'],
      ['5', '', 'U-5'],
    ]);
    expect(rows[0].reason).toBe('column "дата": cannot parse date "03.04.2025" as the format "yyyy-MM-dd HH:mm"');
    expect(rows[1].reason).toBe('coordinates out of range (lat 151.8, lon 55.1)');
    expect(rows[2].reason).toBe('duplicate external id "U-5" in the file: row 12 is kept');
  });

  it('rebuilds the rejects from import_rejects when the CSV is gone', async () => {
    const [job] = await listJobs(db);
    fs.rmSync(path.join(tmp, 'rejects'), { recursive: true, force: true });
    const rows = parse(await (await rejectsResponse(db, job.id)).text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.row, r.id, r['широта']])).toEqual([
      ['5', 'U-5', '51.8354'],
      ['10', 'U-10', '51.7755'],
      ['11', 'U-11', '151.8'],
    ]);
  });

  it('shows progress of a bigger file while it runs and reaches 100 %', async () => {
    const lines = ['id;дата;тема;текст;адрес;широта;долгота;канал'];
    for (let i = 0; i < 25_000; i++) {
      lines.push(
        `B-${i};2025-05-${String(1 + (i % 28)).padStart(2, '0')} 10:00;Дороги;Яма номер ${i};;${(51 + (i % 500) * 0.002).toFixed(4)};${(55 + Math.floor(i / 500) * 0.003).toFixed(4)};ПОС`,
      );
    }
    const buf = Buffer.from(lines.join('\n'));
    const up = await saveUpload(bodyOf(buf), 'big.csv', buf.length);
    const id = await startImport(db, { upload: up.upload, kind: 'appeals', mapping, userEmail: 'admin@example.org' });
    const { job, seen } = await waitDone(id);
    expect(job).toMatchObject({ status: 'done', read: 25_000, inserted: 25_000, rejected: 0 });
    expect(seen[0].status).toBe('running');
    const rows = seen.map((s) => s.rows);
    expect(rows).toEqual([...rows].sort((a, b) => a - b)); // never goes back
    expect(job.progress.rowsPerSecond).toBeGreaterThan(0);
    await expect(rejectsResponse(db, id).then((r) => r.text())).resolves.toBe(
      'row,line,reason,id,дата,тема,текст,адрес,широта,долгота,канал\n',
    );
  });

  it('refuses an upload over PMAP_UPLOAD_MAX_MB while streaming, and keeps nothing of it', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 10, 'a');
    await expect(saveUpload(bodyOf(big), 'big.csv', 0)).rejects.toThrow('the file is over 3 MB');
    await expect(saveUpload(bodyOf(big), 'big.csv', big.length)).rejects.toThrow('the file is over 3 MB');
    expect(fs.readdirSync(uploadsDir()).length).toBe(0);
  });

  it('a mapping with a typo is refused before any job starts, naming the key', async () => {
    const buf = fs.readFileSync(path.join(dir, 'appeals_upload.csv'));
    const up = await saveUpload(bodyOf(buf), 'a.csv', buf.length);
    const before = (await listJobs(db)).length;
    await expect(
      startImport(db, { upload: up.upload, kind: 'appeals', mapping: { ...mapping, chanel: 'x' }, userEmail: 'a@b.c' }),
    ).rejects.toThrow('unknown key "chanel" in the mapping');
    expect((await listJobs(db)).length).toBe(before);
  });

  it('a broken file fails its job with a one-line error that names the upload, not the server path', async () => {
    const buf = fs.readFileSync(path.join(FIXTURES, 'unbalanced_quote.csv'));
    const up = await saveUpload(bodyOf(buf), 'broken.csv', buf.length);
    const id = await startImport(db, { upload: up.upload, kind: 'appeals', mapping, userEmail: 'a@b.c' });
    const { job } = await waitDone(id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/^broken\.csv, строка 4: Кавычка открыта и не закрыта$/);
    expect(job.error).not.toContain(tmp);
    const history = await listJobs(db);
    expect(history[0]).toMatchObject({ id, status: 'failed', userEmail: 'a@b.c' });
    await expect(rejectsResponse(db, 999_999)).rejects.toThrow('no import job 999999');
  });

  it("keeps a failed import's upload: the same upload starts again without sending the file twice, until discarded", async () => {
    const buf = fs.readFileSync(path.join(FIXTURES, 'unbalanced_quote.csv'));
    const up = await saveUpload(bodyOf(buf), 'broken.csv', buf.length);
    const settle = async (id: number) => {
      await waitDone(id);
      await expect.poll(() => liveJob(id), { timeout: 10_000 }).toBeNull();
    };
    const first = await startImport(db, { upload: up.upload, kind: 'appeals', mapping, userEmail: 'a@b.c' });
    await settle(first);
    expect(fs.existsSync(path.join(uploadsDir(), up.upload, 'broken.csv'))).toBe(true);
    // Retried (here with the same mapping): a new job on the kept file, not «no such upload».
    const second = await startImport(db, { upload: up.upload, kind: 'appeals', mapping, userEmail: 'a@b.c' });
    expect(second).toBeGreaterThan(first);
    expect((await waitDone(second)).job.status).toBe('failed');
    await settle(second);
    discardUpload(up.upload);
    expect(fs.existsSync(path.join(uploadsDir(), up.upload))).toBe(false);
    await expect(
      startImport(db, { upload: up.upload, kind: 'appeals', mapping, userEmail: 'a@b.c' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(() => discardUpload('../etc')).toThrow();
  });
});
