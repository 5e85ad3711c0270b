import type { Database } from '../../db';
import type { AppealFilter } from '../domain/filters';
import { PmapError } from '../errors';
import { textFor } from '../privacy/redact';
import { appealWhere } from './appealFilterSql';

export interface SegmentAppeal {
  id: number;
  createdAt: string;
  channel: string;
  status: string;
  isGratitude: boolean;
  text: string | null;
  address: string | null;
  distanceM: number | null;
}

export interface SegmentPlan {
  id: number;
  source: string;
  externalId: string;
  year: number | null;
  status: string | null;
  workType: string | null;
  completedAt: string | null;
  warrantyUntil: string | null;
}

/** The segment's owner, or not_found: checked before a road agency sees anything of it. */
export async function segmentOwner(db: Database, id: number): Promise<string | null> {
  const [r] = await db.query<{ owner: string | null }>('SELECT owner FROM road_segments WHERE id = $1', [id]);
  if (!r) throw PmapError.keyed('not_found', 'roads.no_segment', { id });
  return r.owner;
}

/**
 * Road appeals snapped to a segment, newest first (with text, never the author; contacts inside the text only when
 * `contacts`, see mayReadContacts), and its whole plan history. `limit` bounds the list; `total` says how many there are,
 * `complaints` how many of them are not thanks. The caller passes the period the segment's statistics use (the
 * statistics window), so that the detail's count of complaints is the one of the table; thanks are always listed.
 */
export async function segmentDetail(db: Database, id: number, f: AppealFilter, contacts: boolean, limit = 200): Promise<{ appeals: SegmentAppeal[]; total: number; complaints: number; plans: SegmentPlan[] }> {
  const w = appealWhere({ ...f, topic: ['roads'], gratitude: 'include' }, 2);
  const appeals = await db.query<{ id: number; created_at: Date; channel: string; status: string; is_gratitude: boolean; text: string | null; address: string | null; d: number | null; total: number; complaints: number }>(
    `SELECT a.id, a.created_at, a.channel, a.status, a.is_gratitude, a.text, a.address, a.road_distance_m AS d, count(*) OVER () AS total,
            count(*) FILTER (WHERE NOT a.is_gratitude) OVER () AS complaints
     FROM appeals a WHERE a.road_segment_id = $1 AND ${w.sql}
     ORDER BY a.created_at DESC, a.id DESC LIMIT $2`,
    [id, limit, ...w.params]);
  const plans = await db.query<{ id: number; code: string; external_id: string; year: number | null; status: string | null; work_type: string | null; completed_at: string | null; warranty_until: string | null }>(
    `SELECT p.id, s.code, p.external_id, p.year, p.status, p.work_type,
            to_char(p.completed_at, 'YYYY-MM-DD') AS completed_at, to_char(p.warranty_until, 'YYYY-MM-DD') AS warranty_until
     FROM repair_plans p JOIN sources s ON s.id = p.source_id WHERE p.segment_id = $1
     ORDER BY p.year DESC NULLS LAST, p.completed_at DESC NULLS LAST, p.id DESC`, [id]);
  return {
    total: Number(appeals[0]?.total ?? 0),
    complaints: Number(appeals[0]?.complaints ?? 0),
    appeals: appeals.map((a) => ({
      id: Number(a.id), createdAt: new Date(a.created_at).toISOString(), channel: a.channel, status: a.status, isGratitude: a.is_gratitude,
      text: textFor(contacts, a.text), address: a.address, distanceM: a.d === null ? null : Math.round(Number(a.d)),
    })),
    plans: plans.map((p) => ({ id: p.id, source: p.code, externalId: p.external_id, year: p.year, status: p.status, workType: p.work_type,
      completedAt: p.completed_at, warrantyUntil: p.warranty_until })),
  };
}
