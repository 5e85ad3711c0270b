import { z } from 'zod';
import type { Database } from '../../../db';
import { BIGINT_ID_MAX, bboxSchema, dateTimeSchema, idListSchema, pagingSchema, textSchema } from '../../domain/params';
import { TOPICS } from '../../domain/vocab';
import { openStatuses, toGeoRequest, type AppealRow, type GeoRequest } from './format';

/** GET requests: the standard filters, page/page_size, and a bbox extension (w,s,e,n). */
export const requestsQuerySchema = z.strictObject({
  service_request_id: idListSchema(BIGINT_ID_MAX, 1000).optional(),
  service_code: z.string().optional().transform((v) => (v ? v.split(',') : undefined))
    .pipe(z.array(z.enum(TOPICS)).optional()),
  start_date: dateTimeSchema().optional(),
  end_date: dateTimeSchema().optional(),
  status: z.enum(['open', 'closed']).optional(),
  ...pagingSchema(100, 1000),
  bbox: bboxSchema.optional(),
  jurisdiction_id: textSchema(100).optional(),
});
export type RequestsQuery = z.infer<typeof requestsQuerySchema>;

const SELECT = `SELECT a.id, a.status, a.topic, a.text, g.code AS agency, a.created_at, a.updated_at, a.closed_at, a.address,
  ST_Y(a.geom) AS lat, ST_X(a.geom) AS lon, a.channel FROM appeals a LEFT JOIN agencies g ON g.id = a.agency_id`;

export async function findRequests(db: Database, q: RequestsQuery, contacts: boolean): Promise<GeoRequest[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  if (q.service_request_id) where.push(`a.id = ANY(${p(q.service_request_id)}::bigint[])`);
  if (q.service_code) where.push(`a.topic = ANY(${p(q.service_code)}::text[])`);
  if (q.start_date) where.push(`a.created_at >= ${p(q.start_date)}::timestamptz`);
  if (q.end_date) where.push(`a.created_at <= ${p(q.end_date)}::timestamptz`);
  if (q.status) where.push(`a.status ${q.status === 'open' ? '' : 'NOT '}IN ('${openStatuses.join("','")}')`);
  if (q.bbox) where.push(`a.geom && ST_MakeEnvelope(${q.bbox.map((v) => p(v)).join(', ')}, 4326)`);
  const rows = await db.query<AppealRow>(
    `${SELECT} WHERE ${where.length ? where.join(' AND ') : 'TRUE'} ORDER BY a.created_at DESC, a.id DESC
     LIMIT ${p(q.page_size)} OFFSET ${p((q.page - 1) * q.page_size)}`, params);
  return rows.map((r) => toGeoRequest(r, contacts));
}

export async function findRequest(db: Database, id: number, contacts: boolean): Promise<GeoRequest | null> {
  const [row] = await db.query<AppealRow>(`${SELECT} WHERE a.id = $1`, [id]);
  return row ? toGeoRequest(row, contacts) : null;
}
