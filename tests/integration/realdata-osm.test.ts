import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureSnap, osmSnapCases, osmSnapFiles, type SnapScore } from '../../bench/snapData';
import type { Database } from '../../db';
import { geocodeBatch } from '../../lib/enrich/geocode';
import { metresBetween } from '../../lib/enrich/geocode/distance';
import { SNAP_MAX_M, SNAP_NAME_MARGIN_M } from '../../lib/enrich/spatial';
import * as osm from '../../scripts/realdata/20-osm';
import type { RealdataRow } from '../../scripts/realdata/types';
import { freshPostgres } from '../helpers/db';
import { noRealFile, REALDATA_DIR } from '../helpers/realdata';

/*
 * The real OSM extract of northern Moscow (../shared/data/moscow_osm, © OpenStreetMap contributors, ODbL 1.0), read
 * in place. Expected values are read off the files themselves (counted by hand / by a separate script), not from our
 * code: 588 ways, highway secondary 65 + secondary_link 11, residential 39 + unclassified 11 + living_street 1,
 * 115 with cladr:code, oneway yes 130 / -1 1 (Прудовой проезд, way 40551413) / no 7; 379 buildings, 2 without
 * addr:street, 6 whose number has a корпус letter or two letters («21А кА», «1АБ», «в17» …).
 */
describe.skipIf(noRealFile(osm.ROADS, osm.ADDRESSES))('real OSM roads and addresses (moscow_osm)', () => {
  let db: Database;
  let rows: RealdataRow[];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-realdata-osm-'));

  beforeAll(async () => {
    ({ db } = await freshPostgres('realdata_osm'));
    rows = await osm.run({ db, dataDir: REALDATA_DIR, tmp });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('imports every way: highway as the class, cladr:code as the street code, oneway incl. -1', async () => {
    const r = rows.find((x) => x.step === 'roads')!;
    expect(r).toMatchObject({ read: 588, inserted: 588, rejected: 0 });
    const classes = Object.fromEntries(
      (
        await db.query<{ c: string; n: number }>(
          `SELECT road_class AS c, count(*)::int AS n FROM road_segments GROUP BY 1`,
        )
      ).map((x) => [x.c, x.n]),
    );
    expect(classes).toMatchObject({
      secondary: 76,
      tertiary: 47,
      residential: 51,
      service: 274,
      footway: 118,
      steps: 9,
    });
    const [k] = await db.query<{ codes: number; along: number; against: number; both: number }>(
      `SELECT count(street_code)::int AS codes, count(*) FILTER (WHERE oneway = 1)::int AS along,
              count(*) FILTER (WHERE oneway = -1)::int AS against, count(*) FILTER (WHERE oneway = 0)::int AS both FROM road_segments`,
    );
    expect(k).toEqual({ codes: 115, along: 130, against: 1, both: 7 });
    const [w] = await db.query<{ name: string; oneway: number; street_code: string; street_key: string }>(
      `SELECT name, oneway, street_code, street_key FROM road_segments WHERE external_id = '40551413'`,
    );
    expect(w).toEqual({
      name: 'Прудовой проезд',
      oneway: -1,
      street_code: '77000000000239800',
      street_key: 'прудовой',
    });
    const [c] = await db.query<{ street_code: string; road_class: string }>(
      `SELECT street_code, road_class FROM road_segments WHERE external_id = '14418627'`,
    );
    expect(c).toEqual({ street_code: '77000000000314300', road_class: 'secondary' });
  });

  it('imports the buildings as a gazetteer with OSM house numbers, and finds each address back at its house', async () => {
    const r = rows.find((x) => x.step === 'gazetteer + geocode back')!;
    expect(r).toMatchObject({ read: 379, inserted: 371, rejected: 8 });
    expect(r.rejectedBy).toEqual({
      'column "addr_housenumber": cannot read a house number in "…"': 6,
      'column "addr_street": the address is empty': 2,
    });
    // The numbers as people write them find the building OSM wrote as «17А к3» and «29/16» (points from the file).
    const [a, b] = await geocodeBatch(db, [
      'Москва, ул. Гончарова, д. 17а корп. 3',
      'Москва, Добролюбова ул., дом 29/16',
    ]);
    expect(metresBetween(a!.lat, a!.lon, 55.8181942, 37.5879827)).toBeLessThan(1);
    expect(metresBetween(b!.lat, b!.lon, 55.8207279, 37.5899038)).toBeLessThan(1);
    // Every imported address comes back at a building of that address; of all 377 with a street and a number, the 6
    // unreadable numbers are the only misses. No answer is confidently wrong.
    expect(r.figures!['right house ≤25 m, imported']).toBe('100.0 % (371/371)');
    expect(r.figures!['right house ≤25 m, all addresses']).toBe('98.4 % (371/377)');
    // The same addresses typed as residents do («москва ул. гончарова, д. 17а корп. 3», е for ё).
    expect(r.figures!['right house ≤25 m, written as people write']).toBe('98.4 % (371/377)');
    expect(r.figures!['confident-wrong (≥0.8)']).toBe(0);
  });

  describe('road snapping on real ways: ours is never worse than the nearest segment', () => {
    let scores: SnapScore[];
    beforeAll(async () => {
      scores = [];
      for (const f of osmSnapFiles(osmSnapCases(REALDATA_DIR)))
        scores.push(await measureSnap(db, f, tmp, SNAP_NAME_MARGIN_M, [SNAP_MAX_M]));
      for (const s of scores)
        console.log(
          `${s.file}: ${s.points} points, ours ${(s.ours * 100).toFixed(1)} %, nearest ${(s.nearest * 100).toFixed(1)} %`,
        );
    }, 300_000);

    it("nearest building's address (often a cross street): ours ≥ nearest, the old name-first rule far below", () => {
      const s = scores.find((x) => x.file === 'osm: nearest building')!;
      expect(s.points).toBeGreaterThan(2500);
      expect(s.margin).toBe(SNAP_NAME_MARGIN_M);
      expect(s.ours).toBeGreaterThanOrEqual(s.nearest);
      expect(s.nearest).toBeGreaterThan(0.9);
      expect(s.sweep.find((w) => w.margin === SNAP_MAX_M)!.share).toBeLessThan(s.nearest - 0.1);
      // A cross street or another building's street never wins from farther than the margin.
      expect(s.groups['other street']!.ours).toBeGreaterThan(s.sweep.find((w) => w.margin === SNAP_MAX_M)!.share);
    });

    it("the way's own street: the name breaks near-ties and gains on nearest", () => {
      const s = scores.find((x) => x.file === 'osm: own street')!;
      expect(s.points).toBeGreaterThan(1000);
      expect(s.ours).toBeGreaterThanOrEqual(s.nearest + 0.03);
    });
  });
});
