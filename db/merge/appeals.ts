import type { Session } from '../client';
import { nextIdSql } from '../nextId';
import { boundaryAtSql } from '../sql/boundaryAt';
import { dropIndexesForBulk, type RestoreIndexes } from './bulkIndexes';

/*
 * Server-only. The appeals import's staging and merge (bulk-import hot path: 1 M rows). The statements are raw text
 * with numbered parameters, as the import has always sent them: merges are the layer's one place for raw SQL.
 */

/** Columns of the staging table, in COPY order. */
export const STAGE_COLUMNS = [
  'row_number',
  'external_id',
  'channel',
  'created_at',
  'updated_at',
  'closed_at',
  'status',
  'topic',
  'topic_confidence',
  'is_gratitude',
  'text',
  'address',
  'street',
  'house',
  'author_pseudonym',
  'author_contact',
  'agency',
  'answered_at',
  'answer_text',
  'due_at',
  'lat',
  'lon',
  'h3',
  'raw',
  'content_hash',
] as const;

export async function createStage(s: Session): Promise<void> {
  await s.query(`CREATE TEMP TABLE appeal_stage (
    row_number int NOT NULL, external_id text NOT NULL, channel text NOT NULL, created_at timestamptz NOT NULL,
    updated_at timestamptz, closed_at timestamptz, status text NOT NULL, topic text NOT NULL, topic_confidence real,
    is_gratitude boolean NOT NULL, text text, address text, street text, house text, author_pseudonym text,
    author_contact text, agency text, answered_at timestamptz, answer_text text, due_at timestamptz, lat float8, lon float8, h3 bigint, raw jsonb NOT NULL, content_hash text NOT NULL
  ) ON COMMIT DROP`);
  await s.query(`CREATE TEMP TABLE appeal_touched (id bigint PRIMARY KEY, inserted boolean NOT NULL) ON COMMIT DROP`);
}

/**
 * appeal_new: the staged rows that are not in appeals yet, with the ids they will get (in file order) and what
 * problem grouping reads, so grouping can run before the merge (lib/enrich/problems/group.ts STAGED) and the merge
 * writes problem_id with the row. Call it under lockProblems(), so no other import adds one of these rows meanwhile.
 * Returns how many of them grouping will place: the located complaints. Without `grouping` (a big import that groups
 * after its commit) the tables stay empty: the merge then draws new rows' ids itself (1 M rows: 4–11 s saved).
 */
export async function stageNewRows(
  s: Session,
  sourceId: number,
  opts: { grouping: boolean } = { grouping: true },
): Promise<number> {
  await s.query(
    `CREATE TEMP TABLE appeal_new ON COMMIT DROP AS
     SELECT ${nextIdSql('appeals')} AS id, n.row_number, n.topic, n.created_at, n.channel,
            n.is_gratitude, n.geom
     FROM (SELECT st.row_number, st.topic, st.created_at, st.channel, st.is_gratitude,
                  CASE WHEN st.lat IS NOT NULL THEN ST_SetSRID(ST_MakePoint(st.lon, st.lat), 4326) END AS geom
           FROM appeal_stage st
           WHERE $2 AND NOT EXISTS (SELECT 1 FROM appeals a WHERE a.source_id = $1 AND a.external_id = st.external_id)
           ORDER BY st.row_number) n`,
    [sourceId, opts.grouping],
  );
  await s.query(`ALTER TABLE appeal_new ADD PRIMARY KEY (id)`);
  // Grouping reads the texts of a few candidate pairs' rows per batch: by index, not a scan of the whole stage.
  await s.query(`CREATE UNIQUE INDEX ON appeal_stage (row_number)`);
  await s.query(`CREATE UNIQUE INDEX ON appeal_new (row_number)`);
  await s.query(`CREATE INDEX ON appeal_new (created_at, id)`);
  await s.query(`ANALYZE appeal_new`);
  await s.query(
    `CREATE TEMP TABLE appeal_new_problem (id bigint PRIMARY KEY, problem_id bigint NOT NULL) ON COMMIT DROP`,
  );
  const [{ n }] = await s.query<{ n: number }>(
    `SELECT count(*) AS n FROM appeal_new WHERE geom IS NOT NULL AND NOT is_gratitude`,
  );
  return Number(n);
}

export interface MergeResult {
  inserted: number;
  updated: number;
  /**
   * Rebuilds the secondary indexes a bulk merge dropped (nothing otherwise). Call it after the enrichment steps that
   * update the touched rows (geocoding, snapping, problem grouping), so those updates maintain no index either.
   */
  restoreIndexes: RestoreIndexes;
}

/**
 * Upserts the staged rows by (source, external id); new rows get the id and problem appeal_new holds
 * (stageNewRows). A row whose content hash is unchanged is not touched; a topic set by hand (topic_manual) survives
 * re-import.
 */
export async function mergeStage(s: Session, sourceId: number, jobId: number): Promise<MergeResult> {
  await s.query(`INSERT INTO agencies (code, name) SELECT DISTINCT agency, agency FROM appeal_stage
                 WHERE agency IS NOT NULL ON CONFLICT (code) DO NOTHING`);
  const [{ staged }] = await s.query<{ staged: number }>(`SELECT count(*) AS staged FROM appeal_stage`);
  const restoreIndexes = await dropIndexesForBulk(s, 'appeals', Number(staged));
  await s.query(
    `WITH up AS (
       INSERT INTO appeals AS a (id, problem_id,
         source_id, external_id, channel, created_at, updated_at, closed_at, status, topic,
         topic_confidence, is_gratitude, text, address, street, house, author_pseudonym, author_contact, agency_id,
         answered_at, answer_text, due_at, geom, location_source, geocode_level, h3, raw, content_hash, import_job_id, municipality_id, region_id)
       -- A row that is not new offers its stored id and takes the conflict below (a fresh id would be burnt).
       SELECT coalesce(n.id, e.id, ${nextIdSql('appeals')}), np.problem_id,
         $1, s.external_id, s.channel, s.created_at, s.updated_at, s.closed_at, s.status, s.topic,
         s.topic_confidence, s.is_gratitude, s.text, s.address, s.street, s.house, s.author_pseudonym, s.author_contact,
         ag.id, s.answered_at, s.answer_text, s.due_at, p.pt, CASE WHEN s.lat IS NOT NULL THEN 'source' END,
         -- Its own coordinates are a point (geocode_level); without them the geocoder may place it (enrich/geocode).
         CASE WHEN s.lat IS NOT NULL THEN 'point' ELSE 'none' END, s.h3, s.raw, s.content_hash, $2, m.id, r.id
       FROM appeal_stage s
       LEFT JOIN appeal_new n ON n.row_number = s.row_number
       LEFT JOIN appeal_new_problem np ON np.id = n.id
       LEFT JOIN appeals e ON n.id IS NULL AND e.source_id = $1 AND e.external_id = s.external_id
       LEFT JOIN agencies ag ON ag.code = s.agency
       CROSS JOIN LATERAL (SELECT CASE WHEN s.lat IS NOT NULL THEN ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) END AS pt) p
       -- Point-in-polygon while inserting, not in an UPDATE afterwards: one row version instead of two.
       -- A point in two overlapping polygons goes to the one it lies deepest inside (db/sql/boundaryAt.ts).
       LEFT JOIN LATERAL (SELECT ${boundaryAtSql('municipality', 'p.pt')} AS id) m ON true
       LEFT JOIN LATERAL (SELECT ${boundaryAtSql('region', 'p.pt')} AS id) r ON true
       ON CONFLICT (source_id, external_id) DO UPDATE SET
         channel = excluded.channel, created_at = excluded.created_at, updated_at = excluded.updated_at,
         closed_at = excluded.closed_at, status = excluded.status,
         topic = CASE WHEN a.topic_manual THEN a.topic ELSE excluded.topic END,
         topic_confidence = CASE WHEN a.topic_manual THEN a.topic_confidence ELSE excluded.topic_confidence END,
         is_gratitude = excluded.is_gratitude, text = excluded.text, address = excluded.address,
         street = excluded.street, house = excluded.house, author_pseudonym = excluded.author_pseudonym,
         author_contact = excluded.author_contact, agency_id = excluded.agency_id,
         answered_at = excluded.answered_at, answer_text = excluded.answer_text, due_at = excluded.due_at,
         -- A place a person fixed by hand (location_source 'manual', lib/store/appealLocation.ts) stays.
         geom = CASE WHEN a.location_source = 'manual' THEN a.geom ELSE excluded.geom END,
         location_source = CASE WHEN a.location_source = 'manual' THEN a.location_source ELSE excluded.location_source END,
         geocode_level = CASE WHEN a.location_source = 'manual' THEN a.geocode_level ELSE excluded.geocode_level END,
         h3 = CASE WHEN a.location_source = 'manual' THEN a.h3 ELSE excluded.h3 END, raw = excluded.raw,
         municipality_id = CASE WHEN a.location_source = 'manual' THEN a.municipality_id ELSE excluded.municipality_id END,
         region_id = CASE WHEN a.location_source = 'manual' THEN a.region_id ELSE excluded.region_id END,
         content_hash = excluded.content_hash, import_job_id = excluded.import_job_id, imported_at = now()
       WHERE a.content_hash IS DISTINCT FROM excluded.content_hash
       RETURNING a.id, (xmax = 0) AS inserted
     )
     INSERT INTO appeal_touched (id, inserted) SELECT id, inserted FROM up`,
    [sourceId, jobId],
  );
  const [c] = await s.query<{ ins: number; upd: number }>(
    `SELECT count(*) FILTER (WHERE inserted) AS ins, count(*) FILTER (WHERE NOT inserted) AS upd FROM appeal_touched`,
  );
  return {
    inserted: Number(c.ins),
    updated: Number(c.upd),
    restoreIndexes,
  };
}
