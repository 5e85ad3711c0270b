import { sql, type Kysely } from 'kysely';

/*
 * Road segments keep the source's street code (a КЛАДР/ФИАС code such as OSM's `cladr:code`): a street key that
 * does not depend on how the name is spelled. And the direction of travel: 1 one way along the line, -1 one way
 * against it (OSM `oneway=-1`), 0 both ways, NULL not stated.
 */
const statements = [
  `ALTER TABLE road_segments ADD COLUMN street_code text`,
  `ALTER TABLE road_segments ADD COLUMN oneway smallint CHECK (oneway IN (-1, 0, 1))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw('ALTER TABLE road_segments DROP COLUMN IF EXISTS oneway, DROP COLUMN IF EXISTS street_code')
    .execute(db);
}
