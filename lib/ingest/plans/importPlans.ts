import { createHash } from 'node:crypto';
import type { Database } from '../../../db';
import { PmapError } from '../../errors';
import { requireColumns } from '../missingColumns';
import { ensureSource } from '../../store/importJobs';
import { rejectInFileDuplicates } from '../../store/rejects';
import {
  createPlanStage,
  joinPlanSegments,
  mergePlanStage,
  PLAN_STAGE_COLUMNS,
  planJoinCounts,
} from '../../../db/merge/plans';
import { PLAN_STAGE_RULES, checkedStage } from '../constraints';
import { detectFormat, openReader, type SourceRecord } from '../readers';
import { runImport, type ImportSummary } from '../runImport';
import { defaultPlanMapping, planColumnsOf, type PlanMapping } from './mapping';
import { mapPlanRecord, type PlanDraft } from './mapRecord';

export interface PlanImportSummary extends ImportSummary {
  /** Plans joined to their segment by id and by geometry. */
  by_id: number;
  by_geometry: number;
}

export interface PlanImportOptions {
  mapping?: PlanMapping;
  format?: string;
  rejectsPath?: string;
}

function stageRow(rec: SourceRecord, d: PlanDraft): unknown[] {
  const row = [
    d.externalId,
    d.segmentId ?? '',
    d.geometry ? JSON.stringify(d.geometry) : '',
    d.year ?? '',
    d.status,
    d.workType ?? '',
    d.completedAt ?? '',
    d.warrantyUntil ?? '',
  ];
  const hash = createHash('sha1').update(JSON.stringify(row)).digest('base64url');
  return [rec.row, ...row, JSON.stringify(rec.values), hash];
}

function checkColumns(header: string[], m: PlanMapping, file: string, isDefault: boolean): void {
  requireColumns(isDefault ? ['segment_id'] : planColumnsOf(m), header, file);
}

/**
 * Imports repair plan entries (CSV, JSON or GeoJSON) in one transaction and joins each to its road segment, by the
 * segment's external id or, for rows without one, by geometry. A row whose segment cannot be found is rejected.
 */
export async function importPlans(
  db: Database,
  file: string,
  opts: PlanImportOptions = {},
): Promise<PlanImportSummary> {
  const format = detectFormat(file, opts.format);
  const isDefault = !opts.mapping;
  const mapping = opts.mapping ?? defaultPlanMapping(file);
  if (mapping.fields.segment_id === undefined && format !== 'geojson') {
    throw new PmapError(
      'bad_mapping',
      'the mapping has no "segment_id" field, and only GeoJSON plans can be joined by geometry',
      { file },
    );
  }
  const reader = openReader(file, format);
  return runImport<{ by_id: number; by_geometry: number }>(
    db,
    { kind: 'plans', file, options: mapping, rejectsPath: opts.rejectsPath },
    async (s, sink) => {
      let read = 0;
      await createPlanStage(s);
      const sourceId = await ensureSource(s, mapping.source, mapping.source_name ?? mapping.source, 'plans');
      const stage = checkedStage(s, sink, 'plan_import_stage', PLAN_STAGE_COLUMNS, PLAN_STAGE_RULES, 2000);
      let checked = false;
      for await (const rec of reader.records()) {
        if (!checked) {
          checked = true;
          const cols = await reader.columns();
          sink.setColumns(cols);
          if (cols) checkColumns(cols, mapping, file, isDefault);
        }
        read++;
        const r = mapPlanRecord(rec, mapping);
        if (!r.ok) {
          await sink.add(s, { row: rec.row, line: rec.line, reason: r.reason, values: rec.values });
          continue;
        }
        await stage.push(stageRow(rec, r.draft), rec);
      }
      await stage.finish();
      await rejectInFileDuplicates(s, sink, {
        stage: 'plan_import_stage',
        key: 'external_id',
        shown: 'external_id',
        label: 'plan',
      });
      for (const miss of await joinPlanSegments(s, mapping.segment_source ?? null, mapping.match_distance_m)) {
        await sink.add(s, { row: miss.row, reason: miss.reason, values: miss.raw });
      }
      const j = await planJoinCounts(s);
      await sink.flush(s);
      const merged = await mergePlanStage(s, sourceId);
      const notes = [...reader.notes];
      const byGeometry = j.byGeometry;
      if (byGeometry) notes.push(`${byGeometry} plans were joined to a segment by their geometry`);
      return {
        read,
        inserted: merged.inserted,
        updated: merged.updated,
        sourceId,
        notes,
        extra: { by_id: j.byId, by_geometry: byGeometry },
      };
    },
  );
}
