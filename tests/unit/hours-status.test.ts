import { describe, expect, it } from 'vitest';
import { openStateText } from '../../lib/i18n/openStateText';
import { dictionary } from '../../lib/i18n/vaccination';
import { parseWeek } from '../../lib/hours/parse';
import { openState, type OpenState } from '../../lib/hours/status';
import type { Weekday } from '../../lib/hours/types';

function week(days: Partial<Record<Weekday, string>>) {
  const r = parseWeek(days);
  if (!r.ok) throw new Error(r.reason);
  return r.week;
}
const every = (text: string) =>
  week({ monday: text, tuesday: text, wednesday: text, thursday: text, friday: text, saturday: text, sunday: text });
const at = (iso: string) => new Date(iso);
const iso = (s: OpenState) =>
  s.state === 'open'
    ? { open: s.until.toISOString() }
    : s.state === 'closed'
      ? { closed: s.opensAt?.toISOString() ?? null }
      : 'unknown';

const ORENBURG = 'Asia/Yekaterinburg'; // UTC+5 all year
const TORONTO = 'America/Toronto';

describe('open now, in the point’s own time zone', () => {
  const clinic = week({
    monday: '08:00-20:00',
    tuesday: '08:00-20:00',
    wednesday: '08:00-20:00',
    thursday: '08:00-20:00',
    friday: '08:00-20:00',
    saturday: '09:00-14:00',
    sunday: 'closed',
  });

  it('open on a weekday: until the local closing time', () => {
    // Wednesday 2026-11-25 10:00 in Orenburg = 05:00 UTC.
    expect(iso(openState(clinic, ORENBURG, at('2026-11-25T05:00:00Z')))).toEqual({ open: '2026-11-25T15:00:00.000Z' });
  });

  it('the same instant is a different local time elsewhere: 05:00 UTC is 00:00 in Toronto, closed', () => {
    expect(iso(openState(clinic, TORONTO, at('2026-11-25T05:00:00Z')))).toEqual({ closed: '2026-11-25T13:00:00.000Z' });
  });

  it('before opening: opens at 08:00 local the same day', () => {
    expect(iso(openState(clinic, ORENBURG, at('2026-11-25T02:30:00Z')))).toEqual({
      closed: '2026-11-25T03:00:00.000Z',
    });
  });

  it('closing time itself is closed (ranges are half-open)', () => {
    expect(openState(clinic, ORENBURG, at('2026-11-25T15:00:00Z')).state).toBe('closed');
  });

  it('Saturday after 14:00 and Sunday closed: opens on Monday', () => {
    // Saturday 2026-11-28 15:00 local.
    expect(iso(openState(clinic, ORENBURG, at('2026-11-28T10:00:00Z')))).toEqual({
      closed: '2026-11-30T03:00:00.000Z',
    });
  });

  it('until midnight: 08:00-00:00 is open at 23:59 and closed at 00:00', () => {
    const late = every('08:00-00:00');
    expect(iso(openState(late, ORENBURG, at('2026-11-25T18:59:00Z')))).toEqual({ open: '2026-11-25T19:00:00.000Z' });
    expect(iso(openState(late, ORENBURG, at('2026-11-25T19:00:00Z')))).toEqual({ closed: '2026-11-26T03:00:00.000Z' });
  });

  it('a range past midnight keeps the point open after midnight, counted from the day it started', () => {
    const night = week({
      friday: '22:00-06:00',
      saturday: 'closed',
      sunday: 'closed',
      monday: 'closed',
      tuesday: 'closed',
      wednesday: 'closed',
      thursday: 'closed',
    });
    // Saturday 2026-11-28 03:00 local: Friday's night shift is still on.
    expect(iso(openState(night, ORENBURG, at('2026-11-27T22:00:00Z')))).toEqual({ open: '2026-11-28T01:00:00.000Z' });
    // Saturday 07:00 local: closed until next Friday 22:00.
    expect(iso(openState(night, ORENBURG, at('2026-11-28T02:00:00Z')))).toEqual({ closed: '2026-12-04T17:00:00.000Z' });
  });

  it('a day ending at midnight followed by a day starting at midnight is one opening', () => {
    const w = week({
      monday: '18:00-00:00',
      tuesday: '00:00-02:00',
      wednesday: 'closed',
      thursday: 'closed',
      friday: 'closed',
      saturday: 'closed',
      sunday: 'closed',
    });
    // Monday 2026-11-23 23:00 local: open until Tuesday 02:00.
    expect(iso(openState(w, ORENBURG, at('2026-11-23T18:00:00Z')))).toEqual({ open: '2026-11-23T21:00:00.000Z' });
  });

  it('two ranges in one day: closed at lunch, opens again at 14:00', () => {
    const w = every('09:00-13:00,14:00-18:00');
    expect(iso(openState(w, ORENBURG, at('2026-11-25T08:30:00Z')))).toEqual({ closed: '2026-11-25T09:00:00.000Z' });
    expect(iso(openState(w, ORENBURG, at('2026-11-25T09:30:00Z')))).toEqual({ open: '2026-11-25T13:00:00.000Z' });
  });

  it('unknown hours are unknown, not closed', () => {
    expect(openState(every(''), ORENBURG, at('2026-11-25T05:00:00Z'))).toEqual({ state: 'unknown' });
    const w = week({ monday: '09:00-17:00' }); // the other days unknown
    expect(openState(w, ORENBURG, at('2026-11-25T05:00:00Z'))).toEqual({ state: 'unknown' }); // a Wednesday
  });

  it('no next opening is promised across an unknown day', () => {
    const w = week({
      wednesday: '09:00-12:00',
      thursday: '',
      friday: '09:00-12:00',
      saturday: 'closed',
      sunday: 'closed',
      monday: 'closed',
      tuesday: 'closed',
    });
    expect(iso(openState(w, ORENBURG, at('2026-11-25T10:00:00Z')))).toEqual({ closed: null });
  });

  it('closed every day: closed, no opening', () => {
    expect(iso(openState(every('closed'), ORENBURG, at('2026-11-25T05:00:00Z')))).toEqual({ closed: null });
  });
});

describe('daylight saving time: America/Toronto', () => {
  const weekdays = every('09:00-17:00');

  it('spring forward (Sunday 2026-03-08): 09:00 is 13:00 UTC after the switch, not 14:00', () => {
    // 08:30 EDT = 12:30 UTC.
    expect(iso(openState(weekdays, TORONTO, at('2026-03-08T12:30:00Z')))).toEqual({
      closed: '2026-03-08T13:00:00.000Z',
    });
    expect(iso(openState(weekdays, TORONTO, at('2026-03-08T13:30:00Z')))).toEqual({ open: '2026-03-08T21:00:00.000Z' });
  });

  it('the day before the switch still runs on EST (UTC-5)', () => {
    expect(iso(openState(weekdays, TORONTO, at('2026-03-07T13:30:00Z')))).toEqual({
      closed: '2026-03-07T14:00:00.000Z',
    });
  });

  it('fall back (Sunday 2026-11-01): 09:00 EST is 14:00 UTC again', () => {
    expect(iso(openState(weekdays, TORONTO, at('2026-11-01T13:30:00Z')))).toEqual({
      closed: '2026-11-01T14:00:00.000Z',
    });
    expect(iso(openState(weekdays, TORONTO, at('2026-10-31T13:30:00Z')))).toEqual({ open: '2026-10-31T21:00:00.000Z' }); // EDT
  });

  it('a night range across the spring switch is an hour shorter: 22:00 EST → 06:00 EDT', () => {
    const night = every('22:00-06:00');
    // Saturday 2026-03-07 23:00 EST = 2026-03-08 04:00 UTC; closes 06:00 EDT = 10:00 UTC (7 real hours after 22:00 EST).
    expect(iso(openState(night, TORONTO, at('2026-03-08T04:00:00Z')))).toEqual({ open: '2026-03-08T10:00:00.000Z' });
  });

  it('a night range across the autumn switch is an hour longer: 22:00 EDT → 06:00 EST', () => {
    const night = every('22:00-06:00');
    // 2026-11-01 01:30 — the first (EDT) one — is 05:30 UTC; closes 06:00 EST = 11:00 UTC.
    expect(iso(openState(night, TORONTO, at('2026-11-01T05:30:00Z')))).toEqual({ open: '2026-11-01T11:00:00.000Z' });
    // The second 01:30 (EST) is 06:30 UTC: still open, same closing.
    expect(iso(openState(night, TORONTO, at('2026-11-01T06:30:00Z')))).toEqual({ open: '2026-11-01T11:00:00.000Z' });
  });
});

describe('open-state text in Russian and English, times in the point’s zone', () => {
  const ru = dictionary('ru');
  const en = dictionary('en');
  const clinic = week({
    monday: '08:00-20:00',
    tuesday: '08:00-20:00',
    wednesday: '08:00-20:00',
    thursday: '08:00-20:00',
    friday: '08:00-20:00',
    saturday: 'closed',
    sunday: 'closed',
  });
  const text = (t = ru, now: string, w = clinic, tz = ORENBURG) =>
    openStateText(t, openState(w, tz, at(now)), tz, at(now));

  it.each([
    ['2026-11-25T05:00:00Z', 'Открыто до 20:00', 'Open until 20:00'],
    ['2026-11-25T02:00:00Z', 'Закрыто · откроется в 08:00', 'Closed · opens at 08:00'],
    ['2026-11-25T16:00:00Z', 'Закрыто · откроется завтра в 08:00', 'Closed · opens tomorrow at 08:00'],
    ['2026-11-27T16:00:00Z', 'Закрыто · откроется в понедельник в 08:00', 'Closed · opens on Monday at 08:00'],
  ])('%s', (now, r, e) => {
    expect(text(ru, now)).toBe(r);
    expect(text(en, now)).toBe(e);
  });

  it('until midnight, around the clock, unknown', () => {
    expect(text(ru, '2026-11-25T15:00:00Z', every('08:00-00:00'))).toBe('Открыто до полуночи');
    expect(text(ru, '2026-11-25T15:00:00Z', every('24/7'))).toBe('Открыто круглосуточно');
    expect(text(ru, '2026-11-25T15:00:00Z', every(''))).toBe('Часы работы не указаны');
    expect(text(en, '2026-11-25T15:00:00Z', every('closed'))).toBe('Closed');
  });

  it('Toronto on the spring-forward day says 09:00 local', () => {
    expect(text(en, '2026-03-08T12:30:00Z', every('09:00-17:00'), TORONTO)).toBe('Closed · opens at 09:00');
  });
});
