import type { Database } from '../../db';
import { segmentAppealRows, segmentOwnerRow, segmentPlanRows } from '../../db/queries/roads';
import type { AppealFilter } from '../domain/filters';
import { PmapError } from '../errors';
import { textFor } from '../privacy/redact';

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
  const r = await segmentOwnerRow(db, id);
  if (!r) throw PmapError.keyed('not_found', 'roads.no_segment', { id });
  return r.owner;
}

/**
 * Road appeals snapped to a segment, newest first (with text, never the author; contacts inside the text only when
 * `contacts`, see mayReadContacts), and its whole plan history. `limit` bounds the list; `total` says how many there are,
 * `complaints` how many of them are not thanks. The caller passes the period the segment's statistics use (the
 * statistics window), so that the detail's count of complaints is the one of the table; thanks are always listed.
 */
export async function segmentDetail(
  db: Database,
  id: number,
  f: AppealFilter,
  contacts: boolean,
  limit = 200,
): Promise<{ appeals: SegmentAppeal[]; total: number; complaints: number; plans: SegmentPlan[] }> {
  const appeals = await segmentAppealRows(db, id, { ...f, topic: ['roads'], gratitude: 'include' }, limit);
  const plans = await segmentPlanRows(db, id);
  return {
    total: Number(appeals[0]?.total ?? 0),
    complaints: Number(appeals[0]?.complaints ?? 0),
    appeals: appeals.map((a) => ({
      id: Number(a.id),
      createdAt: new Date(a.created_at).toISOString(),
      channel: a.channel,
      status: a.status,
      isGratitude: a.is_gratitude,
      text: textFor(contacts, a.text),
      address: a.address,
      distanceM: a.d === null ? null : Math.round(Number(a.d)),
    })),
    plans: plans.map((p) => ({
      id: p.id,
      source: p.code,
      externalId: p.external_id,
      year: p.year,
      status: p.status,
      workType: p.work_type,
      completedAt: p.completed_at,
      warrantyUntil: p.warranty_until,
    })),
  };
}
