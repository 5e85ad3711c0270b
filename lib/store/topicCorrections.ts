import type { Database, Session } from '../../db';
import {
  correctionsPage,
  insertCorrection,
  latestMachineTopic,
  lockAppealTopic,
  writeAppealTopic,
  type LockedTopic,
} from '../../db/queries/topicCorrections';
import type { Topic } from '../domain/vocab';
import { PmapError } from '../errors';
import { writeCsv } from '../export';
import { snapToRoads } from '../enrich/spatial';
import { redactContacts } from '../privacy/redact';

/*
 * Topics chosen by hand (migration 2026-12-07T20-topic-corrections). A choice sets the appeal's topic with
 * topic_manual = true and topic_confidence = 1: imports (appealsMerge) and re-classification (reclassify) never
 * overwrite such a row. Every choice is also a row of topic_corrections with what the machine had said, so the
 * corrections report can hand the training script both. Nothing here trains anything.
 */

/** An appeal's topic after a change, as the API answers it. */
export interface AppealTopicState {
  id: number;
  topic: string;
  topicManual: boolean;
  topicConfidence: number | null;
}

/** The machine's answer for a text: what "return to automatic" restores. */
export type MachineTopic = (text: string | null) => { topic: Topic; confidence: number };

/** What the machine (or the source) said before any manual choice: the row itself, or the latest correction's record. */
async function machineBefore(s: Session, a: LockedTopic): Promise<{ topic: string | null; confidence: number | null }> {
  if (!a.topic_manual) return { topic: a.topic, confidence: a.topic_confidence };
  const c = await latestMachineTopic(s, a.id);
  return { topic: c?.machine_topic ?? null, confidence: c?.machine_confidence ?? null };
}

/**
 * Sets an appeal's topic by hand (`topic`), or returns it to automatic (`null`): then the source's topic comes back
 * when the source gave one (recorded confidence 1), else `machine` classifies the text now. Records the choice with
 * the machine's topic, and snaps the appeal to a road again (only road appeals are snapped). An unknown id is a
 * not_found; choosing the topic the appeal already has by hand, or returning an automatic one, changes nothing.
 */
export async function setAppealTopic(
  db: Database,
  id: number,
  topic: Topic | null,
  by: string,
  machine: MachineTopic,
): Promise<AppealTopicState> {
  return db.transaction(async (s) => {
    const a = await lockAppealTopic(s, id);
    if (!a) throw PmapError.keyed('not_found', 'appeals.no_appeal', { id });
    const state = (t: string, manual: boolean, conf: number | null): AppealTopicState => ({
      id: Number(a.id),
      topic: t,
      topicManual: manual,
      topicConfidence: conf,
    });
    if (topic === null ? !a.topic_manual : a.topic_manual && a.topic === topic)
      return state(a.topic, a.topic_manual, a.topic_confidence);
    const before = await machineBefore(s, a);
    await insertCorrection(s, {
      appealId: id,
      machineTopic: before.topic,
      machineConfidence: before.confidence,
      topic,
      by,
    });
    let next: AppealTopicState;
    if (topic !== null) next = state(topic, true, 1);
    else if (before.topic !== null && (before.confidence ?? 0) >= 1) next = state(before.topic, false, 1);
    else {
      const c = machine(a.text);
      next = state(c.topic, false, c.confidence);
    }
    await writeAppealTopic(s, id, { topic: next.topic, manual: next.topicManual, confidence: next.topicConfidence });
    if (next.topic !== a.topic) await snapToRoads(s, String(Number(id)));
    return next;
  });
}

/** Columns of the corrections report, in order; the training script reads `text` and `topic` (and `machine_topic`). */
export const CORRECTION_COLUMNS = [
  'appeal_id',
  'text',
  'machine_topic',
  'machine_confidence',
  'topic',
  'corrected_by',
  'corrected_at',
] as const;

type CorrectionRow = Record<(typeof CORRECTION_COLUMNS)[number], unknown> & { k: number };

/** The report's rows a page at a time (keyset), so any number of corrections streams in bounded memory. */
export async function* correctionPages(
  s: Session,
  o: { history?: boolean } = {},
  pageSize = 5000,
): AsyncGenerator<CorrectionRow[]> {
  let after = 0;
  for (;;) {
    const rows: CorrectionRow[] = await correctionsPage(s, o.history === true, after, pageSize);
    if (!rows.length) return;
    yield rows;
    after = Number(rows[rows.length - 1].k);
    if (rows.length < pageSize) return;
  }
}

/** The report leaves the system as a file: phones, e-mails and profile links in the text never go with it. */
async function* redacted(pages: AsyncIterable<CorrectionRow[]>): AsyncGenerator<CorrectionRow[]> {
  for await (const page of pages) {
    yield page.map((r) => ({
      ...r,
      appeal_id: Number(r.appeal_id),
      text: r.text === null || r.text === undefined ? r.text : redactContacts(String(r.text)),
    }));
  }
}

/**
 * Writes the corrections report to `out` as CSV for a program (lib/export: no BOM, cells escaped against formulas);
 * returns the row count. It carries appeal text: staff only.
 */
export async function writeCorrectionsCsv(s: Session, out: string, o: { history?: boolean } = {}): Promise<number> {
  return writeCsv(
    out,
    CORRECTION_COLUMNS.map((key) => ({ key })),
    redacted(correctionPages(s, o)),
    'program',
  );
}
