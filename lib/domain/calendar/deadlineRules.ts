/**
 * Deadline rules as rows (the deadline_rules table, `pmap deadlines import`) and the due time of an appeal under
 * them (issue 22, part 4). Pure: no I/O.
 */
import { TOPICS, CHANNELS } from '../vocab';
import { dueAt, localDay, pickRule, type DeadlineRule } from './workdays';

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
/** Days of each month in a leap year: 02-29 is a valid season end. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isMonthDay = (md: string): boolean =>
  MD_RE.test(md) && Number(md.slice(3)) <= MONTH_DAYS[Number(md.slice(0, 2)) - 1]!;

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
  if (from !== null && !(isMonthDay(from) && isMonthDay(to!)))
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

const HOUR_MS = 3_600_000;
/** A quarter of an hour: every time zone's offset (and so every local midnight) is a multiple of it since 1972. */
const QUARTER_MS = 900_000;

/**
 * A function giving an appeal's regulated due time under `rules` in `timeZone`: null when no rule matches (the
 * caller's fallback: PMAP_RESPONSE_DEADLINE_DAYS calendar days) or when the creation day is outside the shipped
 * production calendar. Built once per import chunk: the same as `pickRule` + `dueAt` per appeal, but memoised (the
 * local day per quarter hour, the rule per topic, channel and day, the working-day due time per rule and day), so a
 * row costs a few map lookups (the 1 M-row import's hot path).
 */
export function dueAtFor(rules: readonly DeadlineRule[], timeZone: string): (a: DueInput) => Date | null {
  if (rules.length === 0) return () => null;
  const days = new Map<number, string>();
  const dayOf = (t: number): string => {
    const q = Math.floor(t / QUARTER_MS);
    let d = days.get(q);
    if (d === undefined) {
      d = localDay(new Date(t), timeZone);
      days.set(q, d);
    }
    return d;
  };
  const picked = new Map<string, number>();
  const workingDue = new Map<string, number | null>();
  return (a) => {
    const t = a.createdAt.getTime();
    const day = dayOf(t);
    const key = `${a.topic}\u0000${a.subcategory ?? ''}\u0000${a.channel}\u0000${day}`;
    let idx = picked.get(key);
    if (idx === undefined) {
      // Any instant of the same local day picks the same rule (only the season reads the time, by its local day).
      const rule = pickRule(rules, {
        topic: a.topic,
        subcategory: a.subcategory ?? null,
        channel: a.channel,
        createdAt: a.createdAt,
        timeZone,
      });
      idx = rule ? rules.indexOf(rule) : -1;
      picked.set(key, idx);
    }
    if (idx < 0) return null;
    const rule = rules[idx]!;
    const start = t + (rule.moderationHours ?? 0) * HOUR_MS;
    if (rule.unit === 'hours') return new Date(start + rule.amount * HOUR_MS);
    // Working days end at the end of a local day counted from the start's local day: one value per rule and day.
    const startDay = dayOf(start);
    const k = `${idx}\u0000${startDay}`;
    let due = workingDue.get(k);
    if (due === undefined) {
      try {
        due = dueAt(new Date(start), { unit: rule.unit, amount: rule.amount }, timeZone).getTime();
      } catch {
        due = null; // outside the shipped production calendar: the caller's fallback
      }
      workingDue.set(k, due);
    }
    return due === null ? null : new Date(due);
  };
}
