import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { resetEnvCache } from '../../lib/config/env';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { freshPostgres } from '../helpers/db';

let db: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-import-limits-'));
const CAP = 10_000; // PMAP_MAX_FIELD_CHARS's documented default

beforeAll(async () => {
  process.env.PMAP_REJECTS_DIR = path.join(tmp, 'rejects');
  resetEnvCache();
  ({ db } = await freshPostgres('import_limits'));
});
afterEach(() => {
  delete process.env.PMAP_MAX_RECORD_MB;
  resetEnvCache();
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const HEADER = 'external_id,created_at,text,lat,lon\n';
const line = (id: string, text: string) => `${id},2026-01-05T10:00:00Z,"${text}",51.77,55.11\n`;
const json = (id: string, text: string) => ({
  external_id: id,
  created_at: '2026-01-05T10:00:00Z',
  text,
  lat: 51.77,
  lon: 55.11,
});

async function rejectsOf(jobId: number) {
  return db.query<{ row_number: number; reason: string; text_chars: number }>(
    `SELECT row_number, reason, length(raw->>'text') AS text_chars FROM import_rejects WHERE job_id = $1 ORDER BY row_number`,
    [jobId],
  );
}
const jobOf = async (file: string) =>
  (
    await db.query<{ status: string; error: string | null }>(
      `SELECT status, error FROM import_jobs WHERE file_name = $1 ORDER BY id DESC LIMIT 1`,
      [path.basename(file)],
    )
  )[0];

describe('field length limits on import', () => {
  it('rejects the row whose text has cap+1 characters, naming the column and the limit; a text of exactly cap imports', async () => {
    const file = path.join(tmp, 'cap.csv');
    fs.writeFileSync(
      file,
      HEADER + line('C-1', 'яма') + line('C-2', 'я'.repeat(CAP + 1)) + line('C-3', 'ж'.repeat(CAP)),
    );
    const r = await importAppeals(db, file, { rejectsPath: path.join(tmp, 'cap.rej.csv') });
    expect(r).toMatchObject({ read: 3, inserted: 2, rejected: 1 });
    expect(r.read).toBe(r.inserted + r.updated + r.unchanged + r.rejected);
    const [rej] = await rejectsOf(r.job_id);
    expect(rej.row_number).toBe(2);
    expect(rej.reason).toContain('"text"');
    expect(rej.reason).toContain(String(CAP + 1));
    expect(rej.reason).toContain(String(CAP));
    const kept = await db.query<{ n: number }>(`SELECT length(text) AS n FROM appeals WHERE external_id = 'C-3'`);
    expect(kept[0].n).toBe(CAP);
  });

  it('rejects a row with a 5 MB field and keeps only a cut copy of it among the rejects; the rest import', async () => {
    const file = path.join(tmp, 'huge-field.csv');
    const big = 'x'.repeat(5 * 1024 * 1024);
    fs.writeFileSync(file, HEADER + line('M-1', 'яма') + line('M-2', big) + line('M-3', 'лужа') + line('M-4', 'снег'));
    const r = await importAppeals(db, file, { rejectsPath: path.join(tmp, 'huge-field.rej.csv') });
    expect(r).toMatchObject({ read: 4, inserted: 3, rejected: 1 });
    expect(r.read).toBe(r.inserted + r.updated + r.unchanged + r.rejected);
    const [rej] = await rejectsOf(r.job_id);
    expect(rej.row_number).toBe(2);
    expect(rej.reason).toMatch(/column "text"/);
    expect(rej.text_chars).toBeLessThan(CAP + 100);
    expect(fs.statSync(path.join(tmp, 'huge-field.rej.csv')).size).toBeLessThan(CAP * 2);
  });

  it('a CSV row over PMAP_MAX_RECORD_MB stops the import with a file error naming the limit; the job is failed, not running', async () => {
    process.env.PMAP_MAX_RECORD_MB = '1';
    resetEnvCache();
    const file = path.join(tmp, 'record.csv');
    fs.writeFileSync(
      file,
      HEADER + line('R-1', 'яма') + line('R-2', 'x'.repeat(3 * 1024 * 1024)) + line('R-3', 'лужа'),
    );
    await expect(importAppeals(db, file, { rejectsPath: path.join(tmp, 'record.rej.csv') })).rejects.toThrow(
      /PMAP_MAX_RECORD_MB/,
    );
    const job = await jobOf(file);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/longer than 1 MB/);
  });

  it('an NDJSON line over PMAP_MAX_RECORD_MB is a rejected row, not a buffered one; the other lines import', async () => {
    process.env.PMAP_MAX_RECORD_MB = '1';
    resetEnvCache();
    const file = path.join(tmp, 'lines.ndjson');
    fs.writeFileSync(
      file,
      [json('N-1', 'яма'), json('N-2', 'x'.repeat(3 * 1024 * 1024)), json('N-3', 'лужа')]
        .map((o) => JSON.stringify(o))
        .join('\n') + '\n',
    );
    const r = await importAppeals(db, file, { rejectsPath: path.join(tmp, 'lines.rej.csv') });
    expect(r).toMatchObject({ read: 3, inserted: 2, rejected: 1 });
    const [rej] = await rejectsOf(r.job_id);
    expect(rej.row_number).toBe(2);
    expect(rej.reason).toMatch(/PMAP_MAX_RECORD_MB/);
  });

  it('a JSON array: a field over the cap rejects its element; a string over PMAP_MAX_RECORD_MB is a file error', async () => {
    const file = path.join(tmp, 'array.json');
    fs.writeFileSync(file, JSON.stringify([json('J-1', 'яма'), json('J-2', 'x'.repeat(CAP + 1)), json('J-3', 'лужа')]));
    const r = await importAppeals(db, file, { rejectsPath: path.join(tmp, 'array.rej.csv') });
    expect(r).toMatchObject({ read: 3, inserted: 2, rejected: 1 });
    expect((await rejectsOf(r.job_id))[0].reason).toMatch(/column "text"/);

    process.env.PMAP_MAX_RECORD_MB = '1';
    resetEnvCache();
    const huge = path.join(tmp, 'huge-array.json');
    fs.writeFileSync(huge, JSON.stringify([json('K-1', 'яма'), json('K-2', 'x'.repeat(3 * 1024 * 1024))]));
    await expect(importAppeals(db, huge, { rejectsPath: path.join(tmp, 'huge-array.rej.csv') })).rejects.toThrow(
      /PMAP_MAX_RECORD_MB/,
    );
    expect((await jobOf(huge)).status).toBe('failed');
  });
});
