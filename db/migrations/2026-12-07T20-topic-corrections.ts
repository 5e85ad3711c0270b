import { sql, type Kysely } from 'kysely';

/*
 * Topics chosen by hand (issue 19: operators see the doubt). Each choice is one row, kept as history: what the machine
 * had said (machine_topic, machine_confidence: the topic before any manual choice; confidence 1 means the source gave
 * it), what the person chose (topic; NULL: "return to automatic"), who and when. The appeal itself carries the
 * current choice (topic, topic_manual = true, topic_confidence = 1), so imports and re-classification leave it alone;
 * the corrections report reads both (lib/store/topicCorrections.ts).
 */
const up_ = [
  `CREATE TABLE topic_corrections (
     id bigserial PRIMARY KEY,
     appeal_id bigint NOT NULL REFERENCES appeals(id) ON DELETE CASCADE,
     machine_topic text REFERENCES topics(code),
     machine_confidence real,
     topic text REFERENCES topics(code),
     corrected_by text NOT NULL,
     corrected_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX topic_corrections_appeal_idx ON topic_corrections (appeal_id, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of up_) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`DROP TABLE IF EXISTS topic_corrections`).execute(db);
}
