import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { geocodeBatch } from '../../lib/enrich/geocode';
import { metresBetween } from '../../lib/enrich/geocode/distance';
import { syntheticGazetteer } from '../helpers/gazetteer/generate';
import { loadGazetteer } from '../helpers/gazetteer/load';
import { absentQueries, PERTURBATIONS, perturbedQueries } from '../helpers/gazetteer/perturb';
import { freshPostgres } from '../helpers/db';

/*
 * The acceptance target for the offline geocoder: on a register-shaped gazetteer of ≥ 20 000 addresses, perturbed
 * queries land within 50 m of the truth ≥ 97 % of the time, and answers given with confidence ≥ 0.8 that are more
 * than 50 m off stay ≤ 0.5 %. Addresses the gazetteer lacks must not get confident answers either.
 */
const QUERIES = 10_000;
const NEAR_M = 50;
const CONFIDENT = 0.8;

let db: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-geo-acc-'));
const entries = syntheticGazetteer();

beforeAll(async () => {
  ({ db } = await freshPostgres('geocode_accuracy'));
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(2)} %`;

describe('geocoding accuracy on a synthetic register', () => {
  it('imports the whole gazetteer (≥ 20 000 entries, none rejected)', async () => {
    expect(entries.length).toBeGreaterThanOrEqual(20_000);
    const r = await loadGazetteer(db, entries, tmp);
    expect(r).toMatchObject({ read: entries.length, inserted: entries.length, rejected: 0 });
  });

  it(`perturbed queries: top-1 within ${NEAR_M} m ≥ 97 %, confident-wrong ≤ 0.5 %`, async () => {
    const queries = perturbedQueries(entries, QUERIES);
    const t0 = performance.now();
    const hits = await geocodeBatch(
      db,
      queries.map((q) => q.text),
    );
    const seconds = (performance.now() - t0) / 1000;
    let near = 0;
    let confidentWrong = 0;
    let none = 0;
    const by = new Map(PERTURBATIONS.map((p) => [p, { n: 0, near: 0 }]));
    const misses: string[] = [];
    queries.forEach((q, i) => {
      const h = hits[i];
      const d = h ? metresBetween(q.lat, q.lon, h.lat, h.lon) : Infinity;
      if (!h) none++;
      if (d <= NEAR_M) near++;
      if (h && h.confidence >= CONFIDENT && d > NEAR_M) confidentWrong++;
      for (const p of q.applied) {
        const b = by.get(p)!;
        b.n++;
        if (d <= NEAR_M) b.near++;
      }
      if (d > NEAR_M && misses.length < 40)
        misses.push(`  ${q.text} → ${h ? `${h.matched} (${h.confidence}, ${Math.round(d)} m)` : 'no match'}`);
    });
    const lines = [
      `geocode accuracy: ${entries.length} gazetteer entries, ${QUERIES} perturbed queries, ${(QUERIES / seconds).toFixed(0)} addresses/s`,
      `  top-1 within ${NEAR_M} m: ${pct(near, QUERIES)}; confident-wrong (≥ ${CONFIDENT}, > ${NEAR_M} m): ${pct(confidentWrong, QUERIES)}; no match: ${pct(none, QUERIES)}`,
      ...[...by].map(([p, b]) => `  ${p.padEnd(14)} ${pct(b.near, b.n)} of ${b.n}`),
    ];
    if (process.env.GEOCODE_MISSES) lines.push('misses:', ...misses);
    console.log(lines.join('\n'));
    expect(near / QUERIES).toBeGreaterThanOrEqual(0.97);
    expect(confidentWrong / QUERIES).toBeLessThanOrEqual(0.005);
  });

  it('addresses the gazetteer lacks get no confident answer', async () => {
    const absent = absentQueries(entries, 2000);
    const hits = await geocodeBatch(db, absent);
    const confident = hits.filter((h) => h && h.confidence >= CONFIDENT).length;
    const any = hits.filter(Boolean).length;
    console.log(
      `absent addresses: ${absent.length}; answered ${pct(any, absent.length)}, confidently ${pct(confident, absent.length)}`,
    );
    if (process.env.GEOCODE_MISSES)
      absent.forEach((q, i) => {
        if (hits[i]) console.log(`  ${q} → ${hits[i]!.matched} (${hits[i]!.confidence})`);
      });
    expect(confident / absent.length).toBeLessThanOrEqual(0.005);
  });
});
