import path from 'node:path';
import { z } from 'zod';
import { parseMapping, type FieldSpec } from '../mapping';

const fieldSpec: z.ZodType<FieldSpec> = z.union([
  z.string().min(1),
  z.array(z.string().min(1)).min(1),
  z.strictObject({ value: z.union([z.string(), z.number(), z.boolean()]) }),
]);

/** contract.md's plan fields, plus `external_id` (without it a plan is keyed by segment, year and work type). */
export const PLAN_FIELDS = [
  'external_id',
  'segment_id',
  'year',
  'status',
  'work_type',
  'completed_at',
  'warranty_until',
] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];
export const PLAN_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Status words of Russian and English plans, lower case, → our statuses. A mapping adds its own. */
export const DEFAULT_PLAN_STATUS_VALUES: Record<string, PlanStatus> = {
  planned: 'planned',
  plan: 'planned',
  запланирован: 'planned',
  запланировано: 'planned',
  план: 'planned',
  'в плане': 'planned',
  in_progress: 'in_progress',
  'in progress': 'in_progress',
  'в работе': 'in_progress',
  выполняется: 'in_progress',
  'ведутся работы': 'in_progress',
  done: 'done',
  completed: 'done',
  выполнен: 'done',
  выполнено: 'done',
  завершён: 'done',
  завершен: 'done',
  принят: 'done',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  отменён: 'cancelled',
  отменен: 'cancelled',
  отменено: 'cancelled',
};

export const planMappingSchema = z.strictObject({
  source: z.string().regex(/^[a-z0-9_.-]+$/i, 'letters, digits, "_", "-" or "." only'),
  source_name: z.string().optional(),
  fields: z.partialRecord(z.enum(PLAN_FIELDS), fieldSpec),
  /** Extension: source status values → planned | in_progress | done | cancelled (case-insensitive), over the defaults. */
  statuses: z.record(z.string(), z.enum(PLAN_STATUSES)).default({}),
  /** Format of completed_at / warranty_until (date-fns tokens); ISO 8601 without it. */
  date_format: z.string().min(1).optional(),
  /** Extension: the source code of the road network whose external ids segment_id names (when several are loaded). */
  segment_source: z.string().optional(),
  /** Extension: how far (metres) a plan's geometry may lie from a segment to be joined to it by geometry. */
  match_distance_m: z.number().positive().max(500).default(20),
});
export type PlanMapping = z.infer<typeof planMappingSchema>;

export function defaultPlanMapping(file: string): PlanMapping {
  const source =
    path
      .basename(file)
      .replace(/\.[^.]+$/, '')
      .replace(/[^a-z0-9_.-]+/gi, '_') || 'plans';
  return parseMapping(planMappingSchema, { source, fields: Object.fromEntries(PLAN_FIELDS.map((f) => [f, f])) }, file);
}

const columnsOfSpec = (spec: FieldSpec | undefined): string[] =>
  typeof spec === 'string' ? [spec] : Array.isArray(spec) ? spec : [];

/** The columns a plan mapping reads, to check a CSV header before any row. */
export function planColumnsOf(m: PlanMapping): string[] {
  return [...new Set(Object.values(m.fields).flatMap(columnsOfSpec))];
}
