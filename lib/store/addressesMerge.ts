import type { Session } from '../../db';

/** Columns of the gazetteer staging table, in COPY order. */
export const ADDRESS_STAGE_COLUMNS = [
  'row_number', 'text', 'norm', 'locality_key', 'locality_label', 'street_core', 'street_type', 'street_name',
  'house', 'house_num', 'house_key', 'lat', 'lon', 'raw', 'content_hash',
] as const;

export async function createAddressStage(s: Session): Promise<void> {
  await s.query(`CREATE TEMP TABLE address_stage (
    row_number int NOT NULL, text text NOT NULL, norm text NOT NULL, locality_key text NOT NULL,
    locality_label text NOT NULL, street_core text NOT NULL, street_type text NOT NULL, street_name text NOT NULL,
    house text, house_num int, house_key text NOT NULL, lat float8 NOT NULL, lon float8 NOT NULL, raw jsonb NOT NULL,
    content_hash text NOT NULL
  ) ON COMMIT DROP`);
  await s.query(`CREATE TEMP TABLE address_touched (street_id int NOT NULL, inserted boolean NOT NULL) ON COMMIT DROP`);
}

/**
 * Upserts the staged entries by (source, normalised address); an entry whose content is unchanged is not touched.
 * New localities and streets are added first so every address points at its street.
 */
export async function mergeAddressStage(s: Session, sourceId: number, jobId: number): Promise<{ inserted: number; updated: number }> {
  await s.query(`INSERT INTO address_localities (name, label)
    SELECT DISTINCT ON (locality_key) locality_key, locality_label FROM address_stage ORDER BY locality_key, row_number
    ON CONFLICT (name) DO NOTHING`);
  await s.query(`INSERT INTO address_streets (locality, core, type, name)
    SELECT DISTINCT ON (locality_key, street_core, street_type) locality_key, street_core, street_type, street_name
    FROM address_stage ORDER BY locality_key, street_core, street_type, row_number
    ON CONFLICT (locality, core, type) DO NOTHING`);
  await s.query(
    `WITH up AS (
       INSERT INTO addresses AS a (source_id, text, norm, locality, street, house, geom, street_id, house_num, house_key,
         content_hash, import_job_id)
       SELECT $1, st.text, st.norm, st.locality_label, st.street_name, st.house, ST_SetSRID(ST_MakePoint(st.lon, st.lat), 4326),
         s.id, st.house_num, st.house_key, st.content_hash, $2
       FROM address_stage st
       JOIN address_streets s ON s.locality = st.locality_key AND s.core = st.street_core AND s.type = st.street_type
       ON CONFLICT (source_id, norm) DO UPDATE SET text = excluded.text, locality = excluded.locality,
         street = excluded.street, house = excluded.house, geom = excluded.geom, street_id = excluded.street_id,
         house_num = excluded.house_num, house_key = excluded.house_key, content_hash = excluded.content_hash,
         import_job_id = excluded.import_job_id, updated_at = now()
       WHERE a.content_hash IS DISTINCT FROM excluded.content_hash
       RETURNING a.street_id, (xmax = 0) AS inserted
     )
     INSERT INTO address_touched (street_id, inserted) SELECT street_id, inserted FROM up`,
    [sourceId, jobId]);
  const [c] = await s.query<{ ins: number; upd: number }>(
    `SELECT count(*) FILTER (WHERE inserted) AS ins, count(*) FILTER (WHERE NOT inserted) AS upd FROM address_touched`);
  await refreshStreetStats(s);
  // The geocoder's lookups are nested loops over these tables: without statistics the planner guesses badly.
  await s.query(`ANALYZE address_streets`);
  await s.query(`ANALYZE addresses`);
  return { inserted: Number(c!.ins), updated: Number(c!.upd) };
}

/**
 * Per touched street: its number of entries and the entry nearest the middle of them (the answer for an address
 * without a house); per touched locality: its counts.
 */
async function refreshStreetStats(s: Session): Promise<void> {
  await s.query(`UPDATE address_streets s SET houses = x.n, geom = x.geom, label = x.text
    FROM (
      SELECT DISTINCT ON (a.street_id) a.street_id, c.n, a.geom, a.text
      FROM addresses a
      JOIN (SELECT street_id, count(*) AS n, ST_Centroid(ST_Collect(geom)) AS mid FROM addresses
            WHERE street_id IN (SELECT DISTINCT street_id FROM address_touched) GROUP BY street_id) c
        ON c.street_id = a.street_id
      ORDER BY a.street_id, ST_Distance(a.geom, c.mid), a.id
    ) x
    WHERE s.id = x.street_id`);
  await s.query(`UPDATE address_localities l SET streets = x.streets, houses = x.houses
    FROM (SELECT locality, count(*) AS streets, sum(houses) AS houses FROM address_streets
          WHERE locality IN (SELECT DISTINCT st.locality FROM address_streets st JOIN address_touched t ON t.street_id = st.id)
          GROUP BY locality) x
    WHERE l.name = x.locality`);
}
