import { describe, expect, it } from 'vitest';
import { bboxSchema, dayNumber, pagingSchema, periodReversed } from '../../lib/domain/params';
import { appealFilterSchema, GRATITUDE_DEFAULT } from '../../lib/domain/filters';
import { formatDayText, parseDayText } from '../../lib/render/dayText';
import { z } from 'zod';

describe('date fields: ДД.ММ.ГГГГ', () => {
  it('takes a day as typed the Russian way, and an ISO day pasted from a link', () => {
    expect(parseDayText('07.03.2025')).toBe('2025-03-07');
    expect(parseDayText('7.3.2025')).toBe('2025-03-07');
    expect(parseDayText(' 31.12.2024 ')).toBe('2024-12-31');
    expect(parseDayText('29.02.2024')).toBe('2024-02-29');
    expect(parseDayText('2025-03-07')).toBe('2025-03-07');
  });

  it('refuses days that do not exist, years out of range, and other shapes', () => {
    for (const s of [
      '30.02.2025',
      '29.02.2025',
      '31.04.2025',
      '00.01.2025',
      '01.13.2025',
      '01.01.0001',
      '01.01.2101',
      '2025-02-30',
      '07/03/2025',
      '07.03.25',
      '',
      'завтра',
    ]) {
      expect(parseDayText(s), s).toBeNull();
    }
  });

  it('shows a day as ДД.ММ.ГГГГ and round-trips', () => {
    expect(formatDayText('2025-03-07')).toBe('07.03.2025');
    expect(formatDayText(null)).toBe('');
    expect(formatDayText('2025-02-30')).toBe('2025-02-30');
    for (const d of ['1900-01-01', '2024-02-29', '2100-12-31']) expect(parseDayText(formatDayText(d))).toBe(d);
  });
});

describe('the one request-parameter module', () => {
  it('a day is a real calendar day: 2025-02-30 is refused, never read as 2 March', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2025-03-02') - dayNumber('2025-02-28')).toBe(2);
    expect(() => dayNumber('2025-02-30')).toThrow(/YYYY-MM-DD/);
    expect(appealFilterSchema.safeParse({ from: '2025-02-30' }).success).toBe(false);
  });

  it('one bbox: w,s,e,n with w<e and s<n', () => {
    expect(bboxSchema.parse('54.6,51.5,55.8,52.1')).toEqual([54.6, 51.5, 55.8, 52.1]);
    for (const b of [
      '1,2,3',
      '1,2,3,4,5',
      '3,1,1,2',
      '1,3,2,1',
      'a,1,2,3',
      '1,,2,3',
      '-181,0,1,1',
      '0,-91,1,1',
      'Infinity,0,1,1',
    ]) {
      expect(bboxSchema.safeParse(b).success, b).toBe(false);
    }
  });

  it('one paging: page from 1, page_size within its bound', () => {
    const s = z.object(pagingSchema(20, 200));
    expect(s.parse({})).toEqual({ page: 1, page_size: 20 });
    expect(s.parse({ page: '3', page_size: '200' })).toEqual({ page: 3, page_size: 200 });
    for (const q of [{ page: '0' }, { page_size: '201' }, { page: '1.5' }, { page_size: '0' }])
      expect(s.safeParse(q).success).toBe(false);
  });

  it('one gratitude default: thanks left out', () => {
    expect(GRATITUDE_DEFAULT).toBe('exclude');
    expect(appealFilterSchema.parse({}).gratitude).toBe('exclude');
  });

  it('a reversed period is one where the end is before the start', () => {
    expect(periodReversed('2025-05-01', '2025-04-30')).toBe(true);
    expect(periodReversed('2025-05-01', '2025-05-01')).toBe(false);
    expect(periodReversed('2025-05-01', undefined)).toBe(false);
  });
});
