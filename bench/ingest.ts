/*
 * npm run bench -- ingest [--rows N] [--runs N]: our appeal import against raw COPY and ogr2ogr, in the same run.
 * Ours: pmap's importer (parse, map, validate, H3, pseudonyms, hash, stage by COPY, merge with upsert,
 * point-in-polygon, problem grouping) into an empty appeals table with all its indexes and triggers.
 * References, both server-side COPY streamed with pg-copy-streams:
 *  1. the figure: the same rows as they ended up in appeals (COPY TO, then COPY FROM) into an empty table
 *     identical to appeals (CREATE TABLE … (LIKE appeals INCLUDING ALL): columns, defaults, constraints, indexes;
 *     no triggers);
 *  2. the file's bytes into a table of the file's own ten text/number columns without indexes (the floor);
 *  3. what a GIS user would do instead: ogr2ogr (GDAL, Debian's gdal-bin, installed by scripts/ensure-deps.sh --gdal
 *     when missing) loading the same CSV into PostGIS with a point geometry, its GiST index and COPY.
 * --runs N (default 1) repeats the whole comparison on a fresh database each time: one table row per run, then the
 * median ratios. Peak RSS is this process's resident set (all its threads), sampled every 200 ms during our import.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { arg, freshDb, withServer } from './server';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { openDatabase } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { groupAfterCommit } from '../lib/enrich/problems/jobs';
import { importAppeals } from '../lib/ingest/appeals/importAppeals';
import { writeBenchCsv } from './ingestData';

interface RunResult {
  oursSec: number;
  twinSec: number;
  copySec: number;
  ogrSec: number;
  /** Commit → nothing awaits grouping (0 when grouped inside the import). */
  groupSec: number;
  peakMiB: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const secondsSince = (t: bigint): number => Number(process.hrtime.bigint() - t) / 1e9;

/** ogr2ogr's version line; installs gdal-bin through scripts/ensure-deps.sh when ogr2ogr is missing. */
function ensureOgr2ogr(): string {
  const version = () => spawnSync('ogr2ogr', ['--version'], { encoding: 'utf8' });
  let v = version();
  if (v.error) {
    const r = spawnSync('bash', ['scripts/ensure-deps.sh', '--gdal'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('scripts/ensure-deps.sh --gdal failed: ogr2ogr (gdal-bin) is needed');
    v = version();
    if (v.error) throw v.error;
  }
  return v.stdout.trim();
}

/** ogr2ogr loads `file` into table ogr_appeals of the database at `url`: point geometry from lon/lat, GiST, COPY. */
async function ogr2ogr(url: string, file: string): Promise<void> {
  const u = new URL(url);
  // libpq's environment carries the connection, so no password lands on a command line
  const env = {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: u.pathname.slice(1),
  };
  await promisify(execFile)(
    'ogr2ogr',
    [
      '-f',
      'PostgreSQL',
      `PG:dbname=${u.pathname.slice(1)}`,
      file,
      '-nln',
      'ogr_appeals',
      '-overwrite',
      '-a_srs',
      'EPSG:4326',
      '-oo',
      'X_POSSIBLE_NAMES=lon',
      '-oo',
      'Y_POSSIBLE_NAMES=lat',
      '-lco',
      'GEOMETRY_NAME=geom',
      '-lco',
      'SPATIAL_INDEX=GIST',
      '--config',
      'PG_USE_COPY',
      'YES',
      '-gt',
      '100000',
    ],
    { env },
  );
}

/** Drops the run's database, ending sessions still in it (a background worker of the import's may hold one). */
async function dropDb(base: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } catch (e) {
    console.warn(`could not drop database ${name}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await admin.end();
  }
}

/** One whole comparison on a fresh database; prints the per-run lines. */
async function runOnce(base: string, file: string, tmp: string, rows: number): Promise<RunResult> {
  const url = await freshDb(base, `pmap_bench_ingest_${process.pid}`);
  try {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE TABLE raw_copy (external_id text, created_at timestamptz, channel text, status text, topic text,
      text text, address text, author text, lat float8, lon float8)`);
    let t = process.hrtime.bigint();
    await pipeline(
      fs.createReadStream(file),
      c.query(copyFrom('COPY raw_copy FROM STDIN WITH (FORMAT csv, HEADER true)')),
    );
    const copySec = secondsSince(t);
    await c.end();

    const db = await openDatabase({ url });
    await migrateToLatest(db);
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
    t = process.hrtime.bigint();
    const r = await importAppeals(db, file, { rejectsPath: path.join(tmp, 'rejects.csv') });
    const oursSec = secondsSince(t);
    // Grouping after the commit (issue 21: within 2 minutes at 1 M): this process works the queue until nothing
    // awaits; the problems it made are counted, so a grouping that did nothing cannot pass for a fast one.
    const groupAwaiting = r.grouping.awaiting;
    const importPeak = peak;
    t = process.hrtime.bigint();
    const g = await groupAfterCommit(db, { wait: true });
    const groupSec = r.grouping.after_commit ? secondsSince(t) : 0;
    const [{ problems }] = await db.query<{ problems: number }>('SELECT count(*) AS problems FROM problems');
    if (g.awaiting !== 0) throw new Error(`${g.awaiting} appeals still await grouping`);
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
    await pipeline(
      fs.createReadStream(rowsFile),
      c2.query(copyFrom('COPY appeals_twin FROM STDIN WITH (FORMAT binary)')),
    );
    const twinSec = secondsSince(t);
    const [{ n: twinRows }] = (await c2.query('SELECT count(*)::int AS n FROM appeals_twin')).rows;
    if (twinRows !== rows) throw new Error(`the twin table holds ${twinRows} rows, not ${rows}`);

    // Reference 3: ogr2ogr, the same CSV into PostGIS (the database has PostGIS since the migrations).
    t = process.hrtime.bigint();
    await ogr2ogr(url, file);
    const ogrSec = secondsSince(t);
    const [{ n: ogrRows, idx }] = (
      await c2.query(`SELECT (SELECT count(geom)::int FROM ogr_appeals) AS n,
      (SELECT count(*)::int FROM pg_indexes WHERE tablename = 'ogr_appeals' AND indexdef ILIKE '%USING gist%') AS idx`)
    ).rows;
    await c2.end();
    if (ogrRows !== rows || idx !== 1)
      throw new Error(`ogr2ogr loaded ${ogrRows} points of ${rows}, ${idx} GiST indexes`);

    const rate = (sec: number) => Math.round(rows / sec).toLocaleString('en');
    console.log(
      `raw COPY of the same rows into an empty table identical to appeals (indexes, constraints; no triggers): ${rate(twinSec)} rows/s (${twinSec.toFixed(1)} s)`,
    );
    console.log(
      `raw COPY of the file into a table of its own columns, no indexes: ${rate(copySec)} rows/s (${copySec.toFixed(1)} s)`,
    );
    console.log(
      `ogr2ogr of the file into PostGIS (point geometry, GiST index, COPY): ${rate(ogrSec)} rows/s (${ogrSec.toFixed(1)} s)`,
    );
    console.log(
      `our import: ${rate(oursSec)} rows/s (${oursSec.toFixed(1)} s), peak RSS ${(importPeak / 2 ** 20).toFixed(0)} MiB` +
        ` (${(peak / 2 ** 20).toFixed(0)} MiB with the grouping after it)`,
    );
    console.log(
      `ratio ours / COPY into the identical table: ${(twinSec / oursSec).toFixed(3)} (target >= 0.7); ` +
        `ours / COPY of the file: ${(copySec / oursSec).toFixed(3)}`,
    );
    console.log(`ours within ${(oursSec / ogrSec).toFixed(2)} × ogr2ogr (target <= 3)`);
    console.log(
      r.grouping.after_commit
        ? `grouping after the commit: ${groupAwaiting.toLocaleString('en')} appeals into ${Number(problems).toLocaleString('en')} problems in ${groupSec.toFixed(1)} s (target <= 120 s at 1 M)`
        : `grouped inside the import (${rows} rows <= PMAP_GROUP_INLINE_MAX): ${Number(problems).toLocaleString('en')} problems`,
    );
    return { oursSec, twinSec, copySec, ogrSec, groupSec, peakMiB: importPeak / 2 ** 20 };
  } finally {
    await dropDb(base, url);
  }
}

export async function run(): Promise<void> {
  const rows = arg('rows', 1_000_000);
  const runs = arg('runs', 1);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number >= 1, got ${runs}`);
  const gdal = ensureOgr2ogr();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-bench-'));
  const file = path.join(tmp, 'appeals.csv');
  writeBenchCsv(file, rows);
  console.log(
    `generated ${rows.toLocaleString('en')} rows (${(fs.statSync(file).size / 1e6).toFixed(0)} MB), deterministic; ${gdal}`,
  );
  const results: RunResult[] = [];
  await withServer(async (base) => {
    for (let i = 1; i <= runs; i++) {
      if (runs > 1) console.log(`-- run ${i} of ${runs}`);
      results.push(await runOnce(base, file, tmp, rows));
    }
  });
  fs.rmSync(tmp, { recursive: true, force: true });

  const head = [
    'run',
    'ours s',
    'COPY twin s',
    'COPY file s',
    'ogr2ogr s',
    'COPY twin / ours',
    'ours / ogr2ogr',
    'grouping s',
    'peak RSS MiB',
  ];
  const table = results.map((r, i) => [
    String(i + 1),
    r.oursSec.toFixed(1),
    r.twinSec.toFixed(1),
    r.copySec.toFixed(1),
    r.ogrSec.toFixed(1),
    (r.twinSec / r.oursSec).toFixed(3),
    (r.oursSec / r.ogrSec).toFixed(2),
    r.groupSec.toFixed(1),
    r.peakMiB.toFixed(0),
  ]);
  const line = (cells: string[]) => cells.map((c, j) => c.padStart(head[j]!.length)).join(' | ');
  console.log(`\n${line(head)}`);
  for (const row of table) console.log(line(row));
  console.log(
    `median of ${runs} run${runs > 1 ? 's' : ''}: ratio ours / COPY into the identical table ` +
      `${median(results.map((r) => r.twinSec / r.oursSec)).toFixed(3)} (target >= 0.7); ` +
      `ours within ${median(results.map((r) => r.oursSec / r.ogrSec)).toFixed(2)} × ogr2ogr (target <= 3); ` +
      `peak RSS ${median(results.map((r) => r.peakMiB)).toFixed(0)} MiB`,
  );
}
