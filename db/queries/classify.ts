import { sql } from 'kysely';
import type { Session } from '../client';
import { qb, run, runFirst, runSql } from '../sql/builder';

/*
 * Server-only. Topic classification's SQL: which model and rules classified the appeals (topic_models), and the pages
 * of appeals `pmap enrich` classifies again (lib/enrich/classify/reclassify.ts decides what changes).
 */

export interface TopicModelRow {
  version: string;
  rules: unknown;
  model: unknown;
  examples: number;
}

/** The active topic_models row, if any. */
export async function activeTopicModel(s: Session): Promise<TopicModelRow | undefined> {
  return runFirst(
    s,
    qb.selectFrom('topic_models').select(['version', 'rules', 'model', 'examples']).where('active', '=', true),
  );
}

/** The active model's version only (the import's cheap cache check). */
export async function activeTopicModelVersion(s: Session): Promise<string | undefined> {
  return (await runFirst(s, qb.selectFrom('topic_models').select('version').where('active', '=', true)))?.version;
}

/** Makes `version` the one active model, inserting it when new (rules and model ref as JSON text). */
export async function activateTopicModel(
  s: Session,
  m: {
    version: string;
    examples: number;
    fingerprint: string;
    rules: string;
    model: string | null;
  },
): Promise<void> {
  await run(
    s,
    qb.updateTable('topic_models').set({ active: false }).where('active', '=', true).where('version', '<>', m.version),
  );
  await run(
    s,
    qb
      .insertInto('topic_models')
      .values({
        version: m.version,
        active: true,
        examples: m.examples,
        training_fingerprint: m.fingerprint,
        rules: m.rules,
        model: m.model,
      })
      .onConflict((oc) => oc.column('version').doUpdateSet({ active: true })),
  );
}

export interface ClassifyRow {
  id: number;
  text: string | null;
  topic: string;
  topic_confidence: number | null;
  is_gratitude: boolean;
  /** The topic may be rewritten by the machine. */
  tm: boolean;
  /** The gratitude flag may be rewritten by the machine. */
  gm: boolean;
}

// What the machine may rewrite: not a staff correction, and only the parts the source did not give. A topic from the
// source has confidence 1; gratitude came from the source when the import's mapping named an is_gratitude column.
const TOPIC_MACHINE = sql`(NOT a.topic_manual AND coalesce(a.topic_confidence, 0) < 1)`;
const GRATITUDE_MACHINE = sql`(NOT a.topic_manual AND NOT coalesce((j.mapping->'fields') ? 'is_gratitude', false))`;

/** A page (id order, after `after`) of the appeals whose topic or gratitude flag the machine may rewrite. */
export async function machineClassifiedPage(s: Session, after: number, limit: number): Promise<ClassifyRow[]> {
  return runSql<ClassifyRow>(
    s,
    sql`SELECT a.id, a.text, a.topic, a.topic_confidence, a.is_gratitude, ${TOPIC_MACHINE} AS tm, ${GRATITUDE_MACHINE} AS gm
       FROM appeals a LEFT JOIN import_jobs j ON j.id = a.import_job_id
       WHERE (${TOPIC_MACHINE} OR ${GRATITUDE_MACHINE}) AND a.id > ${after} ORDER BY a.id LIMIT ${sql.lit(limit)}`,
  );
}

/**
 * Writes new topics, confidences and gratitude flags, and records in `changedTable` (a temp table of ids of our own
 * naming) the appeals whose topic changed.
 */
export async function writeClassified(
  s: Session,
  changedTable: string,
  u: {
    ids: number[];
    topics: string[];
    confs: (number | null)[];
    grats: boolean[];
  },
): Promise<void> {
  await runSql(
    s,
    sql`WITH u AS (
           UPDATE appeals a SET topic = u.topic, topic_confidence = u.conf, is_gratitude = u.grat
           FROM unnest(${u.ids}::bigint[], ${u.topics}::text[], ${u.confs}::real[], ${u.grats}::boolean[]) AS u(id, topic, conf, grat),
                appeals old
           WHERE a.id = u.id AND old.id = u.id
           RETURNING a.id, old.topic AS old_topic, a.topic AS new_topic)
         INSERT INTO ${sql.table(changedTable)} (id) SELECT id FROM u WHERE old_topic IS DISTINCT FROM new_topic ON CONFLICT DO NOTHING`,
  );
}
