import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Database, Session } from '../../db';
import { importAppeals } from '../ingest/appeals/importAppeals';
import { appealMappingSchema, parseMapping } from '../ingest/mapping';
import { assignBoundaries } from '../enrich/spatial';
import { upsertUser } from '../auth/users';
import { MUNICIPALITIES } from './region-data';
import { seedGazetteer } from './seedGazetteer';
import { demoAppeals, demoBoundaries, demoPlans, demoPoints, demoRoads, type DemoAppeal } from './index';

export interface SeedOptions {
  appeals?: number;
  onProgress?: (n: number) => void;
}

const DEMO_SOURCES: Record<string, string> = {
  incident_management: '«Инцидент Менеджмент» (соцсети) — демо',
  pos_gosuslugi: 'ПОС «Госуслуги. Решаем вместе» — демо',
  active_citizen: '«Активный гражданин» — демо',
  chatbot: 'Чат-бот — демо',
  hotline: 'Горячая линия — демо',
};

/** The mapping the demo NDJSON files use: the same importer path as any foreign source. */
function demoMapping(source: string) {
  return parseMapping(appealMappingSchema, {
    source,
    source_name: DEMO_SOURCES[source],
    fields: {
      external_id: 'externalId', created_at: 'createdAt', closed_at: 'closedAt', status: 'status', topic: 'topic',
      is_gratitude: 'isGratitude', text: 'text', address: 'address', street: 'street', house: 'house',
      lat: 'lat', lon: 'lon', author: 'author', channel: 'channel',
    },
  }, `demo:${source}`);
}

async function seedBoundaries(db: Database): Promise<number> {
  const all = demoBoundaries();
  await db.transaction(async (s) => {
    for (const b of all) {
      await s.query(
        `INSERT INTO boundaries (level, code, name, props, geom)
         VALUES ($1, $2, $3, '{"approximate": true}', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($4), 4326)))
         ON CONFLICT (level, code) DO UPDATE SET name = excluded.name, geom = excluded.geom, props = excluded.props`,
        [b.level, b.code, b.name, JSON.stringify(b.geometry)]);
    }
    await s.query(`UPDATE boundaries m SET parent_id = r.id FROM boundaries r
                   WHERE m.level = 'municipality' AND r.level = 'region' AND r.code = '56' AND m.code LIKE '56-%'`);
    await seedSettlements(s);
  });
  return all.length;
}

/** The municipality seats as the basemap's settlements (names without 'г.'/'п.'/'с.'; cities from 100 k people). */
async function seedSettlements(s: Session) {
  const seats = [...new Map(MUNICIPALITIES.map((m) => [m.seat.name, m.seat])).values()];
  await s.query(
    `INSERT INTO settlements (name, kind, population, geom)
     SELECT t.name, t.kind, t.pop, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326)
     FROM unnest($1::text[], $2::text[], $3::int[], $4::float8[], $5::float8[]) AS t(name, kind, pop, lon, lat)
     ON CONFLICT (name, kind) DO UPDATE SET population = excluded.population, geom = excluded.geom`,
    [seats.map((x) => x.name.replace(/^(г|п|с|пгт)\.\s*/, '')),
      seats.map((x) => (!x.name.startsWith('г.') ? 'village' : x.pop >= 100 ? 'city' : 'town')),
      seats.map((x) => Math.round(x.pop * 1000)), seats.map((x) => x.lon), seats.map((x) => x.lat)]);
}

async function seedRoadsAndPlans(db: Database): Promise<{ roads: number; plans: number }> {
  const roads = demoRoads();
  const plans = demoPlans(roads);
  await db.transaction(async (s) => {
    const [{ id: src }] = await s.query<{ id: number }>(
      `INSERT INTO sources (code, name, kind) VALUES ('demo_roads', 'Дорожная сеть Оренбурга — демо', 'roads')
       ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id`);
    await s.query(`CREATE TEMP TABLE road_stage (external_id text, name text, road_class text, owner text, rating real, geojson text) ON COMMIT DROP`);
    await s.copyFrom('road_stage', ['external_id', 'name', 'road_class', 'owner', 'rating', 'geojson'],
      stringify(roads.map((r) => [r.externalId, r.name, r.roadClass, r.owner, r.rating ?? '', JSON.stringify(r.geometry)])));
    await s.query(`INSERT INTO road_segments (source_id, external_id, name, name_norm, road_class, owner, rating, length_m, geom, content_hash)
      SELECT $1, external_id, name, lower(name), road_class, owner, rating,
             ST_Length(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)::geography),
             ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)), md5(geojson || coalesce(name, ''))
      FROM road_stage ON CONFLICT (source_id, external_id) DO NOTHING`, [src]);
    const [{ id: psrc }] = await s.query<{ id: number }>(
      `INSERT INTO sources (code, name, kind) VALUES ('demo_plans', 'План ремонта дорог — демо', 'plans')
       ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id`);
    await s.query(`CREATE TEMP TABLE plan_stage (external_id text, segment text, year int, status text, work_type text, completed_at date, warranty_until date) ON COMMIT DROP`);
    await s.copyFrom('plan_stage', ['external_id', 'segment', 'year', 'status', 'work_type', 'completed_at', 'warranty_until'],
      stringify(plans.map((p) => [p.externalId, p.segmentExternalId, p.year, p.status, p.workType, p.completedAt ?? '', p.warrantyUntil ?? ''])));
    await s.query(`INSERT INTO repair_plans (source_id, external_id, segment_id, year, status, work_type, completed_at, warranty_until, content_hash)
      SELECT $1, p.external_id, r.id, p.year, p.status, p.work_type, p.completed_at, p.warranty_until, md5(p::text)
      FROM plan_stage p LEFT JOIN road_segments r ON r.external_id = p.segment AND r.source_id = $2
      ON CONFLICT (source_id, external_id) DO NOTHING`, [psrc, src]);
  });
  return { roads: roads.length, plans: plans.length };
}

async function seedPoints(db: Database): Promise<number> {
  const points = demoPoints();
  await db.transaction(async (s) => {
    const [{ id: src }] = await s.query<{ id: number }>(
      `INSERT INTO sources (code, name, kind) VALUES ('demo_points', 'Пункты вакцинации — демо', 'points')
       ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id`);
    for (const p of points) {
      await s.query(`INSERT INTO service_points (source_id, external_id, name, address, phone, url, walk_in, appointments,
          accessible, vaccines, hours, verified_at, geom, content_hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, ST_SetSRID(ST_MakePoint($13, $14), 4326), md5($15))
        ON CONFLICT (source_id, external_id) DO NOTHING`,
        [src, p.externalId, p.name, p.address, p.phone, p.url, p.walkIn, p.appointments, p.accessible, p.vaccines,
          JSON.stringify(p.hours), p.verifiedAt, p.lon, p.lat, JSON.stringify(p)]);
    }
  });
  return points.length;
}

/** Writes the generated appeals into one NDJSON file per source, then imports each through the real importer. */
export async function seedAppeals(db: Database, count: number, onProgress?: (n: number) => void) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-demo-'));
  const fds = new Map<string, number>();
  let n = 0;
  try {
    let buf = new Map<string, string[]>();
    const flush = () => {
      for (const [src, lines] of buf) fs.writeSync(fds.get(src)!, lines.join(''));
      buf = new Map();
    };
    for (const a of demoAppeals({ count }) as Iterable<DemoAppeal>) {
      if (!fds.has(a.source)) fds.set(a.source, fs.openSync(path.join(dir, `${a.source}.ndjson`), 'w'));
      const lines = buf.get(a.source) ?? [];
      lines.push(`${JSON.stringify(a)}\n`);
      buf.set(a.source, lines);
      if (++n % 20000 === 0) flush();
    }
    flush();
    for (const fd of fds.values()) fs.closeSync(fd);
    const totals = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
    let done = 0;
    for (const src of [...fds.keys()].sort()) {
      const r = await importAppeals(db, path.join(dir, `${src}.ndjson`), {
        // The demo is shown at once: its problems too, even when a source is big enough to group after the commit.
        mapping: demoMapping(src), format: 'ndjson', batchSize: 10000, waitForGrouping: true,
        rejectsPath: path.join(dir, `${src}.rejects.csv`),
        onProgress: onProgress ? (k) => onProgress(done + k) : undefined,
      });
      done += r.read;
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k];
    }
    return totals;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Demo accounts: they exist only in databases seeded with the demo (README lists them). */
export const DEMO_USERS = [
  { email: 'admin@demo.pmap', password: 'demo-admin-2026', role: 'admin' },
  { email: 'analyst@demo.pmap', password: 'demo-analyst-2026', role: 'analyst' },
  { email: 'road@demo.pmap', password: 'demo-road-2026', role: 'road_agency', owner: 'municipal' },
] as const;

/** Loads the whole demo dataset; every part is keyed, so a second run inserts nothing. */
export async function seedDemo(db: Database, o: SeedOptions = {}) {
  for (const u of DEMO_USERS) await upsertUser(db, { ...u });
  const boundaries = await seedBoundaries(db);
  const { roads, plans } = await seedRoadsAndPlans(db);
  const addresses = await seedGazetteer(db); // before anything that geocodes: points and appeals without coordinates
  const points = await seedPoints(db);
  const appeals = await seedAppeals(db, o.appeals ?? 200_000, o.onProgress);
  await db.transaction((s) => assignBoundaries(s, 'SELECT id FROM appeals WHERE municipality_id IS NULL AND geom IS NOT NULL'));
  return { boundaries, roads, plans, points, addresses, appeals: appeals.read, appeals_inserted: appeals.inserted, appeals_rejected: appeals.rejected };
}

export async function isEmpty(db: Database): Promise<boolean> {
  const [r] = await db.query<{ n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM appeals LIMIT 1) t');
  return Number(r.n) === 0;
}
