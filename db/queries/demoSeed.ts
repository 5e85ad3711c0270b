import { sql } from 'kysely';
import type { Database, Session } from '../client';
import { runSql } from '../sql/builder';

/*
 * Server-only. The demo dataset's writes (lib/demo/seed.ts generates it): boundaries, settlements, roads and plans,
 * service points. Every part is keyed, so a second run inserts nothing.
 */

export interface DemoBoundaryRow {
  level: string;
  code: string;
  name: string;
  geometry: unknown;
}

/** Upserts the demo boundaries (approximate outlines) and hangs the municipalities under region 56. */
export async function upsertDemoBoundaries(s: Session, all: readonly DemoBoundaryRow[]): Promise<void> {
  for (const b of all) {
    await runSql(
      s,
      sql`INSERT INTO boundaries (level, code, name, props, geom)
         VALUES (${b.level}, ${b.code}, ${b.name}, '{"approximate": true}', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(b.geometry)}), 4326)))
         ON CONFLICT (level, code) DO UPDATE SET name = excluded.name, geom = excluded.geom, props = excluded.props`,
    );
  }
  await runSql(
    s,
    sql`UPDATE boundaries m SET parent_id = r.id FROM boundaries r
                   WHERE m.level = 'municipality' AND r.level = 'region' AND r.code = '56' AND m.code LIKE '56-%'`,
  );
}

export async function upsertSettlements(
  s: Session,
  t: { names: string[]; kinds: string[]; pops: number[]; lons: number[]; lats: number[] },
): Promise<void> {
  await runSql(
    s,
    sql`INSERT INTO settlements (name, kind, population, geom)
     SELECT t.name, t.kind, t.pop, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326)
     FROM unnest(${t.names}::text[], ${t.kinds}::text[], ${t.pops}::int[], ${t.lons}::float8[], ${t.lats}::float8[]) AS t(name, kind, pop, lon, lat)
     ON CONFLICT (name, kind) DO UPDATE SET population = excluded.population, geom = excluded.geom`,
  );
}

/** The demo source `code` (renamed when it exists); its id. */
export async function upsertDemoSource(s: Session, code: string, name: string, kind: string): Promise<number> {
  const [{ id }] = await runSql(
    s,
    sql<{ id: number }>`INSERT INTO sources (code, name, kind) VALUES (${code}, ${name}, ${kind})
       ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id`,
  );
  return id;
}

/** Road segments from CSV rows (external_id, name, road_class, owner, rating, geojson), kept when already there. */
export async function insertDemoRoads(s: Session, source: number, csv: string): Promise<void> {
  await runSql(
    s,
    sql`CREATE TEMP TABLE road_stage (external_id text, name text, road_class text, owner text, rating real, geojson text) ON COMMIT DROP`,
  );
  await s.copyFrom('road_stage', ['external_id', 'name', 'road_class', 'owner', 'rating', 'geojson'], csv);
  await runSql(
    s,
    sql`INSERT INTO road_segments (source_id, external_id, name, name_norm, road_class, owner, rating, length_m, geom, content_hash)
      SELECT ${source}, external_id, name, lower(name), road_class, owner, rating,
             ST_Length(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)::geography),
             ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)), md5(geojson || coalesce(name, ''))
      FROM road_stage ON CONFLICT (source_id, external_id) DO NOTHING`,
  );
}

/**
 * Repair plans from CSV rows (external_id, segment, year, status, work_type, completed_at, warranty_until), each on
 * the segment of `roadSource` it names; kept when already there.
 */
export async function insertDemoPlans(s: Session, source: number, roadSource: number, csv: string): Promise<void> {
  await runSql(
    s,
    sql`CREATE TEMP TABLE plan_stage (external_id text, segment text, year int, status text, work_type text, completed_at date, warranty_until date) ON COMMIT DROP`,
  );
  await s.copyFrom(
    'plan_stage',
    ['external_id', 'segment', 'year', 'status', 'work_type', 'completed_at', 'warranty_until'],
    csv,
  );
  await runSql(
    s,
    sql`INSERT INTO repair_plans (source_id, external_id, segment_id, year, status, work_type, completed_at, warranty_until, content_hash)
      SELECT ${source}, p.external_id, r.id, p.year, p.status, p.work_type, p.completed_at, p.warranty_until, md5(p::text)
      FROM plan_stage p LEFT JOIN road_segments r ON r.external_id = p.segment AND r.source_id = ${roadSource}
      ON CONFLICT (source_id, external_id) DO NOTHING`,
  );
}

export interface DemoPointRow {
  externalId: string;
  name: string;
  address: string | null;
  phone: string | null;
  url: string | null;
  walkIn: boolean | null;
  appointments: boolean | null;
  accessible: boolean | null;
  vaccines: string[];
  hours: unknown;
  verifiedAt: string | null;
  lon: number;
  lat: number;
}

/** One service point of the demo (kept when already there); its content_hash is md5 of `content`. */
export async function insertDemoPoint(s: Session, source: number, p: DemoPointRow, content: string): Promise<void> {
  await runSql(
    s,
    sql`INSERT INTO service_points (source_id, external_id, name, address, phone, url, walk_in, appointments,
          accessible, vaccines, hours, verified_at, geom, content_hash)
        VALUES (${source}, ${p.externalId}, ${p.name}, ${p.address}, ${p.phone}, ${p.url}, ${p.walkIn}, ${p.appointments}, ${p.accessible}, ${p.vaccines}, ${JSON.stringify(p.hours)}, ${p.verifiedAt}, ST_SetSRID(ST_MakePoint(${p.lon}, ${p.lat}), 4326), md5(${content}))
        ON CONFLICT (source_id, external_id) DO NOTHING`,
  );
}

/** No appeal stored yet. */
export async function noAppeals(db: Database): Promise<boolean> {
  const [r] = await runSql(db, sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM appeals LIMIT 1) t`);
  return Number(r!.n) === 0;
}
