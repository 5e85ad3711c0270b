import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';

/* Server-only. The gazetteer's staging table and its merge into localities, streets and addresses. */

/** Columns of the gazetteer staging table, in COPY order. */
export const ADDRESS_STAGE_COLUMNS = [
  'row_number',
  'text',
  'norm',
  'locality_key',
  'locality_label',
  'street_core',
  'street_type',
  'street_name',
  'house',
  'house_num',
  'house_key',
  'lat',
  'lon',
  'raw',
  'content_hash',
  'external_id',
  'norm_key',
] as const;

/**
 * COPY reads an empty field as NULL (db/copyCsv.ts), so the parts that may rightly be empty — no locality, a street
 * without a type word («1-й Аэропорт, 33»), no house — arrive as NULL and are read back as '' (the tables' "none").
 * external_id: the gazetteer's own id (a ФИАС/ГАР GUID), the upsert key when present; norm_key: the normalised
 * address for a row without one (the in-file duplicate key of such rows), NULL otherwise.
 */
export async function createAddressStage(s: Session): Promise<void> {
  await s.query(`CREATE TEMP TABLE address_stage (
    row_number int NOT NULL, text text NOT NULL, norm text NOT NULL, locality_key text,
    locality_label text, street_core text NOT NULL, street_type text, street_name text NOT NULL,
    house text, house_num int, house_key text, lat float8 NOT NULL, lon float8 NOT NULL, raw jsonb NOT NULL,
    content_hash text NOT NULL, external_id text, norm_key text
  ) ON COMMIT DROP`);
  await s.query(`CREATE TEMP TABLE address_touched (street_id int NOT NULL, inserted boolean) ON COMMIT DROP`);
}

/** The staged entries as the tables keep them: '' for an empty locality, street type or house key. */
const STAGED = sql`(SELECT row_number, text, norm, coalesce(locality_key, '') AS locality_key,
    coalesce(locality_label, '') AS locality_label, street_core, coalesce(street_type, '') AS street_type, street_name,
    house, house_num, coalesce(house_key, '') AS house_key, lat, lon, content_hash, external_id FROM address_stage)`;

/** The rows to upsert: each staged entry with its street. */
const upsertRows = (sourceId: number, jobId: number) => sql`SELECT ${sourceId}::int, st.text, st.norm,
    nullif(st.locality_label, ''), st.street_name, st.house,
    ST_SetSRID(ST_MakePoint(st.lon, st.lat), 4326), s.id, st.house_num, st.house_key, st.content_hash, ${jobId}::bigint, st.external_id
  FROM ${STAGED} st
  JOIN address_streets s ON s.locality = st.locality_key AND s.core = st.street_core AND s.type = st.street_type`;

const UPDATE_SET = sql`text = excluded.text, locality = excluded.locality,
    street = excluded.street, house = excluded.house, geom = excluded.geom, street_id = excluded.street_id,
    house_num = excluded.house_num, house_key = excluded.house_key, content_hash = excluded.content_hash,
    import_job_id = excluded.import_job_id, updated_at = now()`;

const COLUMNS = sql`(source_id, text, norm, locality, street, house, geom, street_id, house_num, house_key, content_hash,
    import_job_id, external_id)`;

/**
 * Upserts the staged entries: one with an external id by (source, external id) — its text and point may change and
 * it stays one entry —, one without by (source, normalised address). An entry whose content is unchanged is not
 * touched. New localities and streets are added first so every address points at its street.
 */
export async function mergeAddressStage(
  s: Session,
  sourceId: number,
  jobId: number,
): Promise<{ inserted: number; updated: number }> {
  await runSql(
    s,
    sql`INSERT INTO address_localities (name, label)
    SELECT DISTINCT ON (locality_key) locality_key, locality_label FROM ${STAGED} st ORDER BY locality_key, row_number
    ON CONFLICT (name) DO NOTHING`,
  );
  await runSql(
    s,
    sql`INSERT INTO address_streets (locality, core, type, name)
    SELECT DISTINCT ON (locality_key, street_core, street_type) locality_key, street_core, street_type, street_name
    FROM ${STAGED} st ORDER BY locality_key, street_core, street_type, row_number
    ON CONFLICT (locality, core, type) DO NOTHING`,
  );
  await runSql(
    s,
    sql`WITH up AS (
       INSERT INTO addresses AS a ${COLUMNS}
       ${upsertRows(sourceId, jobId)} WHERE st.external_id IS NULL
       ON CONFLICT (source_id, norm) WHERE external_id IS NULL DO UPDATE SET ${UPDATE_SET}
       WHERE a.content_hash IS DISTINCT FROM excluded.content_hash
       RETURNING a.street_id, (xmax = 0) AS inserted
     )
     INSERT INTO address_touched (street_id, inserted) SELECT street_id, inserted FROM up`,
  );
  // The old street of an entry that moved to another one needs its counts too.
  await runSql(
    s,
    sql`WITH up AS (
       INSERT INTO addresses AS a ${COLUMNS}
       ${upsertRows(sourceId, jobId)} WHERE st.external_id IS NOT NULL
       ON CONFLICT (source_id, external_id) DO UPDATE SET ${UPDATE_SET}, norm = excluded.norm
       WHERE a.content_hash IS DISTINCT FROM excluded.content_hash
       RETURNING a.street_id, (xmax = 0) AS inserted,
         (SELECT o.street_id FROM addresses o WHERE o.id = a.id) AS old_street
     )
     INSERT INTO address_touched (street_id, inserted)
     SELECT street_id, inserted FROM up
     UNION ALL SELECT old_street, NULL FROM up WHERE old_street IS NOT NULL AND old_street <> street_id`,
  );
  const [c] = await runSql<{ ins: number; upd: number }>(
    s,
    sql`SELECT count(*) FILTER (WHERE inserted) AS ins, count(*) FILTER (WHERE NOT inserted) AS upd FROM address_touched`,
  );
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
  // A street whose last entry moved to another street (an entry with an id whose text changed) has none left.
  await runSql(
    s,
    sql`UPDATE address_streets s SET houses = 0 WHERE s.id IN (SELECT street_id FROM address_touched)
    AND NOT EXISTS (SELECT 1 FROM addresses a WHERE a.street_id = s.id)`,
  );
  await runSql(
    s,
    sql`UPDATE address_streets s SET houses = x.n, geom = x.geom, label = x.text
    FROM (
      SELECT DISTINCT ON (a.street_id) a.street_id, c.n, a.geom, a.text
      FROM addresses a
      JOIN (SELECT street_id, count(*) AS n, ST_Centroid(ST_Collect(geom)) AS mid FROM addresses
            WHERE street_id IN (SELECT DISTINCT street_id FROM address_touched) GROUP BY street_id) c
        ON c.street_id = a.street_id
      ORDER BY a.street_id, ST_Distance(a.geom, c.mid), a.id
    ) x
    WHERE s.id = x.street_id`,
  );
  await runSql(
    s,
    sql`UPDATE address_localities l SET streets = x.streets, houses = x.houses
    FROM (SELECT locality, count(*) AS streets, sum(houses) AS houses FROM address_streets
          WHERE locality IN (SELECT DISTINCT st.locality FROM address_streets st JOIN address_touched t ON t.street_id = st.id)
          GROUP BY locality) x
    WHERE l.name = x.locality`,
  );
}
