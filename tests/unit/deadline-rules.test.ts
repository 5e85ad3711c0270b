import { describe, expect, it } from 'vitest';
import { dueAtFor, parseDeadlineRule, ruleOfRow } from '../../lib/domain/calendar/deadlineRules';
import { dueAt, pickRule, type DeadlineRule } from '../../lib/domain/calendar/workdays';

const rec = (o: Record<string, string>) => ({ topic: '', channel: '', unit: 'working_days', amount: '9', ...o });

describe('parseDeadlineRule', () => {
  it('reads a row; blanks are null, moderation defaults to 0, a decimal comma is accepted', () => {
    expect(parseDeadlineRule(rec({ topic: 'roads', amount: '19', note: ' дороги ' }))).toEqual({
      ok: true,
      row: {
        topic: 'roads',
        subcategory: null,
        channel: null,
        unit: 'working_days',
        amount: 19,
        moderation_hours: 0,
        season_from: null,
        season_to: null,
        note: 'дороги',
      },
    });
    const h = parseDeadlineRule(rec({ unit: 'hours', amount: '1,5', moderation_hours: '2', channel: 'pos' }));
    expect(h).toMatchObject({ ok: true, row: { unit: 'hours', amount: 1.5, moderation_hours: 2, channel: 'pos' } });
  });

  it('says in Russian what is wrong', () => {
    const why = (o: Record<string, string>) => {
      const r = parseDeadlineRule(rec(o));
      return r.ok ? null : r.reason;
    };
    expect(why({ unit: 'days' })).toBe('единица срока должна быть working_days или hours, а не «days»');
    expect(why({ amount: '2.5' })).toBe('срок в рабочих днях должен быть целым числом ≥ 1, а не «2.5»');
    expect(why({ amount: '0' })).toBe('срок в рабочих днях должен быть целым числом ≥ 1, а не «0»');
    expect(why({ unit: 'hours', amount: '-1' })).toBe('срок в часах должен быть положительным числом, а не «-1»');
    expect(why({ moderation_hours: 'x' })).toBe('часы модерации должны быть числом ≥ 0, а не «x»');
    expect(why({ season_from: '11-15' })).toBe('сезон задаётся двумя датами: season_from и season_to');
    expect(why({ season_from: '11-15', season_to: '04-31' })).toBe(
      'сезон — две даты в виде ММ-ДД, а не «11-15»–«04-31»',
    );
    expect(why({ topic: 'дороги' })).toBe('неизвестная тема «дороги»');
    expect(why({ channel: 'fax' })).toBe('неизвестный канал «fax»');
  });
});

describe('dueAtFor', () => {
  const rules: DeadlineRule[] = [
    { topic: null, unit: 'working_days', amount: 9 },
    { topic: 'roads', unit: 'working_days', amount: 19, moderationHours: 5 },
    { topic: 'roads', channel: 'pos', unit: 'hours', amount: 72, moderationHours: 1.5 },
    { topic: 'improvement', unit: 'working_days', amount: 5, season: { from: '11-15', to: '04-15' } },
    { topic: 'improvement', unit: 'working_days', amount: 19 },
  ];

  it('literal values: Moscow, across the 2024/2025 New Year holidays and a working Saturday', () => {
    const due = dueAtFor(rules, 'Europe/Moscow');
    // Fri 27.12.2024 10:00 MSK, 9 working days: Sat 28.12, then 9–17.01 (7), Mon 20.01.
    expect(due({ topic: 'housing', channel: 'portal', createdAt: new Date('2024-12-27T07:00:00Z') })).toEqual(
      new Date('2025-01-20T20:59:59.999Z'),
    );
    // 1.5 h moderation + 72 h.
    expect(due({ topic: 'roads', channel: 'pos', createdAt: new Date('2025-03-03T07:00:00Z') })).toEqual(
      new Date('2025-03-06T08:30:00.000Z'),
    );
    // Outside the shipped calendar (2019): no due time, the caller's fallback.
    expect(due({ topic: 'housing', channel: 'portal', createdAt: new Date('2019-06-03T07:00:00Z') })).toBeNull();
    expect(dueAtFor([], 'Europe/Moscow')({ topic: 'roads', channel: 'app', createdAt: new Date() })).toBeNull();
  });

  it('agrees with pickRule + dueAt at every instant (memoised), in Moscow and in a zone with summer time', () => {
    for (const timeZone of ['Europe/Moscow', 'Europe/Berlin']) {
      const due = dueAtFor(rules, timeZone);
      const topics = ['roads', 'improvement', 'housing'];
      const channels = ['pos', 'portal'];
      const start = Date.parse('2021-01-01T00:00:00Z');
      for (let i = 0; i < 6000; i++) {
        // A prime step of ~3.7 h: every hour of the day, both sides of midnight and of the clock changes.
        const createdAt = new Date(start + i * 13_337_000);
        const a = { topic: topics[i % 3]!, channel: channels[i % 2]!, createdAt };
        const rule = pickRule(rules, { ...a, timeZone });
        const want = rule ? dueAt(createdAt, rule, timeZone) : null;
        expect(due(a)).toEqual(want);
      }
    }
  });

  it('ruleOfRow keeps the season and moderation', () => {
    expect(
      ruleOfRow({
        topic: 'improvement',
        subcategory: null,
        channel: null,
        unit: 'working_days',
        amount: 5,
        moderation_hours: 2,
        season_from: '11-15',
        season_to: '04-15',
        note: null,
      }),
    ).toEqual({
      topic: 'improvement',
      subcategory: null,
      channel: null,
      unit: 'working_days',
      amount: 5,
      moderationHours: 2,
      season: { from: '11-15', to: '04-15' },
    });
  });
});
