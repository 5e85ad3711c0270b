import { createHash } from 'node:crypto';
import type { Geometry } from 'geojson';
import type { Database } from '../../../db';
import {
  BOUNDARY_STAGE_COLUMNS,
  copyBoundaryStage,
  createBoundaryStage,
  invalidStagedBoundaries,
  locatedAppealIds,
  mergeBoundaryStage,
} from '../../../db/queries/ingest';
import { assignBoundaries } from '../../enrich/spatial';
import { boundaryOverlaps } from '../../store/boundaryPick';
import { PmapError } from '../../errors';
import { rejectArealess } from '../../store/boundaryStage';
import { BOUNDARY_STAGE_RULES, flat2d, stageProblem } from '../constraints';
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
const CODE_KEYS = ['code', 'CODE', 'oktmo', 'OKTMO', 'okato', 'OKATO', 'id', 'ID'];

const pick = (values: Record<string, unknown>, explicit: string | undefined, keys: string[]) => {
  const v =
    explicit !== undefined
      ? values[explicit]
      : keys.map((k) => values[k]).find((x) => x !== undefined && x !== null && x !== '');
  return v === undefined || v === null ? '' : String(v).trim();
};

/**
 * A code as text. OKTMO and OKATO codes have 8 or 11 digits and may start with 0 (Алтайский край is 01…): a file
 * that wrote one as a JSON number lost its leading zeros, which are put back (`padded` says so). Codes stay text
 * everywhere: "45328000" is never the number 45328000.
 */
export function boundaryCode(
  values: Record<string, unknown>,
  explicit: string | undefined,
): { code: string; padded: boolean } {
  const key = explicit ?? CODE_KEYS.find((k) => values[k] !== undefined && values[k] !== null && values[k] !== '');
  const v = key === undefined ? undefined : values[key];
  if (typeof v === 'number' && Number.isInteger(v) && v > 0 && /okt?mo|okato/i.test(key ?? '')) {
    const digits = String(v);
    const width = digits.length <= 8 ? 8 : digits.length <= 11 ? 11 : digits.length;
    return { code: digits.padStart(width, '0'), padded: digits.length < width };
  }
  return { code: v === undefined || v === null ? '' : String(v).trim(), padded: false };
}

/**
 * Imports region or municipality polygons from GeoJSON. Without a code property the name is the code (with
 * " #2", " #3" for repeated names, by file order, so a re-import of the same file maps onto the same rows).
 * Invalid polygons are repaired with ST_MakeValid and reported; non-polygons are rejected. Codes stay text
 * (OKTMO/OKATO numbers get their leading zeros back). Overlapping polygons (real files overlap in slivers, and some
 * units lie inside others) are counted in the summary, with the located rows that lie in an overlap; each of those
 * goes to the polygon nested in the other, else to the one it lies deepest inside (lib/store/boundaryPick.ts).
 */
export async function importBoundaries(db: Database, file: string, o: BoundaryOptions): Promise<ImportSummary> {
  const format = detectFormat(file);
  if (format !== 'geojson' && format !== 'json')
    throw new PmapError('bad_file', 'boundaries must be GeoJSON (.geojson/.json)', { file });
  const reader = openReader(file, 'geojson');
  return runImport(
    db,
    { kind: `boundaries:${o.level}`, file, options: o, rejectsPath: o.rejectsPath },
    async (s, sink) => {
      let read = 0;
      let padded = 0;
      await createBoundaryStage(s);
      const seen = new Map<string, number>();
      let batch: unknown[][] = [];
      for await (const rec of reader.records()) {
        read++;
        const name = pick(rec.values, o.nameProperty, NAME_KEYS);
        const problem =
          rec.problem ??
          polygonProblem(rec.geometry as Geometry | null | undefined) ??
          (!name ? `no name (property "${o.nameProperty ?? NAME_KEYS.join('" / "')}" is empty)` : undefined);
        if (problem) {
          await sink.add(s, { row: rec.row, reason: problem, values: rec.values });
          continue;
        }
        const c = boundaryCode(rec.values, o.codeProperty);
        if (c.padded) padded++;
        const given = c.code || name;
        const k = (seen.get(given) ?? 0) + 1;
        const code = k > 1 ? `${given} #${k}` : given;
        // 2D, without foreign members (a height or a "crs" makes PostGIS refuse it); what the table would refuse is a
        // reject here (../constraints.ts).
        const geojson = JSON.stringify(flat2d(rec.geometry));
        const props = JSON.stringify(rec.values);
        const row = [
          rec.row,
          code,
          name,
          props,
          geojson,
          createHash('sha1')
            .update(name + props + geojson)
            .digest('base64url'),
        ];
        const refused = stageProblem(BOUNDARY_STAGE_RULES, BOUNDARY_STAGE_COLUMNS, row);
        if (refused) {
          await sink.add(s, { row: rec.row, reason: refused, values: rec.values });
          continue;
        }
        seen.set(given, k);
        batch.push(row);
        if (batch.length >= 500) {
          await copyBoundaryStage(s, batch);
          batch = [];
        }
      }
      if (batch.length) await copyBoundaryStage(s, batch);
      await rejectArealess(s, sink);
      await sink.flush(s);
      const repaired = await invalidStagedBoundaries(s);
      const rows = await mergeBoundaryStage(s, o.level);
      // Overlaps first: they mark nested polygons, which the assignment reads (lib/store/boundaryPick.ts).
      const overlap = await boundaryOverlaps(s, o.level);
      if (rows.length) await assignBoundaries(s, locatedAppealIds);
      const notes = [...reader.notes];
      if (repaired) notes.push(`${repaired} invalid polygons were repaired (ST_MakeValid)`);
      if (padded)
        notes.push(`${padded} codes were numbers in the file and lost their leading zeros: restored to 8 or 11 digits`);
      if (overlap.pairs) {
        notes.push(
          `${overlap.pairs} pairs of ${o.level} polygons overlap (${overlap.m2.toFixed(0)} m² in all; ${overlap.nested} of them one inside the other); ` +
            `${overlap.points} located appeals and service points lie in an overlap: each belongs to the polygon nested in the other, else to the one it lies deepest inside`,
        );
      }
      const inserted = rows.filter((x) => x.inserted).length;
      return {
        read,
        inserted,
        updated: rows.length - inserted,
        sourceId: null,
        notes,
        extra: {
          overlapping_pairs: overlap.pairs,
          nested_pairs: overlap.nested,
          overlap_m2: Math.round(overlap.m2),
          points_in_overlap: overlap.points,
        },
      };
    },
  );
}
