import { sql, type Kysely } from 'kysely';

/*
 * Road priority weights per owner (issue 18, finding 4: a road agency's save reordered every owner's list).
 * A row with owner NULL is the global default, edited only by admins; a row with an owner is that owner's weight,
 * saved by its road agency (or an admin). A missing owner row falls back to the default, a missing default row to
 * the built-in weight (lib/roads/score.ts). The weights saved so far become the global default.
 * NULLS NOT DISTINCT (PostgreSQL 15+) makes (NULL, part) unique too, so one upsert serves both.
 */
const up_ = [
  `ALTER TABLE road_priority_weights ADD COLUMN owner text`,
  `ALTER TABLE road_priority_weights DROP CONSTRAINT road_priority_weights_pkey`,
  `ALTER TABLE road_priority_weights ADD CONSTRAINT road_priority_weights_owner_part UNIQUE NULLS NOT DISTINCT (owner, part)`,
];

const down_ = [
  `DELETE FROM road_priority_weights WHERE owner IS NOT NULL`,
  `ALTER TABLE road_priority_weights DROP CONSTRAINT road_priority_weights_owner_part`,
  `ALTER TABLE road_priority_weights DROP COLUMN owner`,
  `ALTER TABLE road_priority_weights ADD PRIMARY KEY (part)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of up_) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const s of down_) await sql.raw(s).execute(db);
}
