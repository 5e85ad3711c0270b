import { sql, type Kysely } from 'kysely';

/*
 * Road-agency priority list: the score's weights, editable on /roads and stored here so the page, the API and
 * `pmap export priorities` agree. One row per part; a missing row means the default (lib/roads/score.ts).
 */
const statements = [
  `CREATE TABLE road_priority_weights (
     part text PRIMARY KEY CHECK (part IN ('per_km', 'citizens', 'trend', 'condition', 'road_class', 'facilities')),
     weight real NOT NULL CHECK (weight >= 0 AND weight <= 100),
     updated_at timestamptz NOT NULL DEFAULT now(),
     updated_by text
   )`,
  `CREATE INDEX IF NOT EXISTS repair_plans_status_idx ON repair_plans (segment_id, status)`,
  `CREATE INDEX IF NOT EXISTS service_points_kind_idx ON service_points (kind)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS road_priority_weights').execute(db);
  await sql.raw('DROP INDEX IF EXISTS repair_plans_status_idx').execute(db);
  await sql.raw('DROP INDEX IF EXISTS service_points_kind_idx').execute(db);
}
