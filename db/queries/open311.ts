import { sql } from 'kysely';
import type { Session } from '../client';
import { qb, run, runFirst } from '../sql/builder';
import { envelope4326 } from '../sql/mvt';

/* Server-only. Appeals as Open311 GeoReport v2 requests (lib/serve/open311): the columns a request shows. */

/** What a request list narrows by; every field optional, as in the spec. */
export interface RequestsWhere {
  ids?: readonly number[];
  topics?: readonly string[];
  /** ISO date-times, inclusive. */
  from?: string;
  to?: string;
  /** Only the appeals whose status is (open: true) or is not (open: false) one of `openStatuses`. */
  open?: boolean;
  openStatuses: readonly string[];
  /** [w, s, e, n] in degrees. */
  bbox?: readonly number[];
}

const requests = () =>
  qb
    .selectFrom('appeals as a')
    .leftJoin('agencies as g', 'g.id', 'a.agency_id')
    .select([
      'a.id',
      'a.status',
      'a.topic',
      'a.text',
      'g.code as agency',
      'a.created_at',
      'a.updated_at',
      'a.closed_at',
      'a.address',
      sql<number | null>`ST_Y(a.geom)`.as('lat'),
      sql<number | null>`ST_X(a.geom)`.as('lon'),
      'a.channel',
    ]);

/** One page of requests, newest first. */
export function findRequestRows(s: Session, w: RequestsWhere, page: { limit: number; offset: number }) {
  let q = requests();
  if (w.ids) q = q.where(sql<boolean>`a.id = ANY(${w.ids}::bigint[])`);
  if (w.topics) q = q.where(sql<boolean>`a.topic = ANY(${w.topics}::text[])`);
  if (w.from) q = q.where(sql<boolean>`a.created_at >= ${w.from}::timestamptz`);
  if (w.to) q = q.where(sql<boolean>`a.created_at <= ${w.to}::timestamptz`);
  if (w.open !== undefined) q = q.where('a.status', w.open ? 'in' : 'not in', w.openStatuses);
  if (w.bbox) q = q.where(sql<boolean>`a.geom && ${envelope4326(w.bbox)}`);
  return run(s, q.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(page.limit).offset(page.offset));
}

/** One request by appeal id. */
export const findRequestRow = (s: Session, id: number) => runFirst(s, requests().where('a.id', '=', id));

/** The id of the appeal an Open311 POST created (source open311_api, by its external id). */
export async function open311AppealId(s: Session, externalId: string): Promise<number> {
  const r = await runFirst(
    s,
    qb
      .selectFrom('appeals as a')
      .innerJoin('sources as s', 's.id', 'a.source_id')
      .select('a.id')
      .where('s.code', '=', 'open311_api')
      .where('a.external_id', '=', externalId),
  );
  return Number(r!.id);
}
