import type { Database } from '../../db';
import { appealsForDeadline, deadlineRuleRows, replaceDeadlineRules, setDueAt } from '../../db/queries/deadlineRules';
import { env } from '../config/env';
import { dueAtFor, parseDeadlineRule, ruleOfRow, type DeadlineRuleRow } from '../domain/calendar/deadlineRules';
import { PmapError } from '../errors';
import { detectFormat, openReader } from './readers';

/*
 * Issue 22, part 4: `pmap deadlines import FILE` (the rules table, replaced whole) and `pmap deadlines recompute`
 * (appeals.due_at again under the rules in force). An import computes due_at itself (lib/ingest/appeals/stageRows.ts);
 * recompute is for when the rules change.
 */

/**
 * Reads a rules file (CSV with a header, or a JSON array of objects) and replaces the rules table with it, in one
 * transaction. Every row is checked first: one bad row (its reason in Russian, with its row number) and nothing is
 * loaded. A row whose `topic` starts with '#' is a comment.
 */
export async function importDeadlineRules(db: Database, file: string): Promise<{ rules: number }> {
  const format = detectFormat(file);
  if (format !== 'csv' && format !== 'json')
    throw new PmapError('bad_argument', `правила сроков читаются из CSV или JSON, а не ${format}`);
  const reader = openReader(file, format);
  const rows: DeadlineRuleRow[] = [];
  const errors: string[] = [];
  for await (const rec of reader.records()) {
    if (String(rec.values.topic ?? '').startsWith('#')) continue;
    const r = parseDeadlineRule(rec.values);
    if (r.ok) rows.push(r.row);
    else errors.push(`строка ${rec.line ?? rec.row}: ${r.reason}`);
  }
  if (errors.length > 0)
    throw new PmapError(
      'bad_argument',
      `правила сроков не загружены (${errors.length} ошибок): ${errors.slice(0, 10).join('; ')}`,
    );
  if (rows.length === 0) throw new PmapError('bad_argument', `в файле ${file} нет ни одного правила`);
  await db.transaction((s) => replaceDeadlineRules(s, rows));
  return { rules: rows.length };
}

/**
 * Recomputes every appeal's due_at under the rules in force, in the region's time zone (PMAP_TIME_ZONE; an import
 * uses its mapping's time zone when it names one). Pages by id; returns how many appeals were read and changed.
 */
export async function recomputeDueTimes(
  db: Database,
  opts: { timeZone?: string; pageSize?: number } = {},
): Promise<{ appeals: number; changed: number }> {
  const rules = (await deadlineRuleRows(db)).map(ruleOfRow);
  const due = dueAtFor(rules, opts.timeZone ?? env().PMAP_TIME_ZONE);
  const pageSize = opts.pageSize ?? 10_000;
  let after = 0;
  let appeals = 0;
  let changed = 0;
  for (;;) {
    const page = await appealsForDeadline(db, after, pageSize);
    if (page.length === 0) break;
    const dues = page.map((a) => due({ topic: a.topic, channel: a.channel, createdAt: a.created_at }));
    changed += await setDueAt(
      db,
      page.map((a) => a.id),
      dues,
    );
    appeals += page.length;
    after = page[page.length - 1]!.id;
  }
  return { appeals, changed };
}
