import { createHash } from 'node:crypto';
import type { Geometry } from 'geojson';
import { flat2d, geometryProblem } from '../constraints';
import { parseDateCell } from '../dates';
import { columnOf, nullIfEmpty, readField as read } from '../fields';
import type { SourceRecord } from '../readers';
import {
  DEFAULT_PLAN_STATUS_VALUES,
  PLAN_STATUSES,
  type PlanField,
  type PlanMapping,
  type PlanStatus,
} from './mapping';
import { rejectedRow, RowReject } from '../rowReject';

/** A repair plan entry after mapping and validation; the segment is found later, by id or by geometry. */
export interface PlanDraft {
  externalId: string;
  segmentId: string | null;
  /** GeoJSON of a (Multi)LineString or Point, for the join by geometry when there is no segment id. */
  geometry: Geometry | null;
  year: number | null;
  status: PlanStatus;
  workType: string | null;
  completedAt: string | null;
  warrantyUntil: string | null;
}

export type PlanMapResult = { ok: true; draft: PlanDraft } | { ok: false; reason: string };

const JOINABLE = ['LineString', 'MultiLineString', 'Point'];

function dayOf(rec: SourceRecord, m: PlanMapping, field: PlanField): string | null {
  const raw = read(rec, m.fields[field]);
  if (!raw) return null;
  // Dates of plans are calendar days: read in UTC so the day never shifts.
  const d = parseDateCell(raw, m.date_format, 'UTC');
  if (d) return d.toISOString().slice(0, 10);
  const how = m.date_format ? `the format "${m.date_format}"` : 'ISO 8601 (set "date_format" in the mapping)';
  throw new RowReject(`column "${columnOf(m.fields[field], field)}": cannot parse date "${raw}" as ${how}`);
}

function statusOf(rec: SourceRecord, m: PlanMapping): PlanStatus {
  const raw = read(rec, m.fields.status);
  if (!raw) return 'planned';
  const key = raw.toLowerCase().replace(/\s+/g, ' ');
  const hit = Object.entries(m.statuses).find(([k]) => k.toLowerCase() === key)?.[1] ?? DEFAULT_PLAN_STATUS_VALUES[key];
  if (hit) return hit;
  throw new RowReject(
    `column "${columnOf(m.fields.status, 'status')}": unknown status "${raw}" (expected ${PLAN_STATUSES.join(', ')}; add it to "statuses" in the mapping)`,
  );
}

function yearOf(rec: SourceRecord, m: PlanMapping): number | null {
  const raw = read(rec, m.fields.year);
  if (!raw) return null;
  const y = Number(raw);
  if (!Number.isInteger(y) || y < 1950 || y > 2100)
    throw new RowReject(`column "${columnOf(m.fields.year, 'year')}": "${raw}" is not a year`);
  return y;
}

/** Maps and validates one plan record; never throws for a bad row, it returns the reason instead. */
export function mapPlanRecord(rec: SourceRecord, m: PlanMapping): PlanMapResult {
  if (rec.problem) return { ok: false, reason: rec.problem };
  try {
    const segmentId = nullIfEmpty(read(rec, m.fields.segment_id));
    // 2D, without foreign members: a height or a "crs" would make PostGIS refuse the row (../constraints.ts).
    const g = flat2d(rec.geometry ?? null);
    const bad = g && geometryProblem(g, JOINABLE);
    if (bad) throw new RowReject(bad);
    if (!segmentId && !g)
      throw new RowReject(
        `no segment: column "${columnOf(m.fields.segment_id, 'segment_id')}" is empty and the row has no geometry`,
      );
    const year = yearOf(rec, m);
    const status = statusOf(rec, m);
    const workType = nullIfEmpty(read(rec, m.fields.work_type));
    const completedAt = dayOf(rec, m, 'completed_at');
    const warrantyUntil = dayOf(rec, m, 'warranty_until');
    if (completedAt && warrantyUntil && warrantyUntil < completedAt) {
      throw new RowReject(`the warranty ends (${warrantyUntil}) before the work was completed (${completedAt})`);
    }
    if (completedAt && status !== 'done')
      throw new RowReject(`a completion date (${completedAt}) with status "${status}": only done works are completed`);
    const key = read(rec, m.fields.external_id);
    const externalId =
      key ||
      [
        segmentId ?? `geom:${createHash('sha1').update(JSON.stringify(g)).digest('hex').slice(0, 16)}`,
        year ?? '',
        workType ?? '',
      ].join('|');
    return {
      ok: true,
      draft: {
        externalId,
        segmentId,
        geometry: segmentId ? null : g,
        year,
        status,
        workType,
        completedAt,
        warrantyUntil,
      },
    };
  } catch (e) {
    return rejectedRow(e);
  }
}
