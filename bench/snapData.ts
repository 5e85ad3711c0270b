/*
 * Truth for road snapping built from REAL geometry (the moscow_osm extract in ../shared/data, read in place): points
 * sampled along real OSM ways (truth = that way) with seeded GPS noise and a lateral lane offset, each carrying the
 * address of the nearest real building (addresses.csv) — whose street is often the cross street or a street 20–60 m
 * away, the failure mode of issue 26 — or, in the second file, the way's own street. Shared by `npm run bench -- snap`,
 * scripts/realdata/60-snap.ts and tests/integration/realdata-osm.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Feature, FeatureCollection, LineString } from 'geojson';
import seedrandom from 'seedrandom';
import type { Database } from '../db/client';
import { degreesLatText as degreesLat, degreesLonText as degreesLon } from '../db/sql/spatial';
import { SNAP_MAX_M, snapToRoads } from '../lib/enrich/spatial';
import { importAppeals } from '../lib/ingest/appeals/importAppeals';
import { appealMappingSchema, readMappingFile, type AppealMapping } from '../lib/ingest/mapping';
import { importRoads } from '../lib/ingest/roads/importRoads';
import { roadMappingSchema } from '../lib/ingest/roads/mapping';

export const OSM_ROADS = 'moscow_osm/roads.geojson';
export const OSM_ADDRESSES = 'moscow_osm/addresses.csv';
export const OSM_ROADS_MAPPING = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'realdata',
  'mappings',
  'moscow_osm_roads.json',
);

/** OSM ways no pothole crew fills: the truth is sampled on the others (every way stays a snapping candidate). */
const NOT_CARRIAGEWAY = new Set([
  'footway',
  'path',
  'steps',
  'bridleway',
  'construction',
  'pedestrian',
  'cycleway',
  'track',
]);
/** One point per this many metres of carriageway, at least one per way. */
const SPACING_M = 30;
/** GPS noise: a normal error of this many metres on each axis (consumer receivers: 2–5 m). */
const GPS_SIGMA_M = 3;
/** The fill is on a lane, not on the centre line: a lateral offset uniform in ± this many metres. */
const LANE_M = 3.5;
/** The seed of the committed figures (docs/road-snapping.md, tests/integration/realdata-osm.test.ts). */
export const OSM_SNAP_SEED = 'pmap-snap-osm';

export interface SnapCase {
  id: string;
  lat: number;
  lon: number;
  /** The OSM way the point was sampled on (osm_id): the segment a city would record. */
  truth: string;
  /** The way's own street name, if it has one. */
  wayName: string | null;
  /** The nearest real building's address and street, and its distance in metres. */
  buildingAddress: string;
  buildingStreet: string;
  buildingM: number;
}

const lc = (s: string) => s.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** Metres east and north of (lon0, lat0): an equirectangular frame, exact enough over a few kilometres. */
function frame(lat0: number) {
  const kx = 111320 * Math.cos((lat0 * Math.PI) / 180);
  const ky = 110574;
  return {
    toXY: (lon: number, lat: number): [number, number] => [lon * kx, lat * ky],
    toLonLat: (x: number, y: number): [number, number] => [x / kx, y / ky],
  };
}

/** The sampled points of the real files (seeded: the same points every run). */
export function osmSnapCases(dataDir: string, seed: string = OSM_SNAP_SEED): SnapCase[] {
  const roads = JSON.parse(fs.readFileSync(path.join(dataDir, OSM_ROADS), 'utf8')) as FeatureCollection;
  const buildings = (
    parse(fs.readFileSync(path.join(dataDir, OSM_ADDRESSES), 'utf8'), { columns: true, bom: true }) as Record<
      string,
      string
    >[]
  )
    .filter((b) => b.addr_street && b.addr_housenumber && b.lat && b.lon)
    .map((b) => ({ street: b.addr_street!, house: b.addr_housenumber!, lat: Number(b.lat), lon: Number(b.lon) }));
  const f = frame(55.8);
  const bxy = buildings.map((b) => f.toXY(b.lon, b.lat));
  const rand = seedrandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const cases: SnapCase[] = [];
  for (const feat of roads.features as Feature<LineString>[]) {
    const p = feat.properties ?? {};
    if (feat.geometry?.type !== 'LineString' || NOT_CARRIAGEWAY.has(String(p.highway))) continue;
    const pts = feat.geometry.coordinates.map(([lon, lat]) => f.toXY(lon!, lat!));
    const cum = [0];
    for (let i = 1; i < pts.length; i++)
      cum.push(cum[i - 1]! + Math.hypot(pts[i]![0] - pts[i - 1]![0], pts[i]![1] - pts[i - 1]![1]));
    const len = cum[cum.length - 1]!;
    if (len <= 0) continue;
    const n = Math.max(1, Math.round(len / SPACING_M));
    for (let k = 0; k < n; k++) {
      const at = rand() * len;
      let i = 1;
      while (i < pts.length - 1 && cum[i]! < at) i++;
      const [a, b] = [pts[i - 1]!, pts[i]!];
      const seg = cum[i]! - cum[i - 1]! || 1;
      const t = (at - cum[i - 1]!) / seg;
      const [ux, uy] = [(b[0] - a[0]) / seg, (b[1] - a[1]) / seg];
      const lane = (rand() * 2 - 1) * LANE_M;
      const x = a[0] + (b[0] - a[0]) * t - uy * lane + gauss() * GPS_SIGMA_M;
      const y = a[1] + (b[1] - a[1]) * t + ux * lane + gauss() * GPS_SIGMA_M;
      let best = 0;
      let bestD = Infinity;
      bxy.forEach(([bx, by], j) => {
        const d = Math.hypot(bx - x, by - y);
        if (d < bestD) {
          bestD = d;
          best = j;
        }
      });
      const bld = buildings[best]!;
      const [lon, lat] = f.toLonLat(x, y);
      cases.push({
        id: `${p.osm_id}-${k}`,
        lat,
        lon,
        truth: String(p.osm_id),
        wayName: p.name ? String(p.name) : null,
        buildingAddress: `Москва, ${bld.street}, ${bld.house}`,
        buildingStreet: bld.street,
        buildingM: bestD,
      });
    }
  }
  return cases;
}

/** One appeals file of the measurement: its points, their truth, and which way the address names the street. */
export interface SnapFile {
  name: string;
  /** Rows: id, lat, lon, address (may be empty), truth segment external id. */
  rows: { id: string; lat: number; lon: number; address: string; truth: string; group: string }[];
}

/**
 * The two files of the real-geometry measurement. "nearest building": every point carries the nearest real building's
 * address (grouped by whether its street is the way's own, another street, or the way has no name). "own street": the
 * points on named ways, each carrying the way's own street and the nearest building's number.
 */
export function osmSnapFiles(cases: SnapCase[]): SnapFile[] {
  const group = (c: SnapCase) =>
    !c.wayName ? 'unnamed way' : lc(c.wayName) === lc(c.buildingStreet) ? 'own street' : 'other street';
  return [
    {
      name: 'osm: nearest building',
      rows: cases.map((c) => ({
        id: c.id,
        lat: c.lat,
        lon: c.lon,
        address: c.buildingAddress,
        truth: c.truth,
        group: group(c),
      })),
    },
    {
      name: 'osm: own street',
      rows: cases
        .filter((c) => c.wayName)
        .map((c) => ({
          id: c.id,
          lat: c.lat,
          lon: c.lon,
          truth: c.truth,
          group: 'own street',
          address: `Москва, ${c.wayName}, ${/, ([^,]+)$/.exec(c.buildingAddress)?.[1] ?? '1'}`,
        })),
    },
  ];
}

/** Imports the real roads (all 588 ways, footways included: they are candidates a real import would hold). */
export async function importOsmRoads(db: Database, dataDir: string) {
  return importRoads(db, path.join(dataDir, OSM_ROADS), {
    mapping: readMappingFile(roadMappingSchema, OSM_ROADS_MAPPING),
  });
}

export interface SnapScore {
  file: string;
  points: number;
  /** Share of points snapped to their true segment: our rule at `margin`, and the nearest segment only. */
  ours: number;
  nearest: number;
  margin: number;
  /** Share at each margin of the sweep (0 = nearest only; SNAP_MAX_M = the old rule, any named segment in reach). */
  sweep: { margin: number; share: number }[];
  /** Ours and nearest per group of points (own street / other street / unnamed way …). */
  groups: Record<string, { points: number; ours: number; nearest: number }>;
}

export const SWEEP_M = [0, 1, 2, 3, 4, 5, 7, 10, 15, 20, 30, SNAP_MAX_M];

/** The source code a measured file's appeals are stored under. */
const sourceOf = (name: string) => `snap_truth_${name.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`;

/**
 * Imports one file of points (topic roads) into a database that holds the roads, snaps them with our rule at
 * `margin` (what the import does) and at every margin of the sweep, and with the plain nearest segment (an
 * independent query, not our code). Leaves the appeals snapped with `margin`.
 */
export async function measureSnap(
  db: Database,
  file: SnapFile,
  tmp: string,
  margin: number,
  sweepM: readonly number[] = SWEEP_M,
): Promise<SnapScore> {
  const csv = path.join(tmp, `${sourceOf(file.name)}.csv`);
  fs.writeFileSync(
    csv,
    stringify([
      ['external_id', 'created_at', 'topic', 'text', 'address', 'lat', 'lon'],
      ...file.rows.map((r) => [r.id, '2026-04-01T10:00:00Z', 'roads', 'Яма на дороге', r.address, r.lat, r.lon]),
    ]),
  );
  const mapping = appealMappingSchema.parse({
    source: sourceOf(file.name),
    fields: {
      external_id: 'external_id',
      created_at: 'created_at',
      topic: 'topic',
      text: 'text',
      address: 'address',
      lat: 'lat',
      lon: 'lon',
    },
  });
  return measureImported(
    db,
    csv,
    mapping,
    new Map(file.rows.map((r) => [r.id, r.truth])),
    file.name,
    margin,
    new Map(file.rows.map((r) => [r.id, r.group])),
    sweepM,
  );
}

/** The same for a user's own appeals file: `truth` maps each external id to its true segment's external id. */
export async function measureImported(
  db: Database,
  csv: string,
  mapping: AppealMapping,
  truth: Map<string, string>,
  name: string,
  margin: number,
  groups = new Map<string, string>(),
  sweepM: readonly number[] = SWEEP_M,
): Promise<SnapScore> {
  await importAppeals(db, csv, { mapping, rejectsPath: `${csv}.rejects.csv` });
  const [{ id: sourceId }] = await db.query<{ id: number }>(`SELECT id FROM sources WHERE code = $1`, [mapping.source]);
  const ids = `SELECT id FROM appeals WHERE source_id = ${Number(sourceId)} AND topic = 'roads'`;
  const snapped = async () =>
    new Map(
      (
        await db.query<{ ext: string; seg: string | null }>(
          `SELECT a.external_id AS ext, r.external_id AS seg FROM appeals a LEFT JOIN road_segments r ON r.id = a.road_segment_id
     WHERE a.id IN (${ids})`,
        )
      ).map((r) => [r.ext, r.seg]),
    );
  const nearestRows = await db.query<{ ext: string; seg: string | null }>(
    `SELECT a.external_id AS ext, (SELECT r.external_id FROM road_segments r
       WHERE r.geom && ST_Expand(a.geom, ${degreesLon(SNAP_MAX_M, 'ST_Y(a.geom)')}, ${degreesLat(SNAP_MAX_M)})
         AND ST_DWithin(r.geom::geography, a.geom::geography, ${SNAP_MAX_M})
       ORDER BY ST_Distance(r.geom::geography, a.geom::geography), r.id LIMIT 1) AS seg
     FROM appeals a WHERE a.id IN (${ids}) AND a.geom IS NOT NULL`,
  );
  const nearest = new Map(nearestRows.map((r) => [r.ext, r.seg]));
  const keys = [...truth.keys()];
  const share = (m: Map<string, string | null>, ks = keys) =>
    ks.length ? ks.filter((k) => m.get(k) === truth.get(k)).length / ks.length : 0;
  const sweep: { margin: number; share: number }[] = [];
  for (const m of sweepM) {
    await db.transaction((s) => snapToRoads(s, ids, m));
    sweep.push({ margin: m, share: share(await snapped()) });
  }
  await db.transaction((s) => snapToRoads(s, ids, margin));
  const ours = await snapped();
  const byGroup: SnapScore['groups'] = {};
  for (const g of new Set(groups.values())) {
    const ks = keys.filter((k) => groups.get(k) === g);
    byGroup[g] = { points: ks.length, ours: share(ours, ks), nearest: share(nearest, ks) };
  }
  return {
    file: name,
    points: keys.length,
    ours: share(ours),
    nearest: share(nearest),
    margin,
    sweep,
    groups: byGroup,
  };
}

/** "98.8 %" */
export const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
