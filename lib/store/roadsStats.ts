import type { Session } from '../../db';
import { roadAppealsLastDay, segmentStatsRows } from '../../db/queries/roadsStats';
import type { AppealFilter } from '../domain/filters';
import type { SegmentStats } from '../roads/types';
import { DAY_MS, isoDay } from '../domain/days';

/** Service point kinds that make a road matter more; points of these kinds are the optional facility layers. */
export const FACILITY_KINDS = [
  'school',
  'kindergarten',
  'hospital',
  'clinic',
  'polyclinic',
  'stop',
  'bus_stop',
] as const;
export const FACILITY_RADIUS_M = 150;

export interface StatsScope {
  /** Only segments of this owner (a road agency's own); null for every owner. */
  owner: string | null;
  filter: AppealFilter;
  /** Only this segment (the detail view). */
  segmentId?: number;
}

export interface StatsWindow {
  asOf: string;
  from: string;
  facilities: boolean;
}

/**
 * The as-of day and the period: `to` when the filter has one, else the newest road appeal (never after today), so a
 * dataset that ends last month still has a "last 90 days". The period starts at `from`, else 365 days before.
 */
export async function statsWindow(s: Session, f: AppealFilter): Promise<StatsWindow> {
  const r = await roadAppealsLastDay(s, FACILITY_KINDS);
  const asOf = f.to ?? r?.last ?? isoDay(Date.now());
  const from = f.from ?? isoDay(Date.parse(asOf) - 364 * DAY_MS);
  return { asOf, from, facilities: Boolean(r?.fac) };
}

/**
 * Per-segment statistics of road appeals snapped to each segment (appeals.road_segment_id, written at import and by
 * `pmap enrich`). The map's filters apply (channel, status, municipality); the topic is always roads. Complaints are
 * appeals that are not thanks; the period is [from, asOf]; the trend compares the 90 days up to asOf with the 90 before.
 */
export async function segmentStats(s: Session, scope: StatsScope, win: StatsWindow): Promise<SegmentStats[]> {
  const rows = await segmentStatsRows(s, {
    owner: scope.owner,
    segmentId: scope.segmentId ?? null,
    filter: { ...scope.filter, topic: ['roads'], from: undefined, to: undefined, gratitude: 'include' },
    asOf: win.asOf,
    from: win.from,
    facilities: win.facilities,
    facilityKinds: FACILITY_KINDS,
    facilityRadiusM: FACILITY_RADIUS_M,
  });
  return rows.map((r) => ({
    id: r.id,
    externalId: r.external_id,
    name: r.name,
    owner: r.owner,
    roadClass: r.road_class,
    rating: r.rating === null ? null : Number(r.rating),
    lengthM: Number(r.length_m),
    complaints: Number(r.complaints),
    citizens: Number(r.citizens),
    last90: Number(r.last90),
    prev90: Number(r.prev90),
    facilities: Number(r.facilities),
    activePlan: r.active_status ? { status: r.active_status, year: r.active_year, workType: r.active_work } : null,
    lastRepair: r.done_at ? { completedAt: r.done_at, warrantyUntil: r.warranty_until, workType: r.done_work } : null,
    complaintsSinceRepair: Number(r.since_repair),
    thanksAfterRepair: Number(r.thanks),
  }));
}
