import { describe, expect, it } from 'vitest';
import { readWeekText } from '../../lib/hours/osm';
import { formatDay, parseDay } from '../../lib/hours/parse';
import { openState } from '../../lib/hours/status';
import { WEEKDAYS } from '../../lib/hours/types';
import { mapPointRecord } from '../../lib/ingest/points/mapRecord';
import { pointMappingSchema } from '../../lib/ingest/points/mapping';

/** The week as seven canonical day texts, Monday first ("" = unknown). */
const days = (value: string) => {
  const r = readWeekText(value);
  return WEEKDAYS.map((d) => formatDay(r.week[d]));
};
const every = (t: string) => Array(7).fill(t);

describe('opening hours as people write them (one text for the whole week)', () => {
  it.each([
    ['Closed', every('closed')],
    ['выходной', every('closed')],
    ['24/7', every('00:00-00:00')],
    ['Круглосуточно', every('00:00-00:00')],
    ['9:00 - 17:30', every('09:00-17:30')],
    ['As needed', every('')],
    ['', every('')],
  ])('"%s"', (text, week) => {
    const r = readWeekText(text);
    expect(days(text)).toEqual(week);
    expect([r.unreadable, r.warnings]).toEqual([[], []]);
  });

  it.each(['By appointment', 'по записи', 'По предварительной записи'])(
    '"%s": no fixed hours, and people book',
    (text) => {
      const r = readWeekText(text);
      expect(days(text)).toEqual(every(''));
      expect([r.appointment, r.unreadable]).toEqual([true, []]);
    },
  );

  it('"As needed" is read (no fixed hours), not booked and not a problem', () => {
    expect(readWeekText('As needed')).toMatchObject({ appointment: false, unreadable: [], warnings: [] });
  });
});

describe('OSM opening_hours syntax (the opening_hours package)', () => {
  it.each([
    [
      'Mo-Fr 08:00-20:00; Sa 08:00-16:00',
      ['08:00-20:00', '08:00-20:00', '08:00-20:00', '08:00-20:00', '08:00-20:00', '08:00-16:00', 'closed'],
    ],
    [
      'Mo,Th-Fr 13:00-22:00; Sa-Su 13:00-19:00',
      ['13:00-22:00', 'closed', 'closed', '13:00-22:00', '13:00-22:00', '13:00-19:00', '13:00-19:00'],
    ],
    [
      'Mo-Fr 08:00-24:00; Sa,Su 11:00-24:00',
      ['08:00-00:00', '08:00-00:00', '08:00-00:00', '08:00-00:00', '08:00-00:00', '11:00-00:00', '11:00-00:00'],
    ],
    ['Mo-Su 06:00-00:00', every('06:00-00:00')],
    [
      'Mo-Fr 09:00-13:00,14:00-18:00',
      [
        '09:00-13:00,14:00-18:00',
        '09:00-13:00,14:00-18:00',
        '09:00-13:00,14:00-18:00',
        '09:00-13:00,14:00-18:00',
        '09:00-13:00,14:00-18:00',
        'closed',
        'closed',
      ],
    ],
    [
      'We-Mo 10:00-22:00',
      ['10:00-22:00', 'closed', '10:00-22:00', '10:00-22:00', '10:00-22:00', '10:00-22:00', '10:00-22:00'],
    ],
    [
      'Mo-Fr 10:00-18:00; PH off',
      ['10:00-18:00', '10:00-18:00', '10:00-18:00', '10:00-18:00', '10:00-18:00', 'closed', 'closed'],
    ],
  ])('"%s"', (text, week) => {
    const r = readWeekText(text);
    expect(days(text)).toEqual(week);
    expect(r.unreadable).toEqual([]);
  });

  it('"Mo-Su 9:30-3:00" runs past midnight: one opening from 09:30 to 03:00 the next morning, every day', () => {
    const r = readWeekText('Mo-Su 9:30-3:00');
    expect(r.week.monday).toEqual({ kind: 'open', ranges: [{ start: 9 * 60 + 30, end: 27 * 60 }] });
    expect(days('Mo-Su 9:30-3:00')).toEqual(every('09:30-03:00'));
    // Tuesday 02:00 in St Petersburg is still Monday's opening.
    const s = openState(r.week, 'Europe/Moscow', new Date('2026-12-08T02:00:00+03:00'));
    expect(s).toEqual({ state: 'open', until: new Date('2026-12-08T03:00:00+03:00') });
  });

  it('"Th[-1] off "санитарный день"": the last Thursday is an exception; the usual Thursday hours stay, with a warning', () => {
    const text = 'We-Su 11:00-17:00; Th[-1] off "санитарный день"';
    const r = readWeekText(text);
    expect(days(text)).toEqual([
      'closed',
      'closed',
      '11:00-17:00',
      '11:00-17:00',
      '11:00-17:00',
      '11:00-17:00',
      '11:00-17:00',
    ]);
    expect(r.unreadable).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^thursday: usual hours kept; some dates differ \(e\.g\. 2024-01-25\)/);
  });

  it('a weekday off on alternate weeks has no usual hours: unknown with a warning', () => {
    const r = readWeekText('Mo-Fr 10:00-18:00; week 02-52/2 We off');
    expect(r.week.wednesday).toEqual({ kind: 'unknown' });
    expect(r.unreadable).toEqual(['wednesday']);
    expect(r.week.tuesday).toEqual({ kind: 'open', ranges: [{ start: 600, end: 1080 }] });
  });

  it('a time range with a "by appointment" comment keeps its hours and says people book', () => {
    const r = readWeekText('Mo-Fr 09:00-18:00 "by appointment"');
    expect(days('Mo-Fr 09:00-18:00 "by appointment"').slice(0, 6)).toEqual([
      '09:00-18:00',
      '09:00-18:00',
      '09:00-18:00',
      '09:00-18:00',
      '09:00-18:00',
      'closed',
    ]);
    expect([r.appointment, r.unreadable]).toEqual([true, []]);
  });
});

describe('forms people write that strict OSM does not read', () => {
  it('Russian weekday abbreviations and a comma between rules: "Пн-Пт 9:00-18:00, Сб 10:00-16:00; Вс выходной"', () => {
    expect(days('Пн-Пт 9:00-18:00, Сб 10:00-16:00; Вс выходной')).toEqual([
      '09:00-18:00',
      '09:00-18:00',
      '09:00-18:00',
      '09:00-18:00',
      '09:00-18:00',
      '10:00-16:00',
      'closed',
    ]);
  });

  it('rules separated by spaces only (the St Petersburg file): "Tu, Th 10:00-18:00 We 10:00-15:00 Fr 14:00-20:00 …"', () => {
    expect(days('Tu, Th 10:00-18:00 We 10:00-15:00 Fr 14:00-20:00 Sa 11:00-20:00 Su 10:00-16:00')).toEqual([
      'closed',
      '10:00-18:00',
      '10:00-15:00',
      '10:00-18:00',
      '14:00-20:00',
      '11:00-20:00',
      '10:00-16:00',
    ]);
  });

  it('a lunch break written as a second rule: "Mo-Sa 10:00-11:45; 12:30-17:00" (Sunday stays closed)', () => {
    expect(days('Mo-Sa 10:00-11:45; 12:30-17:00')).toEqual([...Array(6).fill('10:00-11:45,12:30-17:00'), 'closed']);
  });
});

describe('a day that cannot be read is unknown for that day, with a warning; never an error', () => {
  it('an unreadable rule makes only the days it names unknown', () => {
    const r = readWeekText('Mo-Fr 09:00-18:00; Sa обед');
    expect(days('Mo-Fr 09:00-18:00; Sa обед')).toEqual([...Array(5).fill('09:00-18:00'), '', 'closed']);
    expect(r.unreadable).toEqual(['saturday']);
    expect(r.warnings).toEqual([
      expect.stringMatching(
        /^cannot read opening hours the part "Sa обед" \("обед" is not part of the opening_hours syntax\): saturday unknown$/,
      ),
    ]);
  });

  it('text that names no day is unknown for every day', () => {
    const r = readWeekText('спросите у охранника');
    expect(days('спросите у охранника')).toEqual(every(''));
    expect(r.unreadable).toEqual([...WEEKDAYS]);
    expect(r.warnings).toHaveLength(1);
  });

  it.each([
    'Mo-Fr 25:00-26:00',
    'sunrise-sunset',
    '"call us"',
    '\u0000\u00ff%%',
    'Mo-Fr 09:00-18:00 ' + 'x'.repeat(5000),
  ])('"%s" does not throw', (text) => {
    expect(() => readWeekText(text)).not.toThrow();
  });

  it('the parser is spared garbage: 200 different unreadable texts of 250 characters take well under a few seconds', () => {
    const t = performance.now();
    for (let i = 0; i < 200; i++) {
      const r = readWeekText(
        Array.from({ length: 250 }, (_, k) => String.fromCharCode(33 + ((k * 7919 + i * 31) % 90))).join(''),
      );
      expect(r.unreadable).toHaveLength(7);
    }
    expect(performance.now() - t).toBeLessThan(3000);
  });
});

describe('points: the hours never reject a site', () => {
  const mapping = pointMappingSchema.parse({
    source: 'spb',
    fields: { external_id: 'id', name: 'name', lat: 'lat', lon: 'lon', opening_hours: 'opening_hours' },
    hours: { monday: 'mon' },
  });
  const rec = (values: Record<string, string>) => ({
    row: 1,
    line: 2,
    values: { id: '1', name: 'Музей', lat: '59.94', lon: '30.27', mon: '', ...values },
  });

  it('reads the opening_hours column for the week; a weekday column that is not empty decides its day', () => {
    const r = mapPointRecord(rec({ opening_hours: 'Mo-Fr 10:00-18:00', mon: '12:00-14:00' }), mapping);
    expect(r.ok && r.draft.hours).toEqual({
      monday: '12:00-14:00',
      tuesday: '10:00-18:00',
      wednesday: '10:00-18:00',
      thursday: '10:00-18:00',
      friday: '10:00-18:00',
      saturday: 'closed',
      sunday: 'closed',
    });
  });

  it('unreadable hours: the site is kept, the days are unknown, the warning names the column', () => {
    const r = mapPointRecord(rec({ opening_hours: 'Mo-Fr 10:00-18:00', mon: 'lunch at noon' }), mapping);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.draft.hours.monday, r.draft.hours.tuesday, r.draft.hoursUnreadable]).toEqual([
      '',
      '10:00-18:00',
      ['monday'],
    ]);
    expect(r.draft.hoursWarnings).toEqual([
      expect.stringMatching(/^column "mon": cannot read opening hours "lunch at noon".*: monday unknown$/),
    ]);
  });

  it('"по записи" in the hours marks the point as taking appointments when the source has no such flag', () => {
    const r = mapPointRecord(rec({ opening_hours: 'по записи' }), mapping);
    expect(r.ok && [r.draft.appointments, r.draft.walkIn, r.draft.hoursUnreadable]).toEqual([true, null, []]);
  });

  it('an explicit appointments flag from the source is kept', () => {
    const m = pointMappingSchema.parse({ ...mapping, fields: { ...mapping.fields, appointments: 'appt' } });
    const r = mapPointRecord(rec({ opening_hours: 'by appointment', appt: 'no' }), m);
    expect(r.ok && r.draft.appointments).toBe(false);
  });

  it('parseDay reads the per-day forms too', () => {
    expect(parseDay('By appointment')).toEqual({ ok: true, day: { kind: 'unknown' }, note: 'appointment' });
    expect(parseDay('As needed')).toEqual({ ok: true, day: { kind: 'unknown' }, note: 'as_needed' });
    expect(parseDay('9:00 - 17:30')).toEqual({ ok: true, day: { kind: 'open', ranges: [{ start: 540, end: 1050 }] } });
  });
});
