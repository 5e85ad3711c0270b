import { sql } from 'kysely';
import type { Session } from '../client';
import { runSql } from '../sql/builder';
import { expandByMetres } from '../sql/spatial';

/*
 * Server-only. The temp tables of one `pmap enrich` run (lib/enrich/rerun): the appeals each step must look at again,
 * and the spatial inputs changed since the last run. Table names are our own, never input.
 */

/** Two runs at once would diff against the same snapshot and both write it: held to the end of the transaction. */
export async function lockEnrichment(s: Session): Promise<void> {
  await runSql(s, sql`SELECT pg_advisory_xact_lock(hashtext('pmap enrich'))`);
}

/** A temp table of appeal ids (id bigint PRIMARY KEY), dropped at commit. */
export async function createIdTable(s: Session, name: string): Promise<void> {
  await runSql(s, sql`CREATE TEMP TABLE ${sql.raw(name)} (id bigint PRIMARY KEY) ON COMMIT DROP`);
}

export async function countRows(s: Session, table: string): Promise<number> {
  return Number((await runSql(s, sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.raw(table)}`))[0]?.n ?? 0);
}

/** Adds the ids of `from` (a table of ids) to `into`. */
export async function addIds(s: Session, into: string, from: string): Promise<void> {
  await runSql(s, sql`INSERT INTO ${sql.raw(into)} (id) SELECT id FROM ${sql.raw(from)} ON CONFLICT DO NOTHING`);
}

/**
 * Before re-geocoding: appeals located by the geocoder (their answer may change) and appeals with an address but no
 * location (they may now match) go to enrich_geocode_candidates with their old point; geocoded points are cleared.
 */
export async function stageGeocodeCandidates(s: Session): Promise<void> {
  await runSql(
    s,
    sql`CREATE TEMP TABLE enrich_geocode_candidates ON COMMIT DROP AS
    SELECT id, geom AS old_geom FROM appeals
    WHERE location_source = 'geocoded' OR (geom IS NULL AND (address IS NOT NULL OR street IS NOT NULL))`,
  );
  await runSql(
    s,
    sql`UPDATE appeals SET geom = NULL, h3 = NULL, location_source = NULL, geocode_confidence = NULL, geocode_level = 'none'
                 WHERE location_source = 'geocoded'`,
  );
}

/** After re-geocoding: the candidates whose point moved go to `movedTable`. */
export async function recordMovedCandidates(s: Session, movedTable: string): Promise<void> {
  await runSql(
    s,
    sql`INSERT INTO ${sql.raw(movedTable)} (id)
    SELECT c.id FROM enrich_geocode_candidates c JOIN appeals a ON a.id = c.id
    WHERE ST_AsBinary(a.geom) IS DISTINCT FROM ST_AsBinary(c.old_geom) ON CONFLICT DO NOTHING`,
  );
}

export type InputStep = 'boundaries' | 'roads';

/** Each spatial input's items now: id, hash, extent over the live table. */
const CURRENT = {
  // Level and code matter too: the code breaks ties on shared borders.
  boundaries: sql`SELECT id, md5(level || '|' || code || '|' || md5(ST_AsBinary(geom))) AS hash, ST_Envelope(geom) AS extent
               FROM boundaries`,
  roads: sql`SELECT id, md5(coalesce(content_hash, '') || '|' || md5(ST_AsBinary(geom)) || '|' || coalesce(name, '') || '|'
                       || coalesce(name_norm, '')) AS hash, ST_Envelope(geom) AS extent
               FROM road_segments`,
};

/**
 * Fills temp table `table` (id, old_extent, new_extent, new_hash) with the items added, changed or removed since the
 * last run, and returns how many.
 */
export async function diffEnrichmentInputs(s: Session, step: InputStep, table: string): Promise<number> {
  await runSql(
    s,
    sql`CREATE TEMP TABLE ${sql.raw(table)} ON COMMIT DROP AS
    SELECT coalesce(c.id, o.item_id) AS id, o.extent AS old_extent, c.extent AS new_extent, c.hash AS new_hash
    FROM (${CURRENT[step]}) c
    FULL JOIN (SELECT item_id, hash, extent FROM enrichment_inputs WHERE step = ${sql.lit(step)}) o ON o.item_id = c.id
    WHERE c.hash IS DISTINCT FROM o.hash`,
  );
  return countRows(s, table);
}

/** Records the current items as seen, for the changed ones (temp table `table` of diffEnrichmentInputs) only. */
export async function recordEnrichmentInputs(s: Session, step: InputStep, table: string): Promise<void> {
  await runSql(
    s,
    sql`DELETE FROM enrichment_inputs WHERE step = ${sql.lit(step)} AND item_id IN (SELECT id FROM ${sql.raw(table)})`,
  );
  await runSql(
    s,
    sql`INSERT INTO enrichment_inputs (step, item_id, hash, extent)
                 SELECT ${sql.lit(step)}, id, new_hash, new_extent FROM ${sql.raw(table)} WHERE new_hash IS NOT NULL`,
  );
}

type Extent = 'old_extent' | 'new_extent';

/** Appeals a changed boundary (temp table `diff`) may contain, by its old or new extent, go to `into`. */
export async function addAppealsInExtent(s: Session, into: string, diff: string, ext: Extent): Promise<void> {
  await runSql(
    s,
    sql`INSERT INTO ${sql.raw(into)} (id)
        SELECT a.id FROM ${sql.raw(diff)} d JOIN appeals a ON a.geom && d.${sql.raw(ext)} ON CONFLICT DO NOTHING`,
  );
}

/** Appeals still pointing at a changed or removed boundary (there is no foreign key to clear them) go to `into`. */
export async function addAppealsOfBoundaries(s: Session, into: string, diff: string): Promise<void> {
  await runSql(
    s,
    sql`INSERT INTO ${sql.raw(into)} (id)
      SELECT a.id FROM appeals a WHERE a.municipality_id IN (SELECT id FROM ${sql.raw(diff)})
         OR a.region_id IN (SELECT id FROM ${sql.raw(diff)}) ON CONFLICT DO NOTHING`,
  );
}

/** Road-topic appeals within `m` metres of a changed segment's old or new extent go to `into`. */
export async function addRoadAppealsNear(
  s: Session,
  into: string,
  diff: string,
  ext: Extent,
  m: number,
): Promise<void> {
  const e = sql.raw(`d.${ext}`);
  await runSql(
    s,
    sql`INSERT INTO ${sql.raw(into)} (id)
        SELECT a.id FROM ${sql.raw(diff)} d
        JOIN appeals a ON a.geom && ${expandByMetres(e, m, sql`greatest(abs(ST_YMin(${e})), abs(ST_YMax(${e})))`)}
        WHERE a.topic = 'roads' ON CONFLICT DO NOTHING`,
  );
}

/** Appeals snapped to a changed or removed segment go to `into`. */
export async function addAppealsOfSegments(s: Session, into: string, diff: string): Promise<void> {
  await runSql(
    s,
    sql`INSERT INTO ${sql.raw(into)} (id)
      SELECT a.id FROM appeals a WHERE a.road_segment_id IN (SELECT id FROM ${sql.raw(diff)}) ON CONFLICT DO NOTHING`,
  );
}
