import type { Database } from '../client';
import type { PointReportInput, ReportReason } from '../../lib/points/reports';
import { qb, run } from '../sql/builder';

/* Server-only. Visitors' reports on public service points. */

/** Files a visitor's report; false when the point does not exist (or is not public). */
export async function insertPointReport(db: Database, r: PointReportInput): Promise<boolean> {
  const rows = await run(
    db,
    qb
      .insertInto('point_reports')
      .columns(['point_id', 'reason', 'comment', 'lang'])
      .expression((eb) =>
        eb
          .selectFrom('service_points')
          .select((e) => [
            'id',
            e.val(r.reason).as('reason'),
            e.val(r.comment || null).as('comment'),
            e.val(r.lang).as('lang'),
          ])
          .where('id', '=', r.point_id)
          .where('kind', '=', 'vaccination'),
      )
      .returning('id'),
  );
  return rows.length > 0;
}

export interface PointReportRow {
  id: number;
  createdAt: Date;
  status: 'new' | 'resolved';
  reason: ReportReason;
  comment: string | null;
  lang: string;
  pointId: number;
  pointName: string;
  pointAddress: string | null;
  source: string;
  externalId: string;
}

/** Newest first, open ones before resolved ones. */
export async function listPointReports(db: Database, limit = 200): Promise<PointReportRow[]> {
  const rows = await run(
    db,
    qb
      .selectFrom('point_reports as r')
      .innerJoin('service_points as p', 'p.id', 'r.point_id')
      .innerJoin('sources as s', 's.id', 'p.source_id')
      .select([
        'r.id',
        'r.created_at',
        'r.status',
        'r.reason',
        'r.comment',
        'r.lang',
        'p.id as point_id',
        'p.name',
        'p.address',
        's.code as source',
        'p.external_id',
      ])
      .orderBy((eb) => eb('r.status', '=', 'new'), 'desc')
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(limit),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    createdAt: r.created_at,
    status: r.status as PointReportRow['status'],
    reason: r.reason as ReportReason,
    comment: r.comment,
    lang: r.lang,
    pointId: r.point_id,
    pointName: r.name,
    pointAddress: r.address,
    source: r.source,
    externalId: r.external_id,
  }));
}

export async function resolvePointReport(db: Database, id: number): Promise<void> {
  await run(
    db,
    qb
      .updateTable('point_reports')
      .set((eb) => ({ status: 'resolved', resolved_at: eb.fn('now') }))
      .where('id', '=', id)
      .where('status', '=', 'new'),
  );
}
