import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCoordinates, parseNumberCell } from '../../lib/ingest/coordinates';
import { parseDateCell } from '../../lib/ingest/dates';
import { appealMappingSchema, parseMapping, readMappingFile } from '../../lib/ingest/mapping';
import { mapAppealRecord } from '../../lib/ingest/appeals/mapRecord';
import { openReader } from '../../lib/ingest/readers';
import { PmapError } from '../../lib/errors';

const FIX = path.resolve(__dirname, '../fixtures');
const ru = readMappingFile(appealMappingSchema, path.join(FIX, 'appeals_ru.mapping.json'));

describe('mapping files', () => {
  it('the committed NYC mapping is valid', () => {
    const m = readMappingFile(appealMappingSchema, path.resolve(__dirname, '../../examples/nyc311.json'));
    expect(m.fields.text).toEqual(['Complaint Type', 'Descriptor']);
    expect(m.topics['Street Condition']).toBe('roads');
  });

  it('names an unknown top-level key', () => {
    const e = (() => {
      try {
        parseMapping(appealMappingSchema, { source: 'x', fields: {}, chanel: 'web' }, 'm.json');
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(PmapError);
    expect((e as PmapError).oneLine()).toBe('m.json: unknown key "chanel" in the mapping');
  });

  it('rejects a topic outside the vocabulary and a bad time zone', () => {
    expect(() =>
      parseMapping(appealMappingSchema, { source: 'x', fields: {}, topics: { A: 'potholes' } }, 'm.json'),
    ).toThrow(/"topics.A"/);
    expect(() =>
      parseMapping(appealMappingSchema, { source: 'x', fields: {}, timezone: 'Mars/Olympus' }, 'm.json'),
    ).toThrow(/IANA/);
  });

  it('accepts constants, column lists and a constant channel', () => {
    const m = parseMapping(
      appealMappingSchema,
      {
        source: 'p',
        fields: { external_id: 'id', created_at: 'd', topic: { value: 'roads' }, text: ['a', 'b'] },
        channel: 'social',
      },
      'm.json',
    );
    const r = mapAppealRecord({ row: 1, values: { id: '7', d: '2025-01-02T03:04:05Z', a: 'Яма', b: 'большая' } }, m);
    expect(r).toMatchObject({
      ok: true,
      draft: { externalId: '7', topic: 'roads', text: 'Яма большая', channel: 'social' },
    });
  });

  it('rejects a creation date more than a day ahead of the clock', () => {
    const m = parseMapping(
      appealMappingSchema,
      { source: 'p', fields: { external_id: 'id', created_at: 'd' } },
      'm.json',
    );
    const now = Date.parse('2026-11-24T12:00:00Z');
    const at = (d: string) => mapAppealRecord({ row: 1, values: { id: '7', d } }, m, undefined, now);
    expect(at('2030-01-03T10:00:00Z')).toEqual({
      ok: false,
      reason: 'column "d": the creation date 2030-01-03T10:00:00.000Z is in the future',
    });
    expect(at('2026-11-25T12:00:01Z')).toMatchObject({ ok: false });
    // Within a day: another time zone's today, or a fast clock.
    expect(at('2026-11-25T11:59:00Z')).toMatchObject({ ok: true });
  });
});

describe('dates', () => {
  it('reads a format in a time zone, including 12-hour clocks', () => {
    expect(parseDateCell('03/01/2011 02:27:57 PM', 'MM/dd/yyyy hh:mm:ss a', 'America/New_York')?.toISOString()).toBe(
      '2011-03-01T19:27:57.000Z',
    );
    expect(parseDateCell('2025-04-02 09:15', 'yyyy-MM-dd HH:mm', 'Asia/Yekaterinburg')?.toISOString()).toBe(
      '2025-04-02T04:15:00.000Z',
    );
  });
  it('ISO with an offset keeps its offset; without one uses the zone', () => {
    expect(parseDateCell('2025-05-01T10:00:00+05:00')?.toISOString()).toBe('2025-05-01T05:00:00.000Z');
    expect(parseDateCell('2025-05-01T10:00:00', undefined, 'Europe/Moscow')?.toISOString()).toBe(
      '2025-05-01T07:00:00.000Z',
    );
  });
  it('returns null for what does not parse', () => {
    expect(parseDateCell('03.04.2025', 'yyyy-MM-dd HH:mm')).toBeNull();
    expect(parseDateCell('вчера')).toBeNull();
    expect(parseDateCell('')).toBeNull();
  });
});

describe('coordinates', () => {
  const orenburg: [number, number, number, number] = [50.5, 50.4, 61.8, 54.5];
  it('parses decimal commas and refuses text', () => {
    expect(parseNumberCell('51,77')).toBe(51.77);
    expect(parseNumberCell(' 55.1 ')).toBe(55.1);
    expect(parseNumberCell('')).toBeNull();
    expect(parseNumberCell('север')).toBeNaN();
  });
  it('treats 0/0 and empty as missing', () => {
    expect(checkCoordinates(0, 0, undefined, false)).toEqual({ kind: 'missing' });
    expect(checkCoordinates(null, null, undefined, false)).toEqual({ kind: 'missing' });
  });
  it('rejects out of range, and swapped for the region unless told to swap', () => {
    expect(checkCoordinates(151.8, 55.1, orenburg, false)).toEqual({
      kind: 'reject',
      reason: 'coordinates out of range (lat 151.8, lon 55.1)',
    });
    expect(checkCoordinates(55.102, 51.768, orenburg, false).kind).toBe('reject');
    expect(checkCoordinates(55.102, 51.768, orenburg, true)).toEqual({
      kind: 'ok',
      lat: 51.768,
      lon: 55.102,
      swapped: true,
    });
    expect(checkCoordinates(51.768, 55.102, orenburg, false)).toEqual({
      kind: 'ok',
      lat: 51.768,
      lon: 55.102,
      swapped: false,
    });
  });
  it('without a region only impossible latitudes count as swapped', () => {
    // (lat -73.99, lon 40.66) is a real place; only a region can tell it is New York swapped.
    expect(checkCoordinates(-73.99, 40.66, undefined, false)).toMatchObject({ kind: 'ok' });
    expect(checkCoordinates(-73.99, 40.66, [-75, 40, -73, 41.5], false)).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('look swapped'),
    });
    expect(checkCoordinates(40.66, -173.99, undefined, false)).toMatchObject({ kind: 'ok' });
    expect(checkCoordinates(140.66, -73.99, undefined, false)).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('look swapped'),
    });
  });
});

describe('CSV reader', () => {
  it('reads semicolon files with line numbers and flags rows with the wrong field count', async () => {
    const recs = [];
    for await (const r of openReader(path.join(FIX, 'appeals_ru.csv'), 'csv').records()) recs.push(r);
    expect(recs).toHaveLength(7);
    expect(recs[0]).toMatchObject({ row: 1, line: 2, values: { id: 'A-1', широта: '51.7750' } });
  });
  it('maps a bad date to a located reason', async () => {
    const it = openReader(path.join(FIX, 'appeals_ru.csv'), 'csv').records()[Symbol.asyncIterator]();
    await it.next();
    await it.next();
    const third = (await it.next()).value!;
    expect(mapAppealRecord(third, ru)).toEqual({
      ok: false,
      reason: 'column "дата": cannot parse date "03.04.2025" as the format "yyyy-MM-dd HH:mm"',
    });
  });
  it('decodes Windows-1251 to the same values as UTF-8', async () => {
    const r = openReader(path.join(FIX, 'appeals_ru_cp1251.csv'), 'csv');
    const first = (await r.records()[Symbol.asyncIterator]().next()).value!;
    expect(first.values['текст']).toBe('Яма на проезжей части у дома 32');
    expect(r.notes).toEqual(['decoded as windows-1251 (not UTF-8)']);
  });
  it('strips a BOM so the first header matches', async () => {
    const r = openReader(path.join(FIX, 'appeals_ru_bom.csv'), 'csv');
    const first = (await r.records()[Symbol.asyncIterator]().next()).value!;
    expect(first.values.id).toBe('A-1');
  });
});

describe('double-encoded UTF-8 (mojibake)', () => {
  it('is repaired when unambiguous, and the repair is reported', async () => {
    const r = openReader(path.join(FIX, 'appeals_mojibake.csv'), 'csv');
    const recs = [];
    for await (const x of r.records()) recs.push(x);
    expect(recs.map((x) => x.values.text)).toEqual([
      'Яма на дороге у дома 5',
      'Нет горячей воды, santé',
      'Не вывозят мусор с площадки',
    ]);
    expect(r.notes[0]).toMatch(/^repaired double-encoded UTF-8/);
  });
  it('leaves real text alone, and a lone "Ã" too', async () => {
    const { mojibakeSource } = await import('../../lib/ingest/encoding');
    expect(mojibakeSource('Яма на дороге, santé, Ãœber')).toBeNull();
    expect(mojibakeSource('santÃ© publique, CafÃ©, crÃ¨me brÃ»lÃ©e')).toBe('windows-1252');
  });
});
