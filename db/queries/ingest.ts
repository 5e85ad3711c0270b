import { sql } from 'kysely';
import type { Session } from '../client';
import { copyCsv } from '../copyCsv';
import { qb, runFirst, runSql } from '../sql/builder';
import { appealIdsIn, type AppealIds } from '../sql/appealIds';

/* Server-only. What the appeal and boundary imports read and write besides their merges (db/merge/*). */

/** How many rows the appeal import staged (appeal_stage, db/merge/appeals.ts). */
export async function stagedAppealCount(s: Session): Promise<number> {
  const [r] = await runSql<{ n: number }>(s, sql`SELECT count(*) AS n FROM appeal_stage`);
  return Number(r!.n);
}

/** The appeals the import's merge touched (appeal_touched). */
export const touchedAppealIds: AppealIds = appealIdsIn('appeal_touched');

/** Touched appeals that are located but have no municipality while boundaries are loaded (located after the merge). */
export const touchedAppealIdsToPlace: AppealIds = sql`SELECT t.id FROM appeal_touched t JOIN appeals a ON a.id = t.id
      WHERE a.municipality_id IS NULL AND a.geom IS NOT NULL AND EXISTS (SELECT 1 FROM boundaries)`;

/** Every located appeal (a boundary import places them all again). */
export const locatedAppealIds: AppealIds = sql`SELECT id FROM appeals WHERE geom IS NOT NULL`;

/** An appeal of `source` by its external id, with the request hash a submission stored in its raw record. */
export async function appealBySourceKey(
  s: Session,
  source: string,
  externalId: string,
): Promise<{ id: number; hash: string | null } | undefined> {
  return runFirst(
    s,
    qb
      .selectFrom('appeals as a')
      .innerJoin('sources as s', 's.id', 'a.source_id')
      .select(['a.id', sql<string | null>`a.raw->>'request_hash'`.as('hash')])
      .where('s.code', '=', source)
      .where('a.external_id', '=', externalId),
  );
}

/** Columns of the boundary staging table, in COPY order. */
export const BOUNDARY_STAGE_COLUMNS = ['row_number', 'code', 'name', 'props', 'geojson', 'hash'] as const;

export async function createBoundaryStage(s: Session): Promise<void> {
  await s.query(
    `CREATE TEMP TABLE boundary_stage (row_number int, code text, name text, props jsonb, geojson text, hash text) ON COMMIT DROP`,
  );
}

/** Rows in BOUNDARY_STAGE_COLUMNS order into boundary_stage. */
export async function copyBoundaryStage(s: Session, rows: unknown[][]): Promise<void> {
  await s.copyFrom('boundary_stage', BOUNDARY_STAGE_COLUMNS, copyCsv(rows));
}

/** Staged polygons that are not valid (ST_MakeValid repairs them in the merge). */
export async function invalidStagedBoundaries(s: Session): Promise<number> {
  const [r] = await runSql<{ repaired: number }>(
    s,
    sql`SELECT count(*) AS repaired FROM boundary_stage WHERE NOT ST_IsValid(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326))`,
  );
  return Number(r!.repaired);
}

/**
 * Upserts the staged polygons of `level` by code, repaired and as multipolygons; a polygon whose hash (name, props,
 * geometry) is unchanged is not touched. One row per written polygon: whether it was inserted.
 */
export async function mergeBoundaryStage(s: Session, level: string): Promise<{ inserted: boolean }[]> {
  return runSql<{ inserted: boolean }>(
    s,
    sql`INSERT INTO boundaries AS b (level, code, name, props, geom, updated_at)
       SELECT ${level}, code, name, props || jsonb_build_object('_hash', hash),
              ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)), 3)), now()
       FROM boundary_stage
       ON CONFLICT (level, code) DO UPDATE SET name = excluded.name, props = excluded.props, geom = excluded.geom,
         updated_at = now()
       WHERE b.props->>'_hash' IS DISTINCT FROM excluded.props->>'_hash'
       RETURNING (xmax = 0) AS inserted`,
  );
}
