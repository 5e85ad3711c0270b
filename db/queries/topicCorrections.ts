import { sql } from 'kysely';
import type { Session } from '../client';
import { qb, run, runFirst, runSql } from '../sql/builder';

/* Server-only. Topics chosen by hand and their record (lib/store/topicCorrections.ts). */

export interface LockedTopic {
  id: number;
  text: string | null;
  topic: string;
  topic_confidence: number | null;
  topic_manual: boolean;
}

/** Appeal `id`'s text and topic, locked FOR UPDATE (inside a transaction). */
export async function lockAppealTopic(s: Session, id: number): Promise<LockedTopic | undefined> {
  return runFirst(
    s,
    qb
      .selectFrom('appeals')
      .select(['id', 'text', 'topic', 'topic_confidence', 'topic_manual'])
      .where('id', '=', id)
      .forUpdate(),
  );
}

/** What the machine said before the latest correction of appeal `id` (none: undefined). */
export async function latestMachineTopic(
  s: Session,
  id: number,
): Promise<{ machine_topic: string | null; machine_confidence: number | null } | undefined> {
  return runFirst(
    s,
    qb
      .selectFrom('topic_corrections')
      .select(['machine_topic', 'machine_confidence'])
      .where('appeal_id', '=', id)
      .orderBy('id', 'desc')
      .limit(1),
  );
}

export async function insertCorrection(
  s: Session,
  c: {
    appealId: number;
    machineTopic: string | null;
    machineConfidence: number | null;
    topic: string | null;
    by: string;
  },
): Promise<void> {
  await run(
    s,
    qb.insertInto('topic_corrections').values({
      appeal_id: c.appealId,
      machine_topic: c.machineTopic,
      machine_confidence: c.machineConfidence,
      topic: c.topic,
      corrected_by: c.by,
    }),
  );
}

export async function writeAppealTopic(
  s: Session,
  id: number,
  t: { topic: string; manual: boolean; confidence: number | null },
): Promise<void> {
  await run(
    s,
    qb
      .updateTable('appeals')
      .set({ topic: t.topic, topic_manual: t.manual, topic_confidence: t.confidence })
      .where('id', '=', id),
  );
}

export interface CorrectionRow {
  k: number;
  appeal_id: number;
  text: string | null;
  machine_topic: string | null;
  machine_confidence: number | null;
  topic: string | null;
  corrected_by: string | null;
  corrected_at: Date | null;
}

/**
 * A keyset page of the corrections report after key `after`. Current: each appeal whose topic a person chose, with
 * its latest correction (none for a row marked manual some other way: then who and what the machine said are empty).
 * History: every correction, returns to automatic with an empty topic.
 */
export async function correctionsPage(
  s: Session,
  history: boolean,
  after: number,
  limit: number,
): Promise<CorrectionRow[]> {
  return runSql<CorrectionRow>(
    s,
    history
      ? sql`SELECT c.id AS k, c.appeal_id, a.text, c.machine_topic, c.machine_confidence, c.topic, c.corrected_by, c.corrected_at
  FROM topic_corrections c JOIN appeals a ON a.id = c.appeal_id
  WHERE c.id > ${after} ORDER BY c.id LIMIT ${limit}`
      : sql`SELECT a.id AS k, a.id AS appeal_id, a.text, c.machine_topic, c.machine_confidence, a.topic, c.corrected_by, c.corrected_at
  FROM appeals a
  LEFT JOIN LATERAL (SELECT * FROM topic_corrections c WHERE c.appeal_id = a.id ORDER BY c.id DESC LIMIT 1) c ON true
  WHERE a.topic_manual AND a.id > ${after} ORDER BY a.id LIMIT ${limit}`,
  );
}
