import { isChannel, isStatus, isTopic, type Channel, type Status, type Topic } from '../../domain/vocab';
import { channelKey, channelSynonym, type ChannelVia } from '../channels';
import { placementOf, type Placement } from '../coordinateVote';
import type { Bbox } from '../coordinates';
import { parseDateLenient } from '../dates';
import { columnOf, nullIfEmpty, readField as read, str, valueAt } from '../fields';
import { readId } from '../ids';
import type { AppealMapping } from '../mapping';
import type { SourceRecord } from '../readers';
import { coordinatesOf, rejectedRow, RowReject } from '../rowReject';
import { DAY_MS } from '../../domain/days';

/** An appeal as the source describes it, after mapping and validation, before enrichment. */
export interface AppealDraft {
  externalId: string;
  channel: Channel;
  createdAt: Date;
  updatedAt: Date | null;
  closedAt: Date | null;
  status: Status;
  /** Null when the source gives no topic we know: enrichment classifies the text. */
  topic: Topic | null;
  gratitude: boolean | null;
  text: string | null;
  address: string | null;
  street: string | null;
  house: string | null;
  author: string | null;
  agency: string | null;
  /**
   * When the executor (agency) answered, and the answer, as the source gives them. Absent (undefined, not null) when
   * the source has none: JSON.stringify leaves such keys out, so the content hash of a row from a source without
   * answers stays what it was before these fields existed and an upgrade does not turn a re-import into updates.
   */
  answeredAt?: Date;
  answerText?: string;
  lat: number | null;
  lon: number | null;
  coordinatesSwapped: boolean;
}

/** What the importer counts about a row beyond its draft (kept out of the draft, whose JSON is the content hash). */
export interface RowInfo {
  /** The channel column's value and how it became the channel; null when the channel is a constant. */
  channel: { value: string; via: ChannelVia } | null;
  /** A date failed the mapping's date_format and was read as ISO 8601. */
  dateViaIso: boolean;
}

export type MapResult = { ok: true; draft: AppealDraft; info: RowInfo } | { ok: false; reason: string };

function dateField(
  rec: SourceRecord,
  m: AppealMapping,
  field: 'created_at' | 'updated_at' | 'closed_at' | 'answered_at',
  info: RowInfo,
): Date | null {
  const raw = read(rec, m.fields[field]);
  if (!raw) return null;
  const d = parseDateLenient(raw, m.date_format, m.timezone);
  if (!d) {
    const how = m.date_format ? `the format "${m.date_format}"` : 'ISO 8601 (set "date_format" in the mapping)';
    throw new RowReject(`column "${columnOf(m.fields[field], field)}": cannot parse date "${raw}" as ${how}`);
  }
  if (d.viaIso) info.dateViaIso = true;
  return d.date;
}

/** A source's channel value: the mapping's `values` (as written, then ignoring case and spacing), else ours by name, else the built-in synonyms. */
function channelOf(rec: SourceRecord, m: AppealMapping, info: RowInfo): Channel {
  if (typeof m.channel === 'string') return m.channel;
  if (!m.channel && m.fields.channel === undefined) return 'other';
  const value = m.channel ? str(valueAt(rec.values, m.channel.column)) : read(rec, m.fields.channel);
  const table = m.channel?.values ?? {};
  const fallback = m.channel?.default ?? 'other';
  const seen = (channel: Channel, via: ChannelVia): Channel => {
    info.channel = { value, via };
    return channel;
  };
  if (table[value]) return seen(table[value], 'values');
  const k = channelKey(value);
  const loose = Object.entries(table).find(([v]) => channelKey(v) === k);
  if (loose && k) return seen(loose[1], 'values');
  if (isChannel(value.toLowerCase())) return seen(value.toLowerCase() as Channel, 'synonym');
  // A mapping with its own values table has decided; the built-in synonyms serve one without.
  const synonym = Object.keys(table).length ? null : channelSynonym(value);
  return synonym ? seen(synonym, 'synonym') : seen(fallback, 'default');
}

function statusOf(raw: string, m: AppealMapping, closed: boolean): Status {
  if (m.statuses[raw]) return m.statuses[raw];
  const lower = raw.toLowerCase().replace(/\s+/g, '_');
  if (isStatus(lower)) return lower;
  return closed ? 'closed' : 'new';
}

/**
 * Maps and validates one source record; never throws for a bad row, it returns the reason instead. `region` is the
 * mapping's bbox or the importer's placement (region and the file's swapped-coordinates verdict). `now` (ms) is
 * the clock a creation date may not be more than a day ahead of.
 */
export function mapAppealRecord(
  rec: SourceRecord,
  m: AppealMapping,
  region?: Bbox | Placement,
  now = Date.now(),
): MapResult {
  if (rec.problem) return { ok: false, reason: rec.problem };
  const info: RowInfo = { channel: null, dateViaIso: false };
  try {
    const externalId = readId(rec, m.fields.external_id);
    if (!externalId)
      throw new RowReject(`column "${columnOf(m.fields.external_id, 'external_id')}": the external id is empty`);
    const createdAt = dateField(rec, m, 'created_at', info);
    if (!createdAt)
      throw new RowReject(`column "${columnOf(m.fields.created_at, 'created_at')}": the creation date is empty`);
    // One appeal dated years ahead (a day and month swapped, a typo) would stretch every chart and the map's default
    // period to that year; a day's slack allows for time zones and clocks.
    if (createdAt.getTime() > now + DAY_MS) {
      throw new RowReject(
        `column "${columnOf(m.fields.created_at, 'created_at')}": the creation date ${createdAt.toISOString()} is in the future`,
      );
    }
    const closedAt = dateField(rec, m, 'closed_at', info);
    const topicRaw = read(rec, m.fields.topic);
    const topic = m.topics[topicRaw] ?? (isTopic(topicRaw.toLowerCase()) ? (topicRaw.toLowerCase() as Topic) : null);
    const gratitudeRaw = read(rec, m.fields.is_gratitude).toLowerCase();
    const { lat, lon, swapped } = coordinatesOf(rec, m, placementOf(region));
    const channel = channelOf(rec, m, info);
    return {
      ok: true,
      info,
      draft: {
        externalId,
        channel,
        createdAt,
        updatedAt: dateField(rec, m, 'updated_at', info),
        closedAt,
        status: statusOf(read(rec, m.fields.status), m, closedAt !== null),
        topic,
        gratitude: m.fields.is_gratitude ? m.gratitude_values.includes(gratitudeRaw) : null,
        text: nullIfEmpty(read(rec, m.fields.text)),
        address: nullIfEmpty(read(rec, m.fields.address)),
        street: nullIfEmpty(read(rec, m.fields.street)),
        house: nullIfEmpty(read(rec, m.fields.house)),
        author: nullIfEmpty(read(rec, m.fields.author)),
        agency: nullIfEmpty(read(rec, m.fields.agency)),
        answeredAt: dateField(rec, m, 'answered_at', info) ?? undefined,
        answerText: read(rec, m.fields.answer_text) || undefined,
        lat,
        lon,
        coordinatesSwapped: swapped,
      },
    };
  } catch (e) {
    return rejectedRow(e);
  }
}
