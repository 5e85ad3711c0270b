import type { Database } from '../../db';
import type { PointReportInput, ReportReason } from '../points/reports';

/** Files a visitor's report; false when the point does not exist (or is not public). */
export async function insertPointReport(db: Database, r: PointReportInput): Promise<boolean> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO point_reports (point_id, reason, comment, lang)
     SELECT id, $2, $3, $4 FROM service_points WHERE id = $1 AND kind = 'vaccination'
     RETURNING id`,
    [r.point_id, r.reason, r.comment || null, r.lang]);
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
  const rows = await db.query<{
    id: number; created_at: Date; status: 'new' | 'resolved'; reason: ReportReason; comment: string | null; lang: string;
    point_id: number; name: string; address: string | null; source: string; external_id: string;
  }>(
    `SELECT r.id, r.created_at, r.status, r.reason, r.comment, r.lang, p.id AS point_id, p.name, p.address,
            s.code AS source, p.external_id
     FROM point_reports r JOIN service_points p ON p.id = r.point_id JOIN sources s ON s.id = p.source_id
     ORDER BY (r.status = 'new') DESC, r.created_at DESC, r.id DESC LIMIT $1`, [limit]);
  return rows.map((r) => ({
    id: Number(r.id), createdAt: r.created_at, status: r.status, reason: r.reason, comment: r.comment, lang: r.lang,
    pointId: r.point_id, pointName: r.name, pointAddress: r.address, source: r.source, externalId: r.external_id,
  }));
}

export async function resolvePointReport(db: Database, id: number): Promise<void> {
  await db.query(`UPDATE point_reports SET status = 'resolved', resolved_at = now() WHERE id = $1 AND status = 'new'`, [id]);
}
