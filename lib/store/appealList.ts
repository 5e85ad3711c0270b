import type { Database } from '../../db';
import type { ListSort } from '../domain/appealListQuery';
import type { AppealFilter } from '../domain/filters';
import { STATUSES } from '../domain/vocab';
import { redactContacts } from '../privacy/redact';
import { appealWhere } from './appealFilterSql';
import { addDoubt, doubtBelow, doubtSql } from './appealDoubt';

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

/** The columns of AppealRow over `appeals a LEFT JOIN boundaries m` (the municipality). */
export const APPEAL_ROW_COLUMNS = `a.id, a.created_at AS "createdAt", a.channel, a.status, a.topic,
  a.topic_manual AS "topicManual", a.topic_confidence AS "topicConfidence", a.is_gratitude AS "isGratitude",
  a.text, a.address, m.name AS municipality, a.problem_id AS "problemId"`;

export interface AppealListItem extends AppealRow {
  author: string | null;
  /** Only for roles allowed to read contacts; null otherwise. */
  authorContact: string | null;
  /** How precisely it is placed (appeals.geocode_level): none, street and settlement rows can be placed by hand. */
  geocodeLevel: string;
}

// The list's orders (newest first, oldest first, by topic name, by status along its life cycle): whitelisted ORDER BY clauses; each ends on the id so pages never overlap.
const ORDER_BY: Record<ListSort, string> = {
  new: 'a.created_at DESC, a.id DESC',
  old: 'a.created_at ASC, a.id ASC',
  topic: '(SELECT t.name_ru FROM topics t WHERE t.code = a.topic) ASC NULLS LAST, a.created_at DESC, a.id DESC',
  // The vocabulary is a constant of plain words, safe to write into the SQL.
  status: `array_position(ARRAY[${STATUSES.map((x) => `'${x}'`).join(', ')}]::text[], a.status) ASC NULLS LAST, a.created_at DESC, a.id DESC`,
};

export interface ListOptions {
  /** Default: newest first. */
  sort?: ListSort;
  /** Only appeals whose topic is in doubt (the machine's, below `doubtBelow`). */
  doubtOnly?: boolean;
  /** Default: PMAP_TOPIC_DOUBT_BELOW. */
  doubtBelow?: number;
}

/**
 * A page of appeals, newest first unless `o.sort` says otherwise, for staff. The author is a pseudonym; the raw contact column is only
 * selected when `withContact` (admins, mayReadContacts) — it never leaves the database otherwise, and without it
 * phones, e-mails and profile links inside the text are redacted too. Each row says whether its topic is in doubt,
 * and then its top topics (lib/store/appealDoubt.ts).
 */
export async function listAppeals(db: Database, f: AppealFilter, page: number, pageSize: number, withContact: boolean, o: ListOptions = {}) {
  const below = o.doubtBelow ?? doubtBelow();
  const where = (offset: number) => {
    const w = appealWhere(f, offset);
    if (!o.doubtOnly) return w;
    return { sql: `${w.sql} AND ${doubtSql(`$${offset + w.params.length + 1}`)}`, params: [...w.params, below] };
  };
  const w = where(2);
  const rows = await db.query<AppealListItem>(
    `SELECT ${APPEAL_ROW_COLUMNS}, a.author_pseudonym AS author, a.geocode_level AS "geocodeLevel",
            ${withContact ? 'a.author_contact' : 'NULL::text'} AS "authorContact"
     FROM appeals a LEFT JOIN boundaries m ON m.id = a.municipality_id
     WHERE ${w.sql} ORDER BY ${ORDER_BY[o.sort ?? 'new']} LIMIT $1 OFFSET $2`,
    [pageSize, (page - 1) * pageSize, ...w.params]);
  const c = where(0);
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM appeals a WHERE ${c.sql}`, c.params);
  // Classified on the stored text, before contacts are redacted: the same text the import classified.
  const judged = await addDoubt(db, rows.map((r) => ({ ...r, id: Number(r.id) })), below);
  const items = withContact ? judged : judged.map((r) => ({ ...r, text: redactContacts(r.text) }));
  return { items, total: Number(n), page, pageSize, doubtBelow: below };
}

/** The municipalities a list can be filtered by, by name. */
export async function municipalityOptions(db: Database): Promise<{ code: string; name: string }[]> {
  return db.query<{ code: string; name: string }>(`SELECT code, name FROM boundaries WHERE level = 'municipality' ORDER BY name, code`);
}
