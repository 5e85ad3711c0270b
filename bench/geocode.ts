/*
 * npm run bench -- geocode [--queries N]: batch geocoding throughput on PostgreSQL, against a reference measured in
 * the same run. Gazetteer: the accuracy test's synthetic register (tests/helpers/gazetteer, ~43 k entries, 8 towns).
 * Reference: raw SQL exact-key lookups — the stored normalised key of N entries joined to addresses in one query per
 * 10 k (what a lookup costs when the input is already clean and normalised). Ours: geocodeBatch over N perturbed
 * addresses as residents write them (parse, normalise, exact + trigram + typo candidates, house placement).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { arg, freshDb, withServer } from './server';
import seedrandom from 'seedrandom';
import { openDatabase, type Database } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { geocodeBatch } from '../lib/enrich/geocode';
import { metresBetween } from '../lib/enrich/geocode/distance';
import { syntheticGazetteer } from '../tests/helpers/gazetteer/generate';
import { loadGazetteer } from '../tests/helpers/gazetteer/load';
import { perturbedQueries } from '../tests/helpers/gazetteer/perturb';

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
    const rows = await db.query(`SELECT q.norm, ST_Y(a.geom) AS lat, ST_X(a.geom) AS lon, a.text
      FROM unnest($1::text[]) AS q(norm) JOIN addresses a ON a.norm = q.norm`, [keys.slice(k, k + CHUNK)]);
    found += rows.length;
  }
  const s = seconds(t);
  if (found < n) throw new Error(`reference found ${found} of ${n}`);
  return s;
}

export async function run(): Promise<void> {
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
      console.log(`gazetteer: ${imp.inserted.toLocaleString('en')} entries imported in ${seconds(t).toFixed(1)} s (${rate(imp.inserted, seconds(t))} rows/s)`);
      await geocodeBatch(db, queries.slice(0, 2000).map((q) => q.text)); // warm-up: JIT, plans, caches
      await reference(db, 2000);

      const refSec = await reference(db, n);
      t = process.hrtime.bigint();
      const hits = await geocodeBatch(db, queries.map((q) => q.text));
      const oursSec = seconds(t);
      const near = hits.filter((h, i) => h && metresBetween(h.lat, h.lon, queries[i]!.lat, queries[i]!.lon) <= 50).length;
      console.log(`reference (raw SQL exact-key lookups): ${rate(n, refSec)} lookups/s (${refSec.toFixed(2)} s for ${n.toLocaleString('en')})`);
      console.log(`ours (geocodeBatch, perturbed addresses): ${rate(n, oursSec)} addresses/s (${oursSec.toFixed(2)} s), ${((100 * near) / n).toFixed(2)} % within 50 m`);
      console.log(`ratio ours/reference: ${(refSec / oursSec).toFixed(2)}; target >= 5,000 addresses/s: ${n / oursSec >= 5000 ? 'met' : 'NOT met'}`);
    } finally {
      await db.close();
    }
  });
  fs.rmSync(tmp, { recursive: true, force: true });
}
