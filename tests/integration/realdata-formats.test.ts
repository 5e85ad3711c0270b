import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { municipalityIds, type Cube } from '../../lib/aggregate/cube/cube';
import { importBoundaries } from '../../lib/ingest/boundaries/importBoundaries';
import { importPoints } from '../../lib/ingest/points/importPoints';
import { boundaryAtSql } from '../../db/sql/boundaryAt';
import { freshPostgres } from '../helpers/db';
import { HOURS_FILES, hoursFigures, hoursMapping, hoursRejects } from '../helpers/realHours';
import { noRealFile, realFile } from '../helpers/realdata';

/*
 * The real files of issue 26 for opening hours and OKTMO boundaries (../shared/data, read in place). Expected values
 * come from the files themselves (read here with csv-parse / JSON.parse) and from their README, not from the code
 * under test.
 */
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-realdata-formats-'));
let db: Database;
beforeAll(async () => {
  ({ db } = await freshPostgres('realdata_formats'));
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const importReal = async (i: number) => {
  const { file, mapping } = HOURS_FILES[i];
  const rejects = path.join(tmp, `${i}.rejects.csv`);
  const summary = await importPoints(db, realFile(file), {
    mapping: hoursMapping(mapping),
    rejectsPath: rejects,
    geocode: async () => null,
  });
  return {
    summary,
    figures: await hoursFigures(realFile(file), hoursMapping(mapping)),
    hoursRejected: hoursRejects(rejects),
  };
};
const hoursOf = async (source: string, externalId: string) =>
  (
    await db.query<{ hours: Record<string, string> }>(
      `SELECT p.hours FROM service_points p JOIN sources s ON s.id = p.source_id WHERE s.code = $1 AND p.external_id = $2`,
      [source, externalId],
    )
  )[0]?.hours;

describe.skipIf(noRealFile(HOURS_FILES[0].file))('opening hours: the Ontario test sites (a column per weekday)', () => {
  it('every row with hours is read fully; no site is rejected for its hours', async () => {
    const rows = parse(fs.readFileSync(realFile(HOURS_FILES[0].file)), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    const withHours = rows.filter((r) => WEEKDAYS.some((d) => r[d]?.trim())).length;
    const { summary, figures, hoursRejected } = await importReal(0);
    expect(summary.read).toBe(rows.length);
    // The README: 3 rows with empty or 0/0 coordinates, and nothing else wrong.
    expect(summary.rejected).toBe(3);
    expect(hoursRejected).toBe(0);
    expect(figures).toMatchObject({ values: withHours, parsedFully: withHours, daysUnknown: 0 });
    const kirkland = rows.find((r) => r.location_id === '1')!;
    expect((await hoursOf('ontario_test_sites_2021', '1'))?.monday).toBe(kirkland.monday);
  });
});

describe.skipIf(noRealFile(HOURS_FILES[1].file))(
  'opening hours: St Petersburg service points (OSM syntax and Russian forms)',
  () => {
    it('60 values (the README), all read: past midnight, "Круглосуточно", "Th[-1] off" as a noted exception', async () => {
      const fc = JSON.parse(fs.readFileSync(realFile(HOURS_FILES[1].file), 'utf8')) as FeatureCollection;
      const values = fc.features
        .map((f) => f.properties?.opening_hours as string | null)
        .filter((v): v is string => Boolean(v));
      const withDatedRule = values.filter((v) => /\[-?\d+\]/.test(v)).length;
      const { summary, figures, hoursRejected } = await importReal(1);
      expect(values).toHaveLength(60);
      expect(summary).toMatchObject({ read: 173, rejected: 0 });
      expect(hoursRejected).toBe(0);
      expect(figures).toMatchObject({ values: 60, parsedFully: 60, daysUnknown: 0, withExceptions: withDatedRule });
      expect(summary.notes.join('\n')).toContain(
        `${withDatedRule} points have opening hours that differ on some dates`,
      );
      const idOf = (v: string) => String(fc.features.find((f) => f.properties?.opening_hours === v)!.properties!.id);
      expect((await hoursOf('spb_service_hours', idOf('Mo-Su 9:30-3:00')))?.sunday).toBe('09:30-03:00');
      expect(await hoursOf('spb_service_hours', idOf('Круглосуточно'))).toMatchObject({
        monday: '00:00-00:00',
        sunday: '00:00-00:00',
      });
      expect(await hoursOf('spb_service_hours', idOf('We-Su 11:00-17:00; Th[-1] off "санитарный день"'))).toMatchObject(
        { monday: 'closed', tuesday: 'closed', wednesday: '11:00-17:00', thursday: '11:00-17:00' },
      );
    });
  },
);

describe.skipIf(noRealFile(HOURS_FILES[2].file))('opening hours: OSM points of interest in Moscow', () => {
  it('12 values in OSM syntax, all read; the rows without a name are rejected for that, not for hours', async () => {
    const rows = parse(fs.readFileSync(realFile(HOURS_FILES[2].file)), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    const nameless = rows.filter((r) => !r.name.trim()).length;
    const { summary, figures, hoursRejected } = await importReal(2);
    expect(summary).toMatchObject({ read: rows.length, rejected: nameless });
    expect(hoursRejected).toBe(0);
    expect(figures).toMatchObject({ values: rows.length, parsedFully: rows.length, daysUnknown: 0 });
    // The id is composite (osm_type and osm_id); how its parts are joined is the importer's business.
    const [{ id }] = await db.query<{ id: string }>(
      `SELECT external_id AS id FROM service_points WHERE external_id LIKE '%1684606592'`,
    );
    expect(id).toMatch(/^node\W+1684606592$/);
    expect(await hoursOf('moscow_osm_pois', id)).toEqual({
      monday: '08:00-20:00',
      tuesday: '08:00-20:00',
      wednesday: '08:00-20:00',
      thursday: '08:00-20:00',
      friday: '08:00-20:00',
      saturday: '08:00-16:00',
      sunday: 'closed',
    });
  });
});

/** Distance in metres from a point to a polygon's edge (an equirectangular plane at the point: fine at this scale). */
function depth(pt: Position, g: Polygon | MultiPolygon): number {
  const k = Math.cos((pt[1] * Math.PI) / 180);
  const xy = (p: Position) => [p[0] * 111_320 * k, p[1] * 110_574];
  const [px, py] = xy(pt);
  let best = Infinity;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const ring of polys.flat()) {
    for (let i = 1; i < ring.length; i++) {
      const [ax, ay] = xy(ring[i - 1]);
      const [bx, by] = xy(ring[i]);
      const t = Math.max(
        0,
        Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2 || 1)),
      );
      best = Math.min(best, Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay))));
    }
  }
  return best;
}

const MO = 'moscow_municipalities/mo.geojson';
const AO = 'moscow_municipalities/ao.geojson';
const KALININGRAD = 'kaliningrad_settlements_osm.geojson';

describe.skipIf(noRealFile(MO, AO, KALININGRAD))('OKTMO boundaries: Moscow and Kaliningrad', () => {
  it('Moscow: 146 units, OKTMO kept as 8-digit text; 12 okrugs by OKATO; ё names found spelt with е', async () => {
    const mo = JSON.parse(fs.readFileSync(realFile(MO), 'utf8')) as FeatureCollection;
    const r = await importBoundaries(db, realFile(MO), {
      level: 'municipality',
      rejectsPath: path.join(tmp, 'mo.rej'),
    });
    expect(r).toMatchObject({ read: 146, inserted: 146, rejected: 0 });
    const a = await importBoundaries(db, realFile(AO), { level: 'region', rejectsPath: path.join(tmp, 'ao.rej') });
    expect(a).toMatchObject({ read: 12, inserted: 12, rejected: 0 });
    const units = await db.query<{ id: number; code: string; name: string }>(
      `SELECT id, code, name FROM boundaries WHERE level = 'municipality'`,
    );
    expect(new Set(units.map((u) => `${u.code} ${u.name}`))).toEqual(
      new Set(mo.features.map((f) => `${f.properties!.OKTMO} ${f.properties!.NAME}`)),
    );
    const okrugs = await db.query<{ code: string }>(`SELECT code FROM boundaries WHERE level = 'region' ORDER BY code`);
    expect(okrugs.every((o) => /^45\d{6}$/.test(o.code))).toBe(true);
    const yo = units.filter((u) => /ё/i.test(u.name));
    expect(yo.map((u) => u.name)).toEqual(expect.arrayContaining(['Тёплый Стан', 'Филёвский Парк', 'Савёлки']));
    const cube = { municipalities: units } as unknown as Cube;
    for (const u of yo)
      expect([...municipalityIds(cube, { municipality: u.name.replace(/ё/g, 'е'), gratitude: 'include' })]).toEqual([
        u.id,
      ]);
  });

  it('Kaliningrad settlements overlap: a point in each overlap goes to the nested polygon, else the one it lies deepest inside', async () => {
    const r = await importBoundaries(db, realFile(KALININGRAD), {
      level: 'municipality',
      nameProperty: 'населенный_пункт',
      rejectsPath: path.join(tmp, 'k.rej'),
    });
    expect(r).toMatchObject({ read: 396, inserted: 396, rejected: 0 });
    const pairs = (r as unknown as { overlapping_pairs: number }).overlapping_pairs;
    expect(pairs).toBeGreaterThan(0);
    expect(r.notes.join('\n')).toContain(`${pairs} pairs of municipality polygons overlap`);
    const probes = await db.query<{
      pt: string;
      chosen: string;
      a: string;
      b: string;
      ga: string;
      gb: string;
      inner_code: string | null;
    }>(
      `WITH pair AS (
         SELECT a.code AS a, b.code AS b, ST_AsGeoJSON(a.geom) AS ga, ST_AsGeoJSON(b.geom) AS gb,
                CASE WHEN ST_Contains(a.geom, b.geom) THEN b.code WHEN ST_Contains(b.geom, a.geom) THEN a.code END AS inner_code,
                ST_PointOnSurface(ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3)) AS pt
         FROM boundaries a JOIN boundaries b ON b.level = a.level AND a.id < b.id AND a.geom && b.geom
         WHERE a.level = 'municipality' AND ST_Relate(a.geom, b.geom, '2********'))
       SELECT ST_AsGeoJSON(pt) AS pt, ${boundaryAtSql('municipality', 'pair.pt', 'code')} AS chosen, a, b, ga, gb, inner_code FROM pair`,
    );
    expect(probes).toHaveLength(pairs);
    let notSmallest = 0;
    // A settlement inside another's outline (an allotment inside Калининград's): the point is the inner one's.
    const nested = probes.filter((p) => p.inner_code !== null);
    expect(nested.map((p) => p.inner_code).sort()).toEqual(['Коса', 'Рыбная Деревня', 'СНТ «Энергетик»', 'СНТ Победа']);
    for (const p of nested) expect(p.chosen).toBe(p.inner_code);
    for (const p of probes.filter((x) => x.inner_code === null)) {
      const pt = (JSON.parse(p.pt) as { coordinates: Position }).coordinates;
      const [da, db2] = [depth(pt, JSON.parse(p.ga)), depth(pt, JSON.parse(p.gb))];
      // Only where two settlements overlap (no third polygon at the probe) is the answer one of the pair.
      const want = da >= db2 ? p.a : p.b;
      if (Math.abs(da - db2) > 0.5)
        expect({ pair: [p.a, p.b], chosen: p.chosen }).toEqual({ pair: [p.a, p.b], chosen: want });
      if (p.chosen !== [p.a, p.b].sort()[0]) notSmallest++;
    }
    expect((r as unknown as { nested_pairs: number }).nested_pairs).toBe(nested.length);
    // The old rule (smallest code) would have given some of these points to the shallower polygon.
    expect(notSmallest).toBeGreaterThan(0);
  });
});
