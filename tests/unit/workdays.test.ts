import { describe, expect, it } from 'vitest';
import { RU_CALENDAR } from '../../lib/domain/calendar/ru-2020-2026';
import {
  addWorkingDays,
  dueAt,
  inSeason,
  isWorkingDay,
  nthWorkingDayAfter,
  outcome,
  pickRule,
  planOutcome,
  postponements,
  type DeadlineRule,
} from '../../lib/domain/calendar/workdays';
import { PmapError } from '../../lib/errors';

const MSK = 'Europe/Moscow';
const at = (iso: string) => new Date(iso);
const wd = (amount: number, extra: Partial<DeadlineRule> = {}) => ({ unit: 'working_days' as const, amount, ...extra });

/** Working days from `from` to `to` inclusive, by the calendar under test (the expected counts are literals). */
function countWorking(from: string, to: string): number {
  let n = 0;
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    if (isWorkingDay(new Date(t).toISOString().slice(0, 10))) n++;
  }
  return n;
}

describe('the production calendar', () => {
  it('knows the transferred working Saturdays', () => {
    for (const day of ['2021-02-20', '2022-03-05', '2024-04-27', '2024-11-02', '2024-12-28', '2025-11-01']) {
      expect(isWorkingDay(day), day).toBe(true);
    }
  });

  it('knows the holidays and the days off moved onto weekdays', () => {
    const off = [
      '2020-02-24',
      '2020-05-04',
      '2020-05-05',
      '2021-02-22',
      '2021-11-05',
      '2021-12-31',
      '2022-03-07',
      '2022-05-03',
      '2022-05-10',
      '2023-02-24',
      '2023-05-08',
      '2023-11-06',
      '2024-04-29',
      '2024-04-30',
      '2024-05-10',
      '2024-11-04',
      '2024-12-30',
      '2024-12-31',
      '2025-05-02',
      '2025-05-08',
      '2025-06-13',
      '2025-11-03',
      '2025-12-31',
      '2026-01-09',
      '2026-03-09',
      '2026-05-11',
      '2026-12-31',
    ];
    for (const day of off) expect(isWorkingDay(day), day).toBe(false);
  });

  it('2025: the decree moved the days off of 23 Feb and 8 Mar to 8 May and 13 June, so 24 Feb and 10 Mar are worked', () => {
    expect(isWorkingDay('2025-02-24')).toBe(true);
    expect(isWorkingDay('2025-03-10')).toBe(true);
  });

  it('2026: 1–11 January are all days off, 12 January is worked', () => {
    for (let d = 1; d <= 11; d++) expect(isWorkingDay(`2026-01-${String(d).padStart(2, '0')}`)).toBe(false);
    expect(isWorkingDay('2026-01-12')).toBe(true);
  });

  it('ordinary weekdays are worked, ordinary weekends are not; 31 Dec 2020 was worked', () => {
    expect(isWorkingDay('2024-06-11')).toBe(true);
    expect(isWorkingDay('2024-06-15')).toBe(false);
    expect(isWorkingDay('2024-06-16')).toBe(false);
    expect(isWorkingDay('2020-12-31')).toBe(true);
  });

  // The official number of working days of a five-day week (the production calendars published for each year).
  it.each([
    [2020, 248],
    [2021, 247],
    [2022, 247],
    [2023, 247],
    [2024, 248],
    [2025, 247],
    [2026, 247],
  ])('%i has %i working days', (year, days) => {
    expect(countWorking(`${year}-01-01`, `${year}-12-31`)).toBe(days);
  });

  it('months: January 2026 has 15 working days, May 2025 has 18, May 2024 has 20', () => {
    expect(countWorking('2026-01-01', '2026-01-31')).toBe(15);
    expect(countWorking('2025-05-01', '2025-05-31')).toBe(18);
    expect(countWorking('2024-05-01', '2024-05-31')).toBe(20);
  });

  it('ships exactly 2020–2026, and its data is consistent (days off on weekdays, worked days on weekends)', () => {
    expect(RU_CALENDAR.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const y of RU_CALENDAR) {
      expect(y.decree).toMatch(
        new RegExp(`Постановление Правительства РФ от .* № \\d+ «О переносе выходных дней в ${y.year} году»`),
      );
      for (const day of y.daysOff) {
        expect(day.startsWith(`${y.year}-`), day).toBe(true);
        expect([1, 2, 3, 4, 5], day).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
      }
      for (const day of y.workedWeekends) {
        expect(day.startsWith(`${y.year}-`), day).toBe(true);
        expect([0, 6], day).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
      }
      for (const t of y.transfers) {
        expect([0, 6], t.from).toContain(new Date(`${t.from}T00:00:00Z`).getUTCDay());
        expect(y.daysOff, t.to).toContain(t.to);
      }
    }
  });

  it('throws a clear error for a year outside the shipped calendar, never guesses', () => {
    expect(() => isWorkingDay('2019-12-31')).toThrow(PmapError);
    expect(() => isWorkingDay('2019-12-31')).toThrow(
      /no production calendar for 2019: the shipped calendar covers 2020–2026/,
    );
    expect(() => isWorkingDay('2027-01-11')).toThrow(/no production calendar for 2027/);
    try {
      isWorkingDay('2027-01-11');
    } catch (e) {
      expect((e as PmapError).code).toBe('bad_argument');
    }
    // A deadline that runs into 2027: 31 Dec 2026 is a day off, so the count needs 2027.
    expect(() => dueAt(at('2026-12-30T10:00:00+03:00'), wd(1), MSK)).toThrow(/2027/);
    expect(() => isWorkingDay('2024-13-01x')).toThrow(PmapError);
  });
});

describe('working-day deadlines', () => {
  it('across New Year 2024/25 and the worked Saturday 28 Dec 2024', () => {
    // Fri 27 Dec: Sat 28 (worked) is day 1; 30 Dec – 8 Jan are off; Thu 9 Jan is day 2, Fri 10 Jan day 3.
    expect(dueAt(at('2024-12-27T10:00:00+03:00'), wd(3), MSK).toISOString()).toBe('2025-01-10T20:59:59.999Z');
  });

  it('across New Year 2025/26: 31 Dec and 1–11 Jan are off', () => {
    expect(dueAt(at('2025-12-30T15:00:00+03:00'), wd(1), MSK).toISOString()).toBe('2026-01-12T20:59:59.999Z');
  });

  it('across New Year 2020/21: 31 Dec 2020 was worked, 1–10 Jan 2021 were not', () => {
    expect(dueAt(at('2020-12-30T09:00:00+03:00'), wd(2), MSK).toISOString()).toBe('2021-01-11T20:59:59.999Z');
  });

  it('across the worked Saturday 20 Feb 2021 and the days off 22–23 Feb', () => {
    expect(dueAt(at('2021-02-19T12:00:00+03:00'), wd(2), MSK).toISOString()).toBe('2021-02-24T20:59:59.999Z');
  });

  it('across the May holidays of 2025 (1–4 and 8–11 May)', () => {
    expect(dueAt(at('2025-04-30T11:00:00+03:00'), wd(5), MSK).toISOString()).toBe('2025-05-13T20:59:59.999Z');
  });

  it('across the May holidays of 2024 with the worked Saturday 27 Apr', () => {
    expect(dueAt(at('2024-04-26T10:00:00+03:00'), wd(3), MSK).toISOString()).toBe('2024-05-03T20:59:59.999Z');
  });

  it('nine working days over the 12 June holiday', () => {
    expect(dueAt(at('2023-06-05T08:00:00+03:00'), wd(9), MSK).toISOString()).toBe('2023-06-19T20:59:59.999Z');
  });

  it('counts from the local day, not the UTC day', () => {
    // 22:30 UTC on 6 Mar is 01:30 on Thu 7 Mar in Moscow: the next working day after 7 Mar is Mon 11 Mar.
    expect(dueAt(at('2024-03-06T22:30:00Z'), wd(1), MSK).toISOString()).toBe('2024-03-11T20:59:59.999Z');
    // The same in Yekaterinburg (UTC+5): the end of 11 Mar is 18:59:59.999 UTC.
    expect(addWorkingDays(at('2024-03-06T20:00:00Z'), 1, 'Asia/Yekaterinburg').toISOString()).toBe(
      '2024-03-11T18:59:59.999Z',
    );
  });

  it('nthWorkingDayAfter works on days and refuses a count below 1', () => {
    expect(nthWorkingDayAfter('2024-12-27', 1)).toBe('2024-12-28');
    expect(nthWorkingDayAfter('2024-12-27', 2)).toBe('2025-01-09');
    expect(() => nthWorkingDayAfter('2024-12-27', 0)).toThrow(PmapError);
    expect(() => dueAt(at('2024-12-27T10:00:00+03:00'), wd(1.5), MSK)).toThrow(PmapError);
  });
});

describe('hours deadlines and moderation', () => {
  it('hours are calendar hours, holidays included', () => {
    const due = dueAt(at('2024-12-31T20:00:00+03:00'), { unit: 'hours', amount: 8 }, MSK);
    expect(due.toISOString()).toBe('2025-01-01T01:00:00.000Z');
  });

  it('moderation comes before an hours deadline', () => {
    const due = dueAt(at('2025-03-03T09:00:00Z'), { unit: 'hours', amount: 8, moderationHours: 2 }, MSK);
    expect(due.toISOString()).toBe('2025-03-03T19:00:00.000Z');
  });

  it('moderation moves the start of a working-day count', () => {
    // Without moderation: from Fri 27 Dec 2024, day 1 is Sat 28 Dec, day 9 is Mon 20 Jan.
    expect(dueAt(at('2024-12-27T10:00:00+03:00'), wd(9), MSK).toISOString()).toBe('2025-01-20T20:59:59.999Z');
    // With 24 h of moderation the deadline starts on Sat 28 Dec: day 1 is Thu 9 Jan, day 9 is Tue 21 Jan.
    expect(dueAt(at('2024-12-27T10:00:00+03:00'), wd(9, { moderationHours: 24 }), MSK).toISOString()).toBe(
      '2025-01-21T20:59:59.999Z',
    );
    // Moderation that runs past midnight: Tue 6 May 20:00 + 6 h = Wed 7 May 02:00; next working day is Mon 12 May.
    expect(dueAt(at('2025-05-06T20:00:00+03:00'), wd(1), MSK).toISOString()).toBe('2025-05-07T20:59:59.999Z');
    expect(dueAt(at('2025-05-06T20:00:00+03:00'), wd(1, { moderationHours: 6 }), MSK).toISOString()).toBe(
      '2025-05-12T20:59:59.999Z',
    );
  });
});

describe('seasonal windows', () => {
  const winter = wd(5, { season: { from: '11-15', to: '03-31' } });
  const summer = wd(5, { season: { from: '05-01', to: '09-30' } });

  it('a window wrapping over New Year', () => {
    expect(inSeason(winter, at('2024-12-01T12:00:00+03:00'), MSK)).toBe(true);
    expect(inSeason(winter, at('2025-01-15T12:00:00+03:00'), MSK)).toBe(true);
    expect(inSeason(winter, at('2025-03-31T23:30:00+03:00'), MSK)).toBe(true);
    expect(inSeason(winter, at('2024-07-01T12:00:00+03:00'), MSK)).toBe(false);
    // 22:30 UTC on 31 Mar is 1 Apr in Moscow: outside; 21:30 UTC on 14 Nov is 15 Nov in Moscow: inside.
    expect(inSeason(winter, at('2025-03-31T22:30:00Z'), MSK)).toBe(false);
    expect(inSeason(winter, at('2024-11-14T21:30:00Z'), MSK)).toBe(true);
    expect(inSeason(winter, at('2024-11-14T12:00:00+03:00'), MSK)).toBe(false);
  });

  it('a window inside one year', () => {
    expect(inSeason(summer, at('2024-05-01T00:00:00+03:00'), MSK)).toBe(true);
    expect(inSeason(summer, at('2024-09-30T23:59:00+03:00'), MSK)).toBe(true);
    expect(inSeason(summer, at('2024-04-30T23:59:00+03:00'), MSK)).toBe(false);
    expect(inSeason(summer, at('2024-10-01T10:00:00+03:00'), MSK)).toBe(false);
  });

  it('no window: always', () => {
    expect(inSeason(wd(5), at('2024-07-01T12:00:00+03:00'), MSK)).toBe(true);
  });

  it('a malformed window is refused', () => {
    expect(() => inSeason(wd(5, { season: { from: '13-01', to: '03-31' } }), at('2024-07-01T12:00:00Z'), MSK)).toThrow(
      PmapError,
    );
  });
});

describe('outcome', () => {
  const due = at('2025-01-10T20:59:59.999Z');

  it('answered by the due time (inclusive) is on time, after it late', () => {
    expect(outcome(due, at('2025-01-10T20:59:59.999Z'), at('2025-02-01T00:00:00Z'))).toBe('on_time');
    expect(outcome(due, at('2025-01-09T08:00:00Z'), at('2025-01-09T09:00:00Z'))).toBe('on_time');
    expect(outcome(due, at('2025-01-10T21:00:00.000Z'), at('2025-02-01T00:00:00Z'))).toBe('late');
  });

  it('unanswered is open before the due time, open_overdue after it', () => {
    expect(outcome(due, null, at('2025-01-10T12:00:00Z'))).toBe('open');
    expect(outcome(due, null, at('2025-01-10T20:59:59.999Z'))).toBe('open');
    expect(outcome(due, null, at('2025-01-11T00:00:00Z'))).toBe('open_overdue');
  });
});

describe('postponements', () => {
  it('counts moves to a later day only', () => {
    expect(postponements([])).toBe(0);
    expect(postponements(['2024-06-10'])).toBe(0);
    expect(postponements(['2024-06-10', '2024-06-20', '2024-07-01'])).toBe(2);
    // Same day again: no; earlier: no; then later than the day in force: yes.
    expect(postponements(['2024-06-10', '2024-06-10', '2024-06-05', '2024-06-20'])).toBe(1);
  });

  it('a plan is judged against its first planned day, whatever the postponements', () => {
    const plans = ['2024-06-10', '2024-06-20'];
    expect(planOutcome(plans, at('2024-06-10T23:00:00+03:00'), at('2024-07-01T00:00:00Z'), MSK)).toBe('on_time');
    expect(planOutcome(plans, at('2024-06-15T10:00:00+03:00'), at('2024-07-01T00:00:00Z'), MSK)).toBe('late');
    expect(planOutcome(plans, null, at('2024-06-10T12:00:00+03:00'), MSK)).toBe('open');
    expect(planOutcome(plans, null, at('2024-06-11T00:30:00+03:00'), MSK)).toBe('open_overdue');
    expect(() => planOutcome([], null, at('2024-06-11T00:30:00+03:00'), MSK)).toThrow(PmapError);
  });
});

describe('pickRule', () => {
  const rules: DeadlineRule[] = [
    { topic: null, unit: 'working_days', amount: 30 },
    { topic: 'roads', unit: 'working_days', amount: 19 },
    { topic: 'roads', channel: 'social', unit: 'hours', amount: 8 },
    { topic: 'roads', subcategory: 'potholes', unit: 'working_days', amount: 9 },
    { topic: 'roads', subcategory: 'potholes', channel: 'social', unit: 'hours', amount: 4 },
    { topic: 'snow', unit: 'working_days', amount: 19 },
    { topic: 'snow', unit: 'working_days', amount: 5, season: { from: '11-15', to: '03-31' } },
  ];
  const december = at('2024-12-02T10:00:00+03:00');
  const appeal = (topic: string | null, subcategory: string | null, channel: string | null, createdAt = december) => ({
    topic,
    subcategory,
    channel,
    createdAt,
    timeZone: MSK,
  });

  it('the most specific rule wins', () => {
    expect(pickRule(rules, appeal('roads', 'potholes', 'social'))?.amount).toBe(4);
    expect(pickRule(rules, appeal('roads', 'potholes', 'portal'))?.amount).toBe(9);
    expect(pickRule(rules, appeal('roads', 'signs', 'social'))?.amount).toBe(8);
    expect(pickRule(rules, appeal('roads', null, 'portal'))?.amount).toBe(19);
    expect(pickRule(rules, appeal('parks', null, null))?.amount).toBe(30);
    expect(pickRule(rules, appeal(null, null, null))?.amount).toBe(30);
  });

  it('topic+subcategory beats topic+channel', () => {
    const two = [rules[2], rules[3]];
    expect(pickRule(two, appeal('roads', 'potholes', 'social'))?.amount).toBe(9);
  });

  it('a seasonal rule applies only inside its window, and beats an equally specific rule there', () => {
    expect(pickRule(rules, appeal('snow', null, null))?.amount).toBe(5);
    expect(pickRule(rules, appeal('snow', null, null, at('2024-07-01T10:00:00+03:00')))?.amount).toBe(19);
  });

  it('equally specific rules: the first in the list; no match: null', () => {
    const twins: DeadlineRule[] = [
      { topic: 'parks', unit: 'working_days', amount: 7 },
      { topic: 'parks', unit: 'working_days', amount: 8 },
    ];
    expect(pickRule(twins, appeal('parks', null, null))?.amount).toBe(7);
    expect(pickRule([rules[1]], appeal('parks', null, null))).toBeNull();
  });
});
