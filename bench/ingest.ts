/*
 * npm run bench -- ingest [--rows N]: our appeal import against raw COPY, in the same run.
 * Ours: pmap's importer (parse, map, validate, H3, pseudonyms, hash, stage by COPY, merge with upsert,
 * point-in-polygon, problem grouping) into an empty appeals table with all its indexes and triggers.
 * References, both server-side COPY streamed with pg-copy-streams:
 *  1. the figure: the same rows as they ended up in appeals (COPY TO, then COPY FROM) into an empty table
 *     identical to appeals (CREATE TABLE … (LIKE appeals INCLUDING ALL): columns, defaults, constraints, indexes;
 *     no triggers);
 *  2. the file's bytes into a table of the file's own ten text/number columns without indexes (the floor).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { arg, freshDb, withServer } from './server';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
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

    // Reference 1: the imported rows, copied out and COPYed into an empty twin of appeals.
    const c2 = new pg.Client({ connectionString: url });
    await c2.connect();
    const rowsFile = path.join(tmp, 'appeals-rows.bin');
    await pipeline(c2.query(copyTo('COPY appeals TO STDOUT WITH (FORMAT binary)')), fs.createWriteStream(rowsFile));
    await c2.query('CREATE TABLE appeals_twin (LIKE appeals INCLUDING ALL)');
    t = process.hrtime.bigint();
    await pipeline(fs.createReadStream(rowsFile), c2.query(copyFrom('COPY appeals_twin FROM STDIN WITH (FORMAT binary)')));
    const twinSec = Number(process.hrtime.bigint() - t) / 1e9;
    const [{ n: twinRows }] = (await c2.query('SELECT count(*)::int AS n FROM appeals_twin')).rows;
    await c2.end();
    if (twinRows !== rows) throw new Error(`the twin table holds ${twinRows} rows, not ${rows}`);

    const rate = (sec: number) => Math.round(rows / sec).toLocaleString('en');
    console.log(`raw COPY of the same rows into an empty table identical to appeals (indexes, constraints; no triggers): ${rate(twinSec)} rows/s (${twinSec.toFixed(1)} s)`);
    console.log(`raw COPY of the file into a table of its own columns, no indexes: ${rate(copySec)} rows/s (${copySec.toFixed(1)} s)`);
    console.log(`our import: ${rate(oursSec)} rows/s (${oursSec.toFixed(1)} s), peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`);
    console.log(`ratio ours / COPY into the identical table: ${(twinSec / oursSec).toFixed(3)} (target >= 0.7); ` +
      `ours / COPY of the file: ${(copySec / oursSec).toFixed(3)}`);
  });
  fs.rmSync(tmp, { recursive: true, force: true });
}
