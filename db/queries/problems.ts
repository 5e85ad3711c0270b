import { sql } from 'kysely';
import type { Session } from '../client';
import type { GroupTarget } from '../merge/problems';
import { runSql } from '../sql/builder';
import { AWAITING_GROUPING } from './groupingPending';

/*
 * Server-only. Problem grouping's reads (lib/enrich/problems/group.ts pairs and decides), the lock it holds and the
 * recount of problems from their appeals. On the bulk-import hot path: the statements grouping always ran, moved.
 */

/** An appeal as grouping sees it: position, time in microseconds since the epoch, and its problem if any. */
export interface GroupingRow {
  id: number;
  topic: string;
  x: number;
  y: number;
  t: number;
  problem: number | null;
}

/** Creation time in microseconds since the epoch: exact (a JS Date keeps milliseconds), for the (created_at, id) order. */
const MICROS = sql`(extract(epoch FROM a.created_at) * 1000000)::int8`;

/**
 * Two imports grouping at once would each start a problem for the same pothole. Held to the end of the transaction.
 */
export async function lockProblems(s: Session): Promise<void> {
  await runSql(s, sql`SELECT pg_advisory_xact_lock(hashtext('pmap problems'))`);
}

/** The next batch of appeals awaiting grouping in (created_at, id) order, after the appeal `after` (by id). */
export async function awaitingBatch(
  s: Session,
  target: GroupTarget,
  after: number | null,
  limit: number,
): Promise<GroupingRow[]> {
  const from = sql.raw(target.ungrouped);
  return runSql(
    s,
    sql<GroupingRow>`SELECT id, topic, ST_X(geom) AS x, ST_Y(geom) AS y, ${MICROS} AS t, NULL AS problem FROM ${from} a
       WHERE ${sql.raw(AWAITING_GROUPING)}
         ${after === null ? sql.raw('') : sql`AND (created_at, id) > (SELECT l.created_at, l.id FROM ${from} l WHERE l.id = ${after})`}
       ORDER BY created_at, id LIMIT ${sql.lit(limit)}`,
  );
}

/** A box (degrees) and period (microseconds since the epoch) to look for appeals in. */
export interface GroupingBox {
  w: number;
  s: number;
  e: number;
  n: number;
  t0: number;
  t1: number;
}

/** A page, in id order after `after`, of the complaints in the box and period that a batch may pair with. */
export async function appealsInBox(
  s: Session,
  target: GroupTarget,
  box: GroupingBox,
  after: number,
  limit: number,
): Promise<GroupingRow[]> {
  return runSql(
    s,
    sql<GroupingRow>`SELECT a.id, a.topic, ST_X(a.geom) AS x, ST_Y(a.geom) AS y, ${MICROS} AS t, a.problem_id AS problem FROM ${sql.raw(target.all)} a
       WHERE a.geom && ST_MakeEnvelope(${box.w}::float8, ${box.s}::float8, ${box.e}::float8, ${box.n}::float8, 4326) AND NOT a.is_gratitude
         AND a.created_at BETWEEN to_timestamp(${box.t0}::float8 / 1e6) AND to_timestamp(${box.t1}::float8 / 1e6) AND a.id > ${after}
       ORDER BY a.id LIMIT ${sql.lit(limit)}`,
  );
}

export interface AppealText {
  id: number;
  text: string | null;
  address: string | null;
  street: string | null;
}

/** Text, address and street of these appeals, from each of the target's sources of text in turn. */
export async function appealTexts(s: Session, target: GroupTarget, ids: readonly number[]): Promise<AppealText[]> {
  const out: AppealText[] = [];
  for (const from of target.texts) {
    out.push(
      ...(await runSql(
        s,
        sql<AppealText>`SELECT a.id, a.text, a.address, a.street FROM unnest(${ids}::bigint[]) AS u(id) JOIN ${sql.raw(from)} a ON a.id = u.id`,
      )),
    );
  }
  return out;
}

/** Distances in metres on the spheroid between point pairs (x1, y1)–(x2, y2), in order. */
export async function spheroidDistances(
  s: Session,
  p: { x1: number[]; y1: number[]; x2: number[]; y2: number[] },
): Promise<number[]> {
  const rows = await runSql(
    s,
    sql<{
      d: number;
    }>`SELECT ST_Distance(ST_SetSRID(ST_MakePoint(x1, y1), 4326)::geography, ST_SetSRID(ST_MakePoint(x2, y2), 4326)::geography) AS d
     FROM unnest(${p.x1}::float8[], ${p.y1}::float8[], ${p.x2}::float8[], ${p.y2}::float8[]) WITH ORDINALITY AS u(x1, y1, x2, y2, i) ORDER BY i`,
  );
  return rows.map((r) => Number(r.d));
}

/** Counts, period, channels and centre of the given problems, from their appeals. */
export async function recountProblems(s: Session, problemIds: readonly number[]): Promise<void> {
  if (!problemIds.length) return;
  // An appeal without an author is a citizen of its own (a hotline call that left no name is still somebody).
  await runSql(
    s,
    sql`UPDATE problems p SET appeal_count = c.n, citizen_count = c.citizens, channel_count = c.nch, channels = c.chs,
       first_at = c.f, last_at = c.l, geom = c.g, updated_at = now()
     FROM (SELECT problem_id, count(*) AS n,
             count(DISTINCT author_pseudonym) + count(*) FILTER (WHERE author_pseudonym IS NULL) AS citizens,
             count(DISTINCT channel) AS nch, array_agg(DISTINCT channel ORDER BY channel) AS chs,
             min(created_at) AS f, max(created_at) AS l, ST_Centroid(ST_Collect(geom)) AS g
           FROM unnest(${problemIds}::bigint[]) AS u(id) JOIN appeals ON problem_id = u.id GROUP BY problem_id) c
     WHERE p.id = c.problem_id`,
  );
}
