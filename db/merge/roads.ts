import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';

/* Server-only. The road network's staging table and its merge. */

/** Columns of the road staging table, in COPY order. */
export const ROAD_STAGE_COLUMNS = [
  'row_number',
  'external_id',
  'name',
  'road_class',
  'owner',
  'rating',
  'street_code',
  'oneway',
  'geojson',
  'raw',
  'content_hash',
] as const;

export async function createRoadStage(s: Session): Promise<void> {
  await s.query(`CREATE TEMP TABLE road_import_stage (
    row_number int NOT NULL, external_id text NOT NULL, name text, road_class text, owner text, rating real,
    street_code text, oneway smallint, geojson text NOT NULL, raw jsonb NOT NULL, content_hash text NOT NULL
  ) ON COMMIT DROP`);
  await s.query(`CREATE TEMP TABLE road_touched (id int PRIMARY KEY, inserted boolean NOT NULL) ON COMMIT DROP`);
}

/**
 * Upserts the staged segments by (source, external id); a segment whose content hash is unchanged is not touched.
 * Lengths are geodesic metres (geography); each touched segment learns the region it lies in.
 */
export async function mergeRoadStage(s: Session, sourceId: number): Promise<{ inserted: number; updated: number }> {
  await runSql(
    s,
    sql`WITH up AS (
       INSERT INTO road_segments AS r (source_id, external_id, name, name_norm, road_class, owner, rating, street_code, oneway, length_m, geom, content_hash, updated_at)
       SELECT ${sourceId}, st.external_id, st.name, lower(st.name), st.road_class, st.owner, st.rating, st.street_code, st.oneway,
              ST_Length(g.geom::geography), g.geom, st.content_hash, now()
       FROM road_import_stage st CROSS JOIN LATERAL (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(st.geojson), 4326)) AS geom) g
       ON CONFLICT (source_id, external_id) DO UPDATE SET
         name = excluded.name, name_norm = excluded.name_norm, road_class = excluded.road_class, owner = excluded.owner,
         rating = excluded.rating, street_code = excluded.street_code, oneway = excluded.oneway, length_m = excluded.length_m, geom = excluded.geom, content_hash = excluded.content_hash,
         updated_at = now()
       WHERE r.content_hash IS DISTINCT FROM excluded.content_hash
       RETURNING r.id, (xmax = 0) AS inserted
     )
     INSERT INTO road_touched (id, inserted) SELECT id, inserted FROM up`,
  );
  await runSql(
    s,
    sql`UPDATE road_segments r SET region_id =
      (SELECT b.id FROM boundaries b WHERE b.level = 'region' AND ST_Intersects(b.geom, r.geom) ORDER BY b.code, b.id LIMIT 1)
    WHERE r.id IN (SELECT id FROM road_touched)`,
  );
  const [c] = await runSql<{ ins: number; upd: number }>(
    s,
    sql`SELECT count(*) FILTER (WHERE inserted) AS ins, count(*) FILTER (WHERE NOT inserted) AS upd FROM road_touched`,
  );
  return { inserted: Number(c!.ins), updated: Number(c!.upd) };
}
