/**
 * Deadline rules as rows (the deadline_rules table, `pmap deadlines import`) and the due time of an appeal under
 * them (issue 22, part 4). Pure: no I/O.
 */
import { TOPICS, CHANNELS } from '../vocab';
import { dueAt, pickRule, type DeadlineRule } from './workdays';

/** A row of deadline_rules (db/queries/deadlineRules.ts has the same shape). */
export interface DeadlineRuleRow {
  topic: string | null;
  subcategory: string | null;
  channel: string | null;
  unit: 'working_days' | 'hours';
  amount: number;
  moderation_hours: number;
  season_from: string | null;
  season_to: string | null;
  note: string | null;
}

const MD_RE = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const blank = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
};

/**
 * One rule from a file's record (CSV or JSON keys: topic, subcategory, channel, unit, amount, moderation_hours,
 * season_from, season_to, note): the row, or why it is wrong, in Russian.
 */
export function parseDeadlineRule(
  rec: Record<string, unknown>,
): { ok: true; row: DeadlineRuleRow } | { ok: false; reason: string } {
  const topic = blank(rec.topic);
  if (topic !== null && !(TOPICS as readonly string[]).includes(topic))
    return { ok: false, reason: `неизвестная тема «${topic}»` };
  const channel = blank(rec.channel);
  if (channel !== null && !(CHANNELS as readonly string[]).includes(channel))
    return { ok: false, reason: `неизвестный канал «${channel}»` };
  const unit = blank(rec.unit);
  if (unit !== 'working_days' && unit !== 'hours')
    return { ok: false, reason: `единица срока должна быть working_days или hours, а не «${unit ?? ''}»` };
  const amountText = blank(rec.amount);
  const amount = amountText === null ? NaN : Number(amountText.replace(',', '.'));
  if (unit === 'working_days' && !(Number.isInteger(amount) && amount >= 1))
    return { ok: false, reason: `срок в рабочих днях должен быть целым числом ≥ 1, а не «${amountText ?? ''}»` };
  if (unit === 'hours' && !(Number.isFinite(amount) && amount > 0))
    return { ok: false, reason: `срок в часах должен быть положительным числом, а не «${amountText ?? ''}»` };
  const modText = blank(rec.moderation_hours);
  const moderation = modText === null ? 0 : Number(modText.replace(',', '.'));
  if (!(Number.isFinite(moderation) && moderation >= 0))
    return { ok: false, reason: `часы модерации должны быть числом ≥ 0, а не «${modText}»` };
  const from = blank(rec.season_from);
  const to = blank(rec.season_to);
  if ((from === null) !== (to === null))
    return { ok: false, reason: 'сезон задаётся двумя датами: season_from и season_to' };
  if (from !== null && !(MD_RE.test(from) && MD_RE.test(to!)))
    return { ok: false, reason: `сезон — две даты в виде ММ-ДД, а не «${from}»–«${to}»` };
  return {
    ok: true,
    row: {
      topic,
      subcategory: blank(rec.subcategory),
      channel,
      unit,
      amount,
      moderation_hours: moderation,
      season_from: from,
      season_to: to,
      note: blank(rec.note),
    },
  };
}

/** A stored row as the rule lib/domain/calendar/workdays.ts works with. */
export function ruleOfRow(r: DeadlineRuleRow): DeadlineRule {
  return {
    topic: r.topic,
    subcategory: r.subcategory,
    channel: r.channel,
    unit: r.unit,
    amount: r.amount,
    moderationHours: r.moderation_hours,
    season: r.season_from && r.season_to ? { from: r.season_from, to: r.season_to } : undefined,
  };
}

/** What the due time of an appeal is computed from. */
export interface DueInput {
  topic: string | null;
  subcategory?: string | null;
  channel: string | null;
  createdAt: Date;
}

/**
 * A function giving an appeal's regulated due time under `rules` in `timeZone`: null when no rule matches (the
 * caller's fallback: PMAP_RESPONSE_DEADLINE_DAYS calendar days) or when the creation day is outside the shipped
 * production calendar. Built once per import; the rules are few, so matching is a short loop.
 */
export function dueAtFor(rules: readonly DeadlineRule[], timeZone: string): (a: DueInput) => Date | null {
  if (rules.length === 0) return () => null;
  return (a) => {
    try {
      const rule = pickRuleFast(rules, a, timeZone);
      return rule ? dueAt(a.createdAt, rule, timeZone) : null;
    } catch {
      return null;
    }
  };
}

function pickRuleFast(rules: readonly DeadlineRule[], a: DueInput, timeZone: string): DeadlineRule | null {
  return pickRule(rules, {
    topic: a.topic,
    subcategory: a.subcategory ?? null,
    channel: a.channel,
    createdAt: a.createdAt,
    timeZone,
  });
}
