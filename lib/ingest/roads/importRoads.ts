import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Database } from '../../../db';
import { PmapError } from '../../errors';
import { ensureSource } from '../../store/importJobs';
import { rejectInFileDuplicates } from '../../store/rejects';
import { createRoadStage, mergeRoadStage, ROAD_STAGE_COLUMNS } from '../../../db/merge/roads';
import { ROAD_STAGE_RULES, checkedStage } from '../constraints';
import { detectFormat, guarded, openReader, type RecordReader, type SourceRecord } from '../readers';
import { runImport, type ImportSummary } from '../runImport';
import { defaultRoadMapping, type RoadMapping } from './mapping';
import { mapRoadRecord, type RoadDraft } from './mapRecord';
import { shapefileZipReader } from './shapefile';

export type RoadImportSummary = ImportSummary;

export interface RoadImportOptions {
  mapping?: RoadMapping;
  format?: string;
  rejectsPath?: string;
  batchSize?: number;
}

/** GeoJSON (a FeatureCollection of lines) or a zipped Shapefile; nothing else carries road geometry. */
export function roadReader(file: string, format?: string): RecordReader {
  const f = format ?? (path.extname(file).toLowerCase() === '.zip' ? 'shapefile' : undefined);
  if (f === 'shapefile' || f === 'shp') return guarded(shapefileZipReader(file));
  const detected = detectFormat(file, f);
  if (detected !== 'geojson') {
    throw new PmapError(
      'bad_argument',
      `road segments need geometry: give a GeoJSON FeatureCollection or a zipped Shapefile, not ${detected}`,
      { file },
    );
  }
  return openReader(file, detected);
}

function stageRow(rec: SourceRecord, d: RoadDraft): unknown[] {
  const geojson = JSON.stringify({ type: 'MultiLineString', coordinates: d.lines });
  const row = [d.externalId, d.name ?? '', d.roadClass ?? '', d.owner ?? '', d.rating ?? '', geojson];
  // The extension fields join the hash only when present, so segments imported before them stay unchanged.
  const extra = d.streetCode !== null || d.oneway !== null ? [d.streetCode ?? '', d.oneway ?? ''] : [];
  const hash = createHash('sha1')
    .update(JSON.stringify([...row, ...extra]))
    .digest('base64url');
  return [rec.row, ...row.slice(0, 5), d.streetCode ?? '', d.oneway ?? '', geojson, JSON.stringify(rec.values), hash];
}

/**
 * Imports road segments in one transaction: rows go through COPY into a staging table in batches, then merge into
 * road_segments by (source, external id). Every row ends up inserted, updated, unchanged or rejected.
 */
export async function importRoads(
  db: Database,
  file: string,
  opts: RoadImportOptions = {},
): Promise<RoadImportSummary> {
  const reader = roadReader(file, opts.format);
  const mapping = opts.mapping ?? defaultRoadMapping(file);
  if (mapping.fields.external_id === undefined)
    throw new PmapError('bad_mapping', 'the mapping has no "external_id" field', { file });
  const batchSize = opts.batchSize ?? 2000;
  return runImport(db, { kind: 'roads', file, options: mapping, rejectsPath: opts.rejectsPath }, async (s, sink) => {
    let read = 0;
    let noOwner = 0;
    await createRoadStage(s);
    const sourceId = await ensureSource(s, mapping.source, mapping.source_name ?? mapping.source, 'roads');
    const stage = checkedStage(s, sink, 'road_import_stage', ROAD_STAGE_COLUMNS, ROAD_STAGE_RULES, batchSize);
    for await (const rec of reader.records()) {
      read++;
      const r = mapRoadRecord(rec, mapping);
      if (!r.ok) {
        await sink.add(s, { row: rec.row, line: rec.line, reason: r.reason, values: rec.values });
        continue;
      }
      if ((await stage.push(stageRow(rec, r.draft), rec)) && !r.draft.owner) noOwner++;
    }
    await stage.finish();
    await rejectInFileDuplicates(s, sink, {
      stage: 'road_import_stage',
      key: 'external_id',
      shown: 'external_id',
      label: 'external id',
    });
    await sink.flush(s);
    const merged = await mergeRoadStage(s, sourceId);
    const notes = [...reader.notes];
    if (noOwner) notes.push(`${noOwner} segments have no owner: no road agency sees them (map "owner" in the mapping)`);
    if (merged.inserted || merged.updated)
      notes.push('run "pmap enrich" to snap appeals to the new or changed segments');
    return { read, inserted: merged.inserted, updated: merged.updated, sourceId, notes };
  });
}
