import type { Database } from '../../db';
import type { AppealFilter } from '../domain/filters';
import { redactContacts } from '../privacy/redact';
import { appealWhere } from './appealFilterSql';

/** An appeal row as staff lists show it (the drill-down shows the same minus the author). */
export interface AppealRow {
  id: number;
  createdAt: Date;
  channel: string;
  status: string;
  topic: string;
  isGratitude: boolean;
  text: string | null;
  address: string | null;
  municipality: string | null;
  problemId: number | null;
}

/** The columns of AppealRow over `appeals a LEFT JOIN boundaries m` (the municipality). */
export const APPEAL_ROW_COLUMNS = `a.id, a.created_at AS "createdAt", a.channel, a.status, a.topic, a.is_gratitude AS "isGratitude",
  a.text, a.address, m.name AS municipality, a.problem_id AS "problemId"`;

export interface AppealListItem extends AppealRow {
  author: string | null;
  /** Only for roles allowed to read contacts; null otherwise. */
  authorContact: string | null;
}

/**
 * A page of appeals, newest first, for staff. The author is a pseudonym; the raw contact column is only
 * selected when `withContact` (admins, mayReadContacts) — it never leaves the database otherwise, and without it
 * phones, e-mails and profile links inside the text are redacted too.
 */
export async function listAppeals(db: Database, f: AppealFilter, page: number, pageSize: number, withContact: boolean) {
  const w = appealWhere(f, 2);
  const rows = await db.query<AppealListItem>(
    `SELECT ${APPEAL_ROW_COLUMNS}, a.author_pseudonym AS author,
            ${withContact ? 'a.author_contact' : 'NULL::text'} AS "authorContact"
     FROM appeals a LEFT JOIN boundaries m ON m.id = a.municipality_id
     WHERE ${w.sql} ORDER BY a.created_at DESC, a.id DESC LIMIT $1 OFFSET $2`,
    [pageSize, (page - 1) * pageSize, ...w.params]);
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM appeals a WHERE ${appealWhere(f, 0).sql}`, appealWhere(f, 0).params);
  const items = withContact ? rows : rows.map((r) => ({ ...r, text: redactContacts(r.text) }));
  return { items, total: Number(n), page, pageSize };
}
