import type { Database } from '../../db';
import { appealListCount, appealListPage, type AppealListRow } from '../../db/queries/appealList';
import type { ListSort } from '../domain/appealListQuery';
import type { AppealFilter } from '../domain/filters';
import { redactContacts } from '../privacy/redact';
import { addDoubt, doubtBelow } from './appealDoubt';

export type { AppealRow } from '../../db/queries/appealList';

/** An appeal row of the staff list: with the author (a pseudonym), the contact only for roles allowed to read contacts, and how precisely it is placed (none, street and settlement rows can be placed by hand). */
export type AppealListItem = AppealListRow;

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
export async function listAppeals(
  db: Database,
  f: AppealFilter,
  page: number,
  pageSize: number,
  withContact: boolean,
  o: ListOptions = {},
) {
  const below = o.doubtBelow ?? doubtBelow();
  const q = { filter: f, doubtBelow: o.doubtOnly ? below : undefined };
  const rows = await appealListPage(db, {
    ...q,
    sort: o.sort ?? 'new',
    withContact,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const n = await appealListCount(db, q);
  // Classified on the stored text, before contacts are redacted: the same text the import classified.
  const judged = await addDoubt(
    db,
    rows.map((r) => ({ ...r, id: Number(r.id) })),
    below,
  );
  const items = withContact ? judged : judged.map((r) => ({ ...r, text: redactContacts(r.text) }));
  return { items, total: Number(n), page, pageSize, doubtBelow: below };
}

export { municipalityOptions } from '../../db/queries/appealList';
