import { hash as cryptoHash } from 'node:crypto';
import { copyCsv } from '../../../db/copyCsv';
import type { Channel } from '../../domain/vocab';
import type { TopicClassifier } from '../../enrich/classify';
import { h3Decimal } from '../../enrich/h3';
import { pseudonymOf } from '../../enrich/pseudonym';
import { STAGE_COLUMNS } from '../../../db/merge/appeals';
import type { ChannelVia } from '../channels';
import { APPEAL_STAGE_RULES, stageProblem } from '../constraints';
import type { Placement } from '../coordinateVote';
import type { AppealMapping } from '../mapping';
import type { SourceRecord } from '../readers';
import { mapAppealRecord, type AppealDraft } from './mapRecord';
import { dueAtFor, type DueInput } from '../../domain/calendar/deadlineRules';
import type { DeadlineRule } from '../../domain/calendar/workdays';

/*
 * The per-row work of an appeal import after parsing, one chunk of records at a time: map and validate, classify,
 * pseudonym, H3 cell, content hash, the staging table's constraint checks and the COPY text. Pure (no database, no
 * environment): the same function runs on the main thread and in the import's worker threads (rowPool.ts), so both
 * give the same rows, rejects and counters.
 */

/** What every chunk of one import is staged with; structured-cloneable (it is sent to each worker once). */
export interface RowContext {
  mapping: AppealMapping;
  /** The region and the file's swapped-coordinates verdict. */
  placement: Placement;
  /** The clock a creation date may not be more than a day ahead of (ms). */
  now: number;
  /** PMAP_PSEUDONYM_KEY. */
  key: string;
  /** The deadline rules (deadline_rules), loaded once per import; none: due_at stays null (the SQL fallback). */
  deadlineRules?: DeadlineRule[];
  /** The time zone working days are counted in: the mapping's, else PMAP_TIME_ZONE. */
  timeZone?: string;
}

/** A chunk's outcome, in the order of its records. */
export interface ChunkResult {
  /** Per record: null when it was staged, else why it was rejected. */
  reasons: (string | null)[];
  /** The staged rows as COPY CSV lines (db/copyCsv.ts), in order. */
  csv: Uint8Array;
  /** Source row numbers of the staged rows (the first column of each line). */
  stagedRows: number[];
  swapped: number;
  noCoords: number;
  viaIso: number;
  /** lat, lon of each staged located row, in order. */
  located: Float64Array;
  /** The channel column's values of staged rows: value, channel, how, rows; in order of first appearance. */
  channels: [string, Channel, ChannelVia, number][];
}

const NO_DUE = (): Date | null => null;

/** One staging row, in STAGE_COLUMNS order. */
export function stageRow(
  rec: SourceRecord,
  d: AppealDraft,
  key: string,
  classifier: TopicClassifier,
  due: (a: DueInput) => Date | null = NO_DUE,
): unknown[] {
  // A topic from the source needs only the gratitude rules, not the model's stemming and scoring.
  const cls = d.topic === null ? classifier.classify(d.text) : null;
  const topic = d.topic ?? cls!.topic;
  const conf = d.topic !== null ? 1 : cls!.confidence;
  const gratitude = d.gratitude ?? cls?.isGratitude ?? classifier.gratitude(d.text);
  const raw = JSON.stringify(rec.geometry ? { ...rec.values, geometry: rec.geometry } : rec.values);
  // What the source said, not what the classifier made of it: a new model must not turn a re-import into updates.
  // One-shot hash: a Hash object per row cost more than the hashing (same digest as update(d).update(raw)).
  const hash = cryptoHash('sha1', JSON.stringify(d) + raw, 'base64url');
  const iso = (x: Date | null) => (x ? x.toISOString() : '');
  return [
    rec.row,
    d.externalId,
    d.channel,
    iso(d.createdAt),
    iso(d.updatedAt),
    iso(d.closedAt),
    d.status,
    topic,
    conf,
    String(gratitude),
    d.text ?? '',
    d.address ?? '',
    d.street ?? '',
    d.house ?? '',
    d.author ? pseudonymOf(d.author, key) : '',
    d.author ?? '',
    d.agency ?? '',
    iso(d.answeredAt ?? null),
    d.answerText ?? '',
    // The regulated due time under the deadline rules (not in the hash: it is derived, like the topic).
    iso(due({ topic, channel: d.channel, createdAt: d.createdAt })),
    d.lat ?? '',
    d.lon ?? '',
    d.lat !== null ? h3Decimal(d.lat, d.lon!) : '',
    raw,
    hash,
  ];
}

/** Stages one chunk of records (see ChunkResult). */
export function stageChunk(
  records: readonly SourceRecord[],
  ctx: RowContext,
  classifier: TopicClassifier,
): ChunkResult {
  const reasons: (string | null)[] = new Array(records.length);
  const rows: unknown[][] = [];
  const stagedRows: number[] = [];
  const located: number[] = [];
  const channels = new Map<string, [string, Channel, ChannelVia, number]>();
  let swapped = 0;
  let noCoords = 0;
  let viaIso = 0;
  const due = dueAtFor(ctx.deadlineRules ?? [], ctx.timeZone ?? 'UTC');
  for (let i = 0; i < records.length; i++) {
    const rec = records[i]!;
    const r = mapAppealRecord(rec, ctx.mapping, ctx.placement, ctx.now);
    if (!r.ok) {
      reasons[i] = r.reason;
      continue;
    }
    const row = stageRow(rec, r.draft, ctx.key, classifier, due);
    const why = stageProblem(APPEAL_STAGE_RULES, STAGE_COLUMNS, row);
    if (why) {
      reasons[i] = why;
      continue;
    }
    reasons[i] = null;
    rows.push(row);
    stagedRows.push(rec.row);
    const d = r.draft;
    if (d.coordinatesSwapped) swapped++;
    if (d.lat === null) noCoords++;
    else located.push(d.lat, d.lon!);
    const ch = r.info.channel;
    if (ch) {
      // Keyed by all three: one value always maps the same way within an import, but the tally keeps the first.
      const k = `${ch.via}\u0000${d.channel}\u0000${ch.value}`;
      const seen = channels.get(k);
      if (seen) seen[3]++;
      else channels.set(k, [ch.value, d.channel, ch.via, 1]);
    }
    if (r.info.dateViaIso) viaIso++;
  }
  return {
    reasons,
    csv: copyCsv(rows),
    stagedRows,
    swapped,
    noCoords,
    viaIso,
    located: Float64Array.from(located),
    channels: [...channels.values()],
  };
}
