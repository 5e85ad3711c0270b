/*
 * npm run bench -- ingest [--rows N]: our appeal import against raw COPY of the same file, in the same run.
 * Reference: the file's bytes streamed by COPY (pg-copy-streams, the server parses the CSV) into an empty table
 * with the file's own columns and no indexes. Ours: pmap's importer (parse, map, validate, H3, pseudonyms, hash,
 * stage by COPY, merge with upsert, point-in-polygon) into an empty appeals table with all its indexes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { arg, freshDb, withServer } from './server';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { importAppeals } from '../lib/ingest/appeals/importAppeals';
import { writeBenchCsv } from './ingestData';




export async function run(): Promise<void> {
  const rows = arg('rows', 1_000_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-bench-'));
  const file = path.join(tmp, 'appeals.csv');
  writeBenchCsv(file, rows);
  console.log(`generated ${rows.toLocaleString('en')} rows (${(fs.statSync(file).size / 1e6).toFixed(0)} MB), deterministic`);
  await withServer(async (base) => {
    const url = await freshDb(base, 'pmap_bench_ingest');
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE TABLE raw_copy (external_id text, created_at timestamptz, channel text, status text, topic text,
      text text, address text, author text, lat float8, lon float8)`);
    let t = process.hrtime.bigint();
    await pipeline(fs.createReadStream(file), c.query(copyFrom('COPY raw_copy FROM STDIN WITH (FORMAT csv, HEADER true)')));
    const copySec = Number(process.hrtime.bigint() - t) / 1e9;
    await c.end();

    const db = await openDatabase({ url });
    await migrateToLatest(db);
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
    t = process.hrtime.bigint();
    const r = await importAppeals(db, file, { rejectsPath: path.join(tmp, 'rejects.csv') });
    const oursSec = Number(process.hrtime.bigint() - t) / 1e9;
    clearInterval(timer);
    await db.close();
    if (r.inserted !== rows) throw new Error(`expected ${rows} inserted, got ${JSON.stringify(r)}`);
    const copyRate = rows / copySec;
    const oursRate = rows / oursSec;
    console.log(`raw COPY:   ${Math.round(copyRate).toLocaleString('en')} rows/s (${copySec.toFixed(1)} s)`);
    console.log(`our import: ${Math.round(oursRate).toLocaleString('en')} rows/s (${oursSec.toFixed(1)} s), peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`);
    console.log(`ratio ours/COPY: ${(oursRate / copyRate).toFixed(2)} (target >= 0.7)`);
  });
  fs.rmSync(tmp, { recursive: true, force: true });
}
