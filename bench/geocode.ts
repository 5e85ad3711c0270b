/*
 * npm run bench -- geocode [--queries N]: batch geocoding throughput on PostgreSQL, against a reference measured in
 * the same run. Gazetteer: the accuracy test's synthetic register (tests/helpers/gazetteer, ~43 k entries, 8 towns).
 * Reference: raw SQL exact-key lookups — the stored normalised key of N entries joined to addresses in one query per
 * 10 k (what a lookup costs when the input is already clean and normalised). Ours: geocodeBatch over N perturbed
 * addresses as residents write them (parse, normalise, exact + trigram + typo candidates, house placement).
 * `--real`: the St Petersburg truth (real registry and appeals) instead, ours against the exact-text lookup.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg, freshDb, withServer } from './server';
import seedrandom from 'seedrandom';
import { openDatabase, type Database } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { geocodeBatch } from '../lib/enrich/geocode';
import { metresBetween } from '../lib/enrich/geocode/distance';
import { syntheticGazetteer } from '../tests/helpers/gazetteer/generate';
import { loadGazetteer } from '../tests/helpers/gazetteer/load';
import { perturbedQueries } from '../tests/helpers/gazetteer/perturb';
import {
  evaluateSpb,
  readSpbBuildings,
  readSpbTruth,
  SPB_APPEALS,
  SPB_BUILDINGS,
  spbQueries,
} from '../tests/helpers/spbAddresses';
import { importAddresses } from '../lib/ingest/addresses/importAddresses';
import { addressMappingSchema } from '../lib/ingest/addresses/mapping';
import { parseMapping } from '../lib/ingest/mapping';

const CHUNK = 10_000;

const seconds = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;
const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en');

async function reference(db: Database, n: number): Promise<number> {
  const norms = (await db.query<{ norm: string }>(`SELECT norm FROM addresses ORDER BY id`)).map((r) => r.norm);
  const r = seedrandom('pmap-bench-geocode-ref');
  const keys = Array.from({ length: n }, () => norms[Math.floor(r() * norms.length)]!);
  const t = process.hrtime.bigint();
  let found = 0;
  for (let k = 0; k < n; k += CHUNK) {
    const rows = await db.query(
      `SELECT q.norm, ST_Y(a.geom) AS lat, ST_X(a.geom) AS lon, a.text
      FROM unnest($1::text[]) AS q(norm) JOIN addresses a ON a.norm = q.norm`,
      [keys.slice(k, k + CHUNK)],
    );
    found += rows.length;
  }
  const s = seconds(t);
  if (found < n) throw new Error(`reference found ${found} of ${n}`);
  return s;
}

/**
 * --real: the St Petersburg truth of issue 26 instead (../shared/data, read in place): the portal's building registry
 * as the gazetteer, the appeals' official addresses as people write them; ours against the exact-text lookup of the
 * normalised string, on the held-out half, rate as the best of three runs. Same as `npm run realdata -- 30-spb`.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const REALDATA_DIR = path.resolve(process.env.PMAP_REALDATA_DIR ?? path.join(here, '..', '..', 'shared', 'data'));
const realFile = (rel: string) => path.join(REALDATA_DIR, rel);

async function runReal(): Promise<void> {
  const buildings = realFile(SPB_BUILDINGS);
  const appeals = realFile(SPB_APPEALS);
  if (!fs.existsSync(buildings) || !fs.existsSync(appeals)) {
    console.log(`--real: the St Petersburg files are not in ${REALDATA_DIR} (set PMAP_REALDATA_DIR)`);
    return;
  }
  const mappingFile = path.join(here, '..', 'realdata', 'mappings', 'spb_buildings.json');
  const mapping = parseMapping(addressMappingSchema, JSON.parse(fs.readFileSync(mappingFile, 'utf8')), mappingFile);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-bench-geo-real-'));
  await withServer(async (base) => {
    const db = await openDatabase({ url: await freshDb(base, 'pmap_bench_geocode_real') });
    try {
      await migrateToLatest(db);
      const imp = await importAddresses(db, buildings, { mapping, rejectsPath: path.join(tmp, 'rejects.csv') });
      console.log(`gazetteer: ${imp.inserted.toLocaleString('en')} St Petersburg buildings (${imp.rejected} rejected)`);
      const queries = spbQueries(readSpbTruth(appeals, readSpbBuildings(buildings)));
      const { heldOut: h } = await evaluateSpb(db, queries);
      const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
      console.log(
        `held-out ${h.queries.toLocaleString('en')} queries: ours ${pct(h.house25)} within 25 m, exact-text lookup ${pct(h.baseline25)}`,
      );
      console.log(`confident-wrong (≥ 0.8, > 25 m): ${pct(h.confidentWrong)}; answered ${pct(h.answered)}`);
      console.log(
        `ours: ${rate(h.perSecond, 1)} addresses/s over ${queries.length.toLocaleString('en')} queries (target ≥ 5,000: ${h.perSecond >= 5000 ? 'met' : 'NOT met'})`,
      );
    } finally {
      await db.close();
    }
  });
  fs.rmSync(tmp, { recursive: true, force: true });
}

export async function run(): Promise<void> {
  if (process.argv.includes('--real')) return runReal();
  const n = arg('queries', 50_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-bench-geo-'));
  const entries = syntheticGazetteer();
  const queries = perturbedQueries(entries, n, 'pmap-bench-geocode');
  await withServer(async (base) => {
    const db = await openDatabase({ url: await freshDb(base, 'pmap_bench_geocode') });
    try {
      await migrateToLatest(db);
      let t = process.hrtime.bigint();
      const imp = await loadGazetteer(db, entries, tmp);
      console.log(
        `gazetteer: ${imp.inserted.toLocaleString('en')} entries imported in ${seconds(t).toFixed(1)} s (${rate(imp.inserted, seconds(t))} rows/s)`,
      );
      await geocodeBatch(
        db,
        queries.slice(0, 2000).map((q) => q.text),
      ); // warm-up: JIT, plans, caches
      await reference(db, 2000);

      const refSec = await reference(db, n);
      t = process.hrtime.bigint();
      const hits = await geocodeBatch(
        db,
        queries.map((q) => q.text),
      );
      const oursSec = seconds(t);
      const near = hits.filter(
        (h, i) => h && metresBetween(h.lat, h.lon, queries[i]!.lat, queries[i]!.lon) <= 50,
      ).length;
      console.log(
        `reference (raw SQL exact-key lookups): ${rate(n, refSec)} lookups/s (${refSec.toFixed(2)} s for ${n.toLocaleString('en')})`,
      );
      console.log(
        `ours (geocodeBatch, perturbed addresses): ${rate(n, oursSec)} addresses/s (${oursSec.toFixed(2)} s), ${((100 * near) / n).toFixed(2)} % within 50 m`,
      );
      console.log(
        `ratio ours/reference: ${(refSec / oursSec).toFixed(2)}; target >= 5,000 addresses/s: ${n / oursSec >= 5000 ? 'met' : 'NOT met'}`,
      );
    } finally {
      await db.close();
    }
  });
  fs.rmSync(tmp, { recursive: true, force: true });
}
