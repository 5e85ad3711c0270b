import { z } from 'zod';
import type { Database } from '../../../db';
import { findRequestRow, findRequestRows } from '../../../db/queries/open311';
import { BIGINT_ID_MAX, bboxSchema, dateTimeSchema, idListSchema, pagingSchema, textSchema } from '../../domain/params';
import { TOPICS } from '../../domain/vocab';
import { openStatuses, toGeoRequest, type GeoRequest } from './format';

/** GET requests: the standard filters, page/page_size, and a bbox extension (w,s,e,n). */
export const requestsQuerySchema = z.strictObject({
  service_request_id: idListSchema(BIGINT_ID_MAX, 1000).optional(),
  service_code: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',') : undefined))
    .pipe(z.array(z.enum(TOPICS)).optional()),
  start_date: dateTimeSchema().optional(),
  end_date: dateTimeSchema().optional(),
  status: z.enum(['open', 'closed']).optional(),
  ...pagingSchema(100, 1000),
  bbox: bboxSchema.optional(),
  jurisdiction_id: textSchema(100).optional(),
});
export type RequestsQuery = z.infer<typeof requestsQuerySchema>;

export async function findRequests(db: Database, q: RequestsQuery, contacts: boolean): Promise<GeoRequest[]> {
  const rows = await findRequestRows(
    db,
    {
      ids: q.service_request_id,
      topics: q.service_code,
      from: q.start_date,
      to: q.end_date,
      open: q.status ? q.status === 'open' : undefined,
      openStatuses,
      bbox: q.bbox,
    },
    { limit: q.page_size, offset: (q.page - 1) * q.page_size },
  );
  return rows.map((r) => toGeoRequest(r, contacts));
}

export async function findRequest(db: Database, id: number, contacts: boolean): Promise<GeoRequest | null> {
  const row = await findRequestRow(db, id);
  return row ? toGeoRequest(row, contacts) : null;
}
