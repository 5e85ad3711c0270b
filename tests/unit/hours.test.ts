import { describe, expect, it } from 'vitest';
import { formatDay, parseDay, parseWeek, weekFromStored } from '../../lib/hours/parse';

const open = (...ranges: [number, number][]) => ({
  ok: true,
  day: { kind: 'open', ranges: ranges.map(([start, end]) => ({ start, end })) },
});
const h = (hh: number, mm = 0) => hh * 60 + mm;

describe('parseDay: the formats real feeds use', () => {
  it.each([
    ['09:00-17:00', open([h(9), h(17)])],
    ['9:00-13:00', open([h(9), h(13)])],
    ['9-17', open([h(9), h(17)])],
    [' 08.30 – 16.45 ', open([h(8, 30), h(16, 45)])],
    ['с 9:00 до 18:00', open([h(9), h(18)])],
    ['00:00-24:00', open([0, h(24)])],
    ['24/7', open([0, h(24)])],
    ['круглосуточно', open([0, h(24)])],
  ])('%s', (text, expected) => {
    expect(parseDay(text)).toEqual(expected);
  });

  it('08:00-00:00 is open until midnight, not a zero-length or backwards range', () => {
    expect(parseDay('08:00-00:00')).toEqual(open([h(8), h(24)]));
  });

  it('a range past midnight ends the next day (end above 1440)', () => {
    expect(parseDay('22:00-06:00')).toEqual(open([h(22), h(24 + 6)]));
    expect(parseDay('20:00-02:30')).toEqual(open([h(20), h(26, 30)]));
  });

  it.each([
    '09:00-13:00,14:00-18:00',
    '09:00-13:00, 14:00-18:00',
    '09:00-13:00;14:00-18:00',
    '09:00-13:00&14:00-18:00',
    '09:00-13:00 14:00-18:00',
    '09:00-13:00 и 14:00-18:00',
    '14:00-18:00, 09:00-13:00',
  ])('two ranges in one day: %s', (text) => {
    expect(parseDay(text)).toEqual(open([h(9), h(13)], [h(14), h(18)]));
  });

  it('the Ontario feed’s split shifts with "&"', () => {
    expect(parseDay('08:30-08:45&16:30-21:00')).toEqual(open([h(8, 30), h(8, 45)], [h(16, 30), h(21)]));
  });

  it('touching or overlapping ranges join', () => {
    expect(parseDay('09:00-13:00,13:00-18:00')).toEqual(open([h(9), h(18)]));
    expect(parseDay('09:00-14:00,12:00-18:00')).toEqual(open([h(9), h(18)]));
  });

  it.each(['closed', 'Closed', 'CLOSED', 'выходной', 'Закрыто', 'не работает'])('"%s" is closed', (text) => {
    expect(parseDay(text)).toEqual({ ok: true, day: { kind: 'closed' } });
  });

  it.each(['', '   ', 'n/a', 'нет данных'])('"%s" is unknown, which is not the same as closed', (text) => {
    expect(parseDay(text)).toEqual({ ok: true, day: { kind: 'unknown' } });
  });

  it('null and undefined are unknown', () => {
    expect(parseDay(null)).toEqual({ ok: true, day: { kind: 'unknown' } });
    expect(parseDay(undefined)).toEqual({ ok: true, day: { kind: 'unknown' } });
  });

  it.each([
    ['25:00-26:00', '"25:00-26:00" is not a time of day'],
    ['09:70-10:00', '"09:70-10:00" is not a time of day'],
    ['24:00-06:00', '"24:00-06:00" is not a time of day'],
    ['09:00-09:00', '"09:00-09:00" opens and closes at the same time'],
    [
      '09:00-13:00 lunch 14:00-18:00',
      'cannot read opening hours "09:00-13:00 lunch 14:00-18:00" (expected e.g. 09:00-17:00, 09:00-13:00,14:00-18:00 or closed)',
    ],
  ])('"%s" is rejected with a reason', (text, reason) => {
    expect(parseDay(text)).toEqual({ ok: false, reason });
  });
});

describe('formatDay: one canonical text that reads back the same', () => {
  it.each([
    ['9:00-13:00', '09:00-13:00'],
    ['08:00-00:00', '08:00-00:00'],
    ['22:00-06:00', '22:00-06:00'],
    ['08:00-12:00&12:30-16:00', '08:00-12:00,12:30-16:00'],
    ['Closed', 'closed'],
    ['', ''],
    ['24/7', '00:00-00:00'],
  ])('%s → %s', (text, canonical) => {
    const r = parseDay(text);
    if (!r.ok) throw new Error(r.reason);
    expect(formatDay(r.day)).toBe(canonical);
    expect(parseDay(canonical)).toEqual(r);
  });
});

describe('weeks', () => {
  it('parseWeek names the weekday that fails', () => {
    expect(parseWeek({ monday: '09:00-17:00', tuesday: 'soon' })).toMatchObject({ ok: false, weekday: 'tuesday' });
  });

  it('a missing weekday is unknown', () => {
    const r = parseWeek({ monday: '09:00-17:00' });
    expect(r.ok && r.week.sunday).toEqual({ kind: 'unknown' });
  });

  it('weekFromStored never throws: a stored value that no longer parses is unknown', () => {
    const w = weekFromStored({ monday: '09:00-17:00', tuesday: 'garbage', wednesday: 5 });
    expect(w.monday.kind).toBe('open');
    expect(w.tuesday).toEqual({ kind: 'unknown' });
    expect(w.wednesday).toEqual({ kind: 'unknown' });
    expect(weekFromStored(null).friday).toEqual({ kind: 'unknown' });
  });
});
