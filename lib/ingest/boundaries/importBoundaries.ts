import { createHash } from 'node:crypto';
import type { Geometry } from 'geojson';
import type { Database } from '../../../db';
import { copyCsv } from '../../../db/copyCsv';
import { assignBoundaries } from '../../enrich/spatial';
import { PmapError } from '../../errors';
import { openReader, detectFormat } from '../readers';
import { runImport, type ImportSummary } from '../runImport';
import { polygonProblem } from './geometry';

export interface BoundaryOptions {
  level: 'region' | 'municipality';
  codeProperty?: string;
  nameProperty?: string;
  rejectsPath?: string;
}

const NAME_KEYS = ['name', 'NAME', 'name_ru', 'Name'];
const CODE_KEYS = ['code', 'CODE', 'oktmo', 'OKTMO', 'id', 'ID'];

const pick = (values: Record<string, unknown>, explicit: string | undefined, keys: string[]) => {
  const v = explicit !== undefined ? values[explicit] : keys.map((k) => values[k]).find((x) => x !== undefined && x !== null && x !== '');
  return v === undefined || v === null ? '' : String(v).trim();
};

/**
 * Imports region or municipality polygons from GeoJSON. Without a code property the name is the code (with
 * " #2", " #3" for repeated names, by file order, so a re-import of the same file maps onto the same rows).
 * Invalid polygons are repaired with ST_MakeValid and reported; non-polygons are rejected.
 */
export async function importBoundaries(db: Database, file: string, o: BoundaryOptions): Promise<ImportSummary> {
  const format = detectFormat(file);
  if (format !== 'geojson' && format !== 'json') throw new PmapError('bad_file', 'boundaries must be GeoJSON (.geojson/.json)', { file });
  const reader = openReader(file, 'geojson');
  return runImport(db, { kind: `boundaries:${o.level}`, file, options: o, rejectsPath: o.rejectsPath }, async (s, sink) => {
    let read = 0;
    await s.query(`CREATE TEMP TABLE boundary_stage (row_number int, code text, name text, props jsonb, geojson text, hash text) ON COMMIT DROP`);
    const seen = new Map<string, number>();
    let batch: unknown[][] = [];
    for await (const rec of reader.records()) {
      read++;
      const name = pick(rec.values, o.nameProperty, NAME_KEYS);
      const problem = rec.problem ?? polygonProblem(rec.geometry as Geometry | null | undefined)
        ?? (!name ? `no name (property "${o.nameProperty ?? NAME_KEYS.join('" / "')}" is empty)` : undefined);
      if (problem) {
        await sink.add(s, { row: rec.row, reason: problem, values: rec.values });
        continue;
      }
      let code = pick(rec.values, o.codeProperty, o.codeProperty ? [] : CODE_KEYS) || name;
      const k = (seen.get(code) ?? 0) + 1;
      seen.set(code, k);
      if (k > 1) code = `${code} #${k}`;
      const geojson = JSON.stringify(rec.geometry);
      const props = JSON.stringify(rec.values);
      batch.push([rec.row, code, name, props, geojson, createHash('sha1').update(name + props + geojson).digest('base64url')]);
      if (batch.length >= 500) {
        await s.copyFrom('boundary_stage', ['row_number', 'code', 'name', 'props', 'geojson', 'hash'], copyCsv(batch));
        batch = [];
      }
    }
    if (batch.length) await s.copyFrom('boundary_stage', ['row_number', 'code', 'name', 'props', 'geojson', 'hash'], copyCsv(batch));
    await sink.flush(s);
    const [{ repaired }] = await s.query<{ repaired: number }>(
      `SELECT count(*) AS repaired FROM boundary_stage WHERE NOT ST_IsValid(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326))`);
    const rows = await s.query<{ inserted: boolean }>(
      `INSERT INTO boundaries AS b (level, code, name, props, geom, updated_at)
       SELECT $1, code, name, props || jsonb_build_object('_hash', hash),
              ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)), 3)), now()
       FROM boundary_stage
       ON CONFLICT (level, code) DO UPDATE SET name = excluded.name, props = excluded.props, geom = excluded.geom,
         updated_at = now()
       WHERE b.props->>'_hash' IS DISTINCT FROM excluded.props->>'_hash'
       RETURNING (xmax = 0) AS inserted`,
      [o.level]);
    if (rows.length) await assignBoundaries(s, 'SELECT id FROM appeals WHERE geom IS NOT NULL');
    const notes = [...reader.notes];
    if (Number(repaired)) notes.push(`${repaired} invalid polygons were repaired (ST_MakeValid)`);
    const inserted = rows.filter((x) => x.inserted).length;
    return { read, inserted, updated: rows.length - inserted, sourceId: null, notes };
  });
}
