import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ListSort } from '../../lib/domain/appealListQuery';
import type { AppealFilter } from '../../lib/domain/filters';
import { STATUSES } from '../../lib/domain/vocab';
import type { Database } from '../client';
import { appealFilterSql } from '../sql/appealFilter';
import { runSql } from '../sql/builder';

/* Server-only. The staff list of appeals (lib/store/appealList.ts) and the rows the drill-down shares with it. */

/** An appeal row as staff lists show it (the drill-down shows the same minus the author). */
export interface AppealRow {
  id: number;
  createdAt: Date;
  channel: string;
  status: string;
  topic: string;
  /** A person chose the topic (it is then never re-classified). */
  topicManual: boolean;
  /** 1: the source gave the topic (or a person chose it); below: the classifier's confidence. */
  topicConfidence: number | null;
  isGratitude: boolean;
  text: string | null;
  address: string | null;
  municipality: string | null;
  problemId: number | null;
}

export interface AppealListRow extends AppealRow {
  author: string | null;
  /** Only when the contact was asked for; null otherwise. */
  authorContact: string | null;
  /** How precisely it is placed (appeals.geocode_level). */
  geocodeLevel: string;
}

/** The columns of AppealRow over `appeals a LEFT JOIN boundaries m` (the municipality). */
export const APPEAL_ROW_COLUMNS = sql.raw(`a.id, a.created_at AS "createdAt", a.channel, a.status, a.topic,
  a.topic_manual AS "topicManual", a.topic_confidence AS "topicConfidence", a.is_gratitude AS "isGratitude",
  a.text, a.address, m.name AS municipality, a.problem_id AS "problemId"`);

/** Over `appeals a`: the machine's own topic, below the threshold `below` (lib/enrich/topicDoubt.ts isInDoubt). */
export const inDoubtSql = (below: number): RawBuilder<SqlBool> =>
  sql<SqlBool>`(NOT a.topic_manual AND coalesce(a.topic_confidence, 0) < least(${below}::real, 1))`;

// The list's orders (newest first, oldest first, by topic name, by status along its life cycle): whitelisted ORDER BY clauses; each ends on the id so pages never overlap.
const ORDER_BY: Record<ListSort, string> = {
  new: 'a.created_at DESC, a.id DESC',
  old: 'a.created_at ASC, a.id ASC',
  topic: '(SELECT t.name_ru FROM topics t WHERE t.code = a.topic) ASC NULLS LAST, a.created_at DESC, a.id DESC',
  // The vocabulary is a constant of plain words, safe to write into the SQL.
  status: `array_position(ARRAY[${STATUSES.map((x) => `'${x}'`).join(', ')}]::text[], a.status) ASC NULLS LAST, a.created_at DESC, a.id DESC`,
};

export interface ListQuery {
  filter: AppealFilter;
  sort: ListSort;
  /** Only appeals in doubt below this threshold; undefined: all. */
  doubtBelow?: number;
  withContact: boolean;
  limit: number;
  offset: number;
}

const listWhere = (q: Pick<ListQuery, 'filter' | 'doubtBelow'>) =>
  q.doubtBelow === undefined
    ? appealFilterSql(q.filter)
    : sql`${appealFilterSql(q.filter)} AND ${inDoubtSql(q.doubtBelow)}`;

/** A page of the list, in the order `q.sort`; the raw contact column is selected only when `q.withContact`. */
export async function appealListPage(db: Database, q: ListQuery): Promise<AppealListRow[]> {
  return runSql<AppealListRow>(
    db,
    sql`SELECT ${APPEAL_ROW_COLUMNS}, a.author_pseudonym AS author, a.geocode_level AS "geocodeLevel",
            ${sql.raw(q.withContact ? 'a.author_contact' : 'NULL::text')} AS "authorContact"
     FROM appeals a LEFT JOIN boundaries m ON m.id = a.municipality_id
     WHERE ${listWhere(q)} ORDER BY ${sql.raw(ORDER_BY[q.sort])} LIMIT ${q.limit} OFFSET ${q.offset}`,
  );
}

/** How many appeals the list holds under the same filter. */
export async function appealListCount(db: Database, q: Pick<ListQuery, 'filter' | 'doubtBelow'>): Promise<number> {
  const [{ n }] = await runSql<{ n: number }>(db, sql`SELECT count(*) AS n FROM appeals a WHERE ${listWhere(q)}`);
  return Number(n);
}

/** The municipalities a list can be filtered by, by name. */
export async function municipalityOptions(db: Database): Promise<{ code: string; name: string }[]> {
  return runSql<{ code: string; name: string }>(
    db,
    sql`SELECT code, name FROM boundaries WHERE level = 'municipality' ORDER BY name, code`,
  );
}
