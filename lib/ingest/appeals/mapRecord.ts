import { isChannel, isStatus, isTopic, type Channel, type Status, type Topic } from '../../domain/vocab';
import { checkCoordinates, parseNumberCell, type Bbox } from '../coordinates';
import { parseDateCell } from '../dates';
import { columnOf, nullIfEmpty, readField as read, str, valueAt } from '../fields';
import type { AppealMapping } from '../mapping';
import type { SourceRecord } from '../readers';

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
  lat: number | null;
  lon: number | null;
  coordinatesSwapped: boolean;
}

export type MapResult = { ok: true; draft: AppealDraft } | { ok: false; reason: string };

class RowReject extends Error {}

function dateField(rec: SourceRecord, m: AppealMapping, field: 'created_at' | 'updated_at' | 'closed_at'): Date | null {
  const raw = read(rec, m.fields[field]);
  if (!raw) return null;
  const d = parseDateCell(raw, m.date_format, m.timezone);
  if (!d) {
    const how = m.date_format ? `the format "${m.date_format}"` : 'ISO 8601 (set "date_format" in the mapping)';
    throw new RowReject(`column "${columnOf(m.fields[field], field)}": cannot parse date "${raw}" as ${how}`);
  }
  return d;
}

function channelOf(rec: SourceRecord, m: AppealMapping): Channel {
  if (typeof m.channel === 'string') return m.channel;
  if (m.channel) {
    const v = str(valueAt(rec.values, m.channel.column));
    return m.channel.values[v] ?? (isChannel(v.toLowerCase()) ? (v.toLowerCase() as Channel) : m.channel.default);
  }
  const v = read(rec, m.fields.channel).toLowerCase();
  return isChannel(v) ? v : 'other';
}

function statusOf(raw: string, m: AppealMapping, closed: boolean): Status {
  if (m.statuses[raw]) return m.statuses[raw];
  const lower = raw.toLowerCase().replace(/\s+/g, '_');
  if (isStatus(lower)) return lower;
  return closed ? 'closed' : 'new';
}

function coordinatesOf(rec: SourceRecord, m: AppealMapping, region: Bbox | undefined) {
  let lat = parseNumberCell(read(rec, m.fields.lat));
  let lon = parseNumberCell(read(rec, m.fields.lon));
  if (m.coordinates) {
    const parts = str(rec.values[m.coordinates.column]).replace(/[()[\]\s]/g, '').split(',').filter(Boolean);
    if (parts.length === 2) {
      const [a, b] = parts.map(parseNumberCell);
      [lat, lon] = m.coordinates.order === 'lat,lon' ? [a, b] : [b, a];
    } else if (parts.length) {
      throw new RowReject(`column "${m.coordinates.column}": expected two numbers, got "${str(rec.values[m.coordinates.column])}"`);
    }
  }
  if (lat === null && lon === null && rec.geometry !== undefined && rec.geometry !== null) {
    const g = rec.geometry;
    if (g.type !== 'Point' || !Array.isArray(g.coordinates) || g.coordinates.length < 2) {
      throw new RowReject(`invalid geometry: expected a Point with two coordinates, got ${g.type ?? 'nothing'}`);
    }
    [lon, lat] = g.coordinates.map((c) => (typeof c === 'number' && Number.isFinite(c) ? c : NaN));
  }
  const c = checkCoordinates(lat, lon, region, m.swap_coordinates);
  if (c.kind === 'reject') throw new RowReject(c.reason);
  return c.kind === 'ok' ? c : { lat: null, lon: null, swapped: false };
}

const DAY_MS = 86_400_000;

/**
 * Maps and validates one source record; never throws for a bad row, it returns the reason instead. `now` (ms) is
 * the clock a creation date may not be more than a day ahead of.
 */
export function mapAppealRecord(rec: SourceRecord, m: AppealMapping, region?: Bbox, now = Date.now()): MapResult {
  if (rec.problem) return { ok: false, reason: rec.problem };
  try {
    const externalId = read(rec, m.fields.external_id);
    if (!externalId) throw new RowReject(`column "${columnOf(m.fields.external_id, 'external_id')}": the external id is empty`);
    const createdAt = dateField(rec, m, 'created_at');
    if (!createdAt) throw new RowReject(`column "${columnOf(m.fields.created_at, 'created_at')}": the creation date is empty`);
    // One appeal dated years ahead (a day and month swapped, a typo) would stretch every chart and the map's default
    // period to that year; a day's slack allows for time zones and clocks.
    if (createdAt.getTime() > now + DAY_MS) {
      throw new RowReject(`column "${columnOf(m.fields.created_at, 'created_at')}": the creation date ${createdAt.toISOString()} is in the future`);
    }
    const closedAt = dateField(rec, m, 'closed_at');
    const topicRaw = read(rec, m.fields.topic);
    const topic = m.topics[topicRaw] ?? (isTopic(topicRaw.toLowerCase()) ? (topicRaw.toLowerCase() as Topic) : null);
    const gratitudeRaw = read(rec, m.fields.is_gratitude).toLowerCase();
    const { lat, lon, swapped } = coordinatesOf(rec, m, region);
    return {
      ok: true,
      draft: {
        externalId,
        channel: channelOf(rec, m),
        createdAt,
        updatedAt: dateField(rec, m, 'updated_at'),
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
        lat,
        lon,
        coordinatesSwapped: swapped,
      },
    };
  } catch (e) {
    if (e instanceof RowReject) return { ok: false, reason: e.message };
    throw e;
  }
}
