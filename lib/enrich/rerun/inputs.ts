import type { Session } from '../../../db';

/** A spatial input of enrichment whose items are diffed against what the last run saw. */
export interface InputSpec {
  step: 'boundaries' | 'roads';
  /** SELECT id, hash, extent over the live table. */
  currentSql: string;
}

export const BOUNDARY_INPUT: InputSpec = {
  step: 'boundaries',
  // Level and code matter too: the code breaks ties on shared borders.
  currentSql: `SELECT id, md5(level || '|' || code || '|' || md5(ST_AsBinary(geom))) AS hash, ST_Envelope(geom) AS extent
               FROM boundaries`,
};

export const ROAD_INPUT: InputSpec = {
  step: 'roads',
  currentSql: `SELECT id, md5(coalesce(content_hash, '') || '|' || md5(ST_AsBinary(geom)) || '|' || coalesce(name, '') || '|'
                       || coalesce(name_norm, '')) AS hash, ST_Envelope(geom) AS extent
               FROM road_segments`,
};

/**
 * Fills temp table `table` (id, old_extent, new_extent, new_hash) with the items added, changed or removed since the
 * last run, and returns how many. An item's old and new extents bound the appeals whose answer it can change.
 */
export async function diffInputs(s: Session, spec: InputSpec, table: string): Promise<number> {
  await s.query(`CREATE TEMP TABLE ${table} ON COMMIT DROP AS
    SELECT coalesce(c.id, o.item_id) AS id, o.extent AS old_extent, c.extent AS new_extent, c.hash AS new_hash
    FROM (${spec.currentSql}) c
    FULL JOIN (SELECT item_id, hash, extent FROM enrichment_inputs WHERE step = '${spec.step}') o ON o.item_id = c.id
    WHERE c.hash IS DISTINCT FROM o.hash`);
  const [r] = await s.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(r?.n ?? 0);
}

/** Records the current items as seen, for the changed ones only. */
export async function recordInputs(s: Session, spec: InputSpec, table: string): Promise<void> {
  await s.query(`DELETE FROM enrichment_inputs WHERE step = '${spec.step}' AND item_id IN (SELECT id FROM ${table})`);
  await s.query(`INSERT INTO enrichment_inputs (step, item_id, hash, extent)
                 SELECT '${spec.step}', id, new_hash, new_extent FROM ${table} WHERE new_hash IS NOT NULL`);
}

/** A fingerprint of everything recorded for a step: what `enrichment_state` shows. */
export async function inputsFingerprint(s: Session, step: InputSpec['step']): Promise<string> {
  const [r] = await s.query<{ n: number; h: string | null }>(
    `SELECT count(*) AS n, md5(string_agg(hash, ',' ORDER BY item_id)) AS h FROM enrichment_inputs WHERE step = $1`, [step]);
  return `${Number(r?.n ?? 0)}:${r?.h ?? ''}`;
}
