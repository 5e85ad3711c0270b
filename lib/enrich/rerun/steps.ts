import type { Session } from '../../../db';
import { geocodeAppeals } from '../geocode/appeals';
import { assignBoundaries, degreesLat, degreesLon, snapToRoads, SNAP_MAX_M } from '../spatial';
import { BOUNDARY_INPUT, diffInputs, inputsFingerprint, recordInputs, ROAD_INPUT } from './inputs';
import { readState, writeState } from './state';

export interface StepResult {
  /** Inputs (boundaries, segments, …) added, changed or removed since the last run. */
  inputs_changed: number;
  /** Appeals whose enrichment was computed again. */
  checked: number;
  /** Appeals whose stored answer changed. */
  updated: number;
}

async function idTable(s: Session, name: string): Promise<void> {
  await s.query(`CREATE TEMP TABLE ${name} (id bigint PRIMARY KEY) ON COMMIT DROP`);
}

const countOf = async (s: Session, table: string) => Number((await s.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n ?? 0);

/**
 * Re-geocodes when the gazetteer changed: appeals located by the geocoder (their answer may change) and appeals
 * with an address but no location (they may now match). Appeals whose point moved go to `movedTable`.
 */
export async function geocodeStep(s: Session, movedTable: string): Promise<StepResult & { matched: number }> {
  const [g] = await s.query<{ n: number; max_id: number | null; last: string | null; streets: number }>(
    `SELECT count(*) AS n, max(id) AS max_id, max(updated_at)::text AS last, (SELECT count(*) FROM address_streets) AS streets
     FROM addresses`);
  const fingerprint = `${Number(g?.n ?? 0)}:${g?.max_id ?? 0}:${g?.last ?? ''}:${Number(g?.streets ?? 0)}`;
  if ((await readState(s, 'gazetteer')) === fingerprint) return { inputs_changed: 0, checked: 0, updated: 0, matched: 0 };
  await s.query(`CREATE TEMP TABLE enrich_geocode_candidates ON COMMIT DROP AS
    SELECT id, geom AS old_geom FROM appeals
    WHERE location_source = 'geocoded' OR (geom IS NULL AND (address IS NOT NULL OR street IS NOT NULL))`);
  await s.query(`UPDATE appeals SET geom = NULL, h3 = NULL, location_source = NULL, geocode_confidence = NULL, geocode_level = 'none'
                 WHERE location_source = 'geocoded'`);
  const r = await geocodeAppeals(s, 'SELECT id FROM enrich_geocode_candidates');
  await s.query(`INSERT INTO ${movedTable} (id)
    SELECT c.id FROM enrich_geocode_candidates c JOIN appeals a ON a.id = c.id
    WHERE ST_AsBinary(a.geom) IS DISTINCT FROM ST_AsBinary(c.old_geom) ON CONFLICT DO NOTHING`);
  await writeState(s, 'gazetteer', fingerprint);
  return { inputs_changed: 1, checked: await countOf(s, 'enrich_geocode_candidates'), updated: await countOf(s, movedTable), matched: r.matched };
}

/** Region and municipality again for appeals a changed boundary may contain (old or new extent), or that moved. */
export async function boundariesStep(s: Session, movedTable: string): Promise<StepResult> {
  const changed = await diffInputs(s, BOUNDARY_INPUT, 'enrich_boundary_diff');
  await idTable(s, 'enrich_boundary_appeals');
  if (changed) {
    for (const ext of ['old_extent', 'new_extent']) {
      await s.query(`INSERT INTO enrich_boundary_appeals (id)
        SELECT a.id FROM enrich_boundary_diff d JOIN appeals a ON a.geom && d.${ext} ON CONFLICT DO NOTHING`);
    }
    // Appeals still pointing at a removed boundary (there is no foreign key to clear them).
    await s.query(`INSERT INTO enrich_boundary_appeals (id)
      SELECT a.id FROM appeals a WHERE a.municipality_id IN (SELECT id FROM enrich_boundary_diff)
         OR a.region_id IN (SELECT id FROM enrich_boundary_diff) ON CONFLICT DO NOTHING`);
  }
  await s.query(`INSERT INTO enrich_boundary_appeals (id) SELECT id FROM ${movedTable} ON CONFLICT DO NOTHING`);
  const checked = await countOf(s, 'enrich_boundary_appeals');
  const updated = checked ? await assignBoundaries(s, 'SELECT id FROM enrich_boundary_appeals') : 0;
  if (changed) await recordInputs(s, BOUNDARY_INPUT, 'enrich_boundary_diff');
  await writeState(s, 'boundaries', await inputsFingerprint(s, 'boundaries'));
  return { inputs_changed: changed, checked, updated };
}

/**
 * Road snapping again for road-topic appeals near a changed segment (old or new extent, widened by SNAP_MAX_M),
 * appeals snapped to a changed segment, and appeals in `extraTables` (topic changed, point moved).
 */
export async function roadsStep(s: Session, extraTables: readonly string[]): Promise<StepResult> {
  const changed = await diffInputs(s, ROAD_INPUT, 'enrich_road_diff');
  await idTable(s, 'enrich_road_appeals');
  if (changed) {
    for (const ext of ['old_extent', 'new_extent']) {
      await s.query(`INSERT INTO enrich_road_appeals (id)
        SELECT a.id FROM enrich_road_diff d
        JOIN appeals a ON a.geom && ST_Expand(d.${ext}, ${degreesLon(SNAP_MAX_M, `greatest(abs(ST_YMin(d.${ext})), abs(ST_YMax(d.${ext})))`)}, ${degreesLat(SNAP_MAX_M)})
        WHERE a.topic = 'roads' ON CONFLICT DO NOTHING`);
    }
    await s.query(`INSERT INTO enrich_road_appeals (id)
      SELECT a.id FROM appeals a WHERE a.road_segment_id IN (SELECT id FROM enrich_road_diff) ON CONFLICT DO NOTHING`);
  }
  for (const t of extraTables) await s.query(`INSERT INTO enrich_road_appeals (id) SELECT id FROM ${t} ON CONFLICT DO NOTHING`);
  const checked = await countOf(s, 'enrich_road_appeals');
  const updated = checked ? await snapToRoads(s, 'SELECT id FROM enrich_road_appeals') : 0;
  if (changed) await recordInputs(s, ROAD_INPUT, 'enrich_road_diff');
  await writeState(s, 'roads', await inputsFingerprint(s, 'roads'));
  return { inputs_changed: changed, checked, updated };
}
