import { describe, expect, it } from 'vitest';
import { ChannelTally, channelSynonym } from '../../lib/ingest/channels';
import { noRepairs, repairNote, repairRecord, repairText, undoDoubleUtf8 } from '../../lib/ingest/cleanValues';
import { CoordinateVote, decide, placeRow, placementOf, votePoint, type Region } from '../../lib/ingest/coordinateVote';
import { locatedPair, readCoordinates, swapOf } from '../../lib/ingest/coordinates';
import { parseDateLenient } from '../../lib/ingest/dates';
import { readId, nonUniqueIdNote } from '../../lib/ingest/ids';
import { mapAppealRecord } from '../../lib/ingest/appeals/mapRecord';
import { appealMappingSchema, parseMapping } from '../../lib/ingest/mapping';
import { mapPointRecord } from '../../lib/ingest/points/mapRecord';
import { pointMappingSchema } from '../../lib/ingest/points/mapping';
import { createSchema } from '../../lib/serve/open311/create';

describe('channel synonyms (item 4)', () => {
  it('reads Russian and English names of every channel, ignoring case, spacing, dashes and quotes', () => {
    const cases: [string, string][] = [
      ['phone', 'hotline'],
      ['PHONE', 'hotline'],
      ['Телефон', 'hotline'],
      ['звонок', 'hotline'],
      ['Call', 'hotline'],
      ['311', 'hotline'],
      ['Горячая  линия', 'hotline'],
      ['hot-line', 'hotline'],
      ['Сайт', 'web'],
      ['web', 'web'],
      ['ONLINE', 'web'],
      ['portal', 'portal'],
      ['Городской портал', 'portal'],
      ['Mobile', 'app'],
      ['iOS', 'app'],
      ['android', 'app'],
      ['Мобильное приложение', 'app'],
      ['VK', 'social'],
      ['ВКонтакте', 'social'],
      ['Telegram', 'social'],
      ['OK', 'social'],
      ['Одноклассники', 'social'],
      ['Instagram', 'social'],
      ['соцсети', 'social'],
      ['ПОС', 'pos'],
      ['Госуслуги', 'pos'],
      ['«Решаем вместе»', 'pos'],
      ['решаем-вместе', 'pos'],
      ['Чат-бот', 'bot'],
      ['чатбот', 'bot'],
      ['Telegram bot', 'bot'],
      ['E-mail', 'email'],
      ['e mail', 'email'],
      ['EMAIL', 'email'],
      ['Почта', 'email'],
      ['Эл. почта', 'email'],
      ['OTHER', 'other'],
      ['Unknown', 'other'],
      ['Прочее', 'other'],
    ];
    for (const [raw, want] of cases) expect([raw, channelSynonym(raw)]).toEqual([raw, want]);
  });

  it('knows nothing of a word that is no channel', () => {
    expect(channelSynonym('FAX')).toBeNull();
    expect(channelSynonym('')).toBeNull();
    expect(channelSynonym('голубиная почта')).toBeNull();
  });

  it('maps an Open311 channel column without a values table through the synonyms, and the tally names every value', () => {
    const m = parseMapping(
      appealMappingSchema,
      {
        source: 'o311',
        fields: { external_id: 'id', created_at: 'd', channel: 'extended_attributes.channel' },
      },
      'm.json',
    );
    const tally = new ChannelTally();
    const rows = [
      ['phone', 'hotline'],
      ['phone', 'hotline'],
      ['Phone', 'hotline'],
      ['web', 'web'],
      ['fax', 'other'],
      ['', 'other'],
    ];
    rows.forEach(([ch, want], i) => {
      const r = mapAppealRecord(
        { row: i + 1, values: { id: String(i), d: '2024-05-01T10:00:00Z', extended_attributes: { channel: ch } } },
        m,
      );
      if (!r.ok) throw new Error(r.reason);
      expect(r.draft.channel).toBe(want);
      tally.add(r.info.channel!.value, r.draft.channel, r.info.channel!.via);
    });
    expect(tally.list()).toEqual([
      { value: 'phone', channel: 'hotline', via: 'synonym', rows: 2 },
      { value: '', channel: 'other', via: 'default', rows: 1 },
      { value: 'fax', channel: 'other', via: 'default', rows: 1 },
      { value: 'Phone', channel: 'hotline', via: 'synonym', rows: 1 },
      { value: 'web', channel: 'web', via: 'synonym', rows: 1 },
    ]);
    const notes = tally.notes().join('\n');
    expect(notes).toContain('"phone" → hotline (2)');
    expect(notes).toContain(
      'unknown channel values, counted as other: "fax" (1) (add them to the mapping\'s channel "values")',
    );
    expect(notes).toContain('1 rows have no channel value: counted as other');
  });

  it('a mapping with its own values table decides; unlisted values take its default, listed ones match loosely', () => {
    const m = parseMapping(
      appealMappingSchema,
      {
        source: 'x',
        fields: { external_id: 'id', created_at: 'd' },
        channel: { column: 'c', values: { 'Решаем вместе': 'pos' }, default: 'other' },
      },
      'm.json',
    );
    const ch = (c: string) => {
      const r = mapAppealRecord({ row: 1, values: { id: '1', d: '2024-05-01T10:00:00Z', c } }, m);
      return r.ok ? [r.draft.channel, r.info.channel?.via] : r.reason;
    };
    expect(ch('РЕШАЕМ ВМЕСТЕ')).toEqual(['pos', 'values']);
    expect(ch('телефон')).toEqual(['other', 'default']);
    expect(ch('hotline')).toEqual(['hotline', 'synonym']); // our own name is always understood
  });
});

describe('repairs inside values (item 5)', () => {
  it('turns a double-encoded NBSP back and makes it a plain space, in hours and in a longitude', () => {
    expect(repairText('9:00\u00c2\u00a0-\u00c2\u00a017:00')).toEqual({
      value: '9:00 - 17:00',
      kinds: ['mojibake', 'nbsp'],
    });
    expect(repairText('-79.3832\u00c2\u00a0')).toEqual({ value: '-79.3832 ', kinds: ['mojibake', 'nbsp'] });
  });

  it('decodes double-encoded Latin and Cyrillic words inside otherwise clean text', () => {
    expect(undoDoubleUtf8('CafÃ© on Queen St')).toBe('Café on Queen St');
    expect(undoDoubleUtf8('Ð\u009fÐ¾ Ð·Ð°Ð¿Ð¸Ñ\u0081Ð¸')).toBe('По записи');
  });

  it('leaves text alone that only looks foreign: Latin-1 words, guillemets, degrees, Cyrillic', () => {
    for (const s of ['café', 'Ü\u00a0Straße', '«Решаем вместе»', '−5 °C', 'Невский проспект, д. 1', 'Â la carte']) {
      expect(undoDoubleUtf8(s)).toBe(s);
    }
  });

  it('drops zero-width characters and U+FFFC, and counts each kind per value', () => {
    expect(repairText('Яма\u200b на дороге')).toEqual({ value: 'Яма на дороге', kinds: ['zero_width'] });
    expect(repairText('Мусор\ufffc во дворе')).toEqual({ value: 'Мусор во дворе', kinds: ['object_replacement'] });
    expect(repairText('\ufffc Мусор \ufffc')).toEqual({ value: 'Мусор', kinds: ['object_replacement'] });
    expect(repairText('Мусор\ufffcво дворе').value).toBe('Мусор во дворе');
    const counts = noRepairs();
    const rec = repairRecord({ row: 1, values: { a: 'x\u00a0y', b: { channel: 'ph\u200bone' }, c: 7 } }, counts);
    expect(rec.values).toEqual({ a: 'x y', b: { channel: 'phone' }, c: 7 });
    expect(counts).toEqual({ mojibake: 0, nbsp: 1, zero_width: 1, object_replacement: 0 });
    expect(repairNote(counts)).toBe(
      'repaired values: 1 values: no-break spaces made plain spaces; 1 values: zero-width characters removed',
    );
    expect(repairNote(noRepairs())).toBeNull();
  });

  it('a point row whose longitude and hours carry a double-encoded NBSP is kept', () => {
    const m = parseMapping(
      pointMappingSchema,
      {
        source: 'p',
        fields: { external_id: 'id', name: 'name', lat: 'lat', lon: 'lon' },
        hours: { monday: 'mon' },
      },
      'm.json',
    );
    const raw = {
      row: 1,
      values: {
        id: 'S1',
        name: 'Pharmacy',
        lat: '43.6532',
        lon: '-79.3832\u00c2\u00a0',
        mon: '09:00-17:00\u00c2\u00a0',
      },
    };
    expect(mapPointRecord(raw, m).ok).toBe(false); // as read, before the repair: the longitude is not a number
    const r = mapPointRecord(repairRecord(raw, noRepairs()), m);
    expect(r.ok && [r.draft.lon, r.draft.hours.monday]).toEqual([-79.3832, '09:00-17:00']);
  });
});

describe('dates that fail the stated format (item 7)', () => {
  const fmt = 'yyyy-MM-dd HH:mm:ss.S';
  it('keeps the format where it fits and reads unambiguous ISO 8601 where it does not', () => {
    expect(parseDateLenient('2016-04-12 07:54:00.0', fmt, 'UTC')).toEqual({
      date: new Date('2016-04-12T07:54:00Z'),
      viaIso: false,
    });
    expect(parseDateLenient('2016-07-24 06:18:26.000', fmt, 'UTC')).toEqual({
      date: new Date('2016-07-24T06:18:26Z'),
      viaIso: true,
    });
    expect(parseDateLenient('2016-07-24T06:18:26+03:00', fmt, 'UTC')).toEqual({
      date: new Date('2016-07-24T03:18:26Z'),
      viaIso: true,
    });
    // Read in the mapping's zone like any other value without an offset.
    expect(parseDateLenient('2016-07-24 06:18', fmt, 'Europe/Moscow')).toEqual({
      date: new Date('2016-07-24T03:18:00Z'),
      viaIso: true,
    });
  });

  it('refuses what is not unambiguous: other orders, basic and week forms, impossible days', () => {
    for (const v of [
      '24.07.2016 06:18',
      '07/24/2016',
      '20160724T061826',
      '2016-W30-1',
      '2016-02-30',
      '2016-13-01 00:00',
    ]) {
      expect([v, parseDateLenient(v, fmt, 'UTC')]).toEqual([v, null]);
    }
  });

  it('an appeal row under the format: the odd value is accepted and marked', () => {
    const m = parseMapping(
      appealMappingSchema,
      { source: 'x', fields: { external_id: 'id', created_at: 'd' }, date_format: fmt },
      'm.json',
    );
    const r = mapAppealRecord({ row: 1, values: { id: '1', d: '2016-07-24 06:18:26.000' } }, m);
    expect(r.ok && [r.draft.createdAt.toISOString(), r.info.dateViaIso]).toEqual(['2016-07-24T06:18:26.000Z', true]);
    const bad = mapAppealRecord({ row: 2, values: { id: '2', d: '24.07.2016' } }, m);
    expect(bad).toEqual({ ok: false, reason: `column "d": cannot parse date "24.07.2016" as the format "${fmt}"` });
  });
});

describe('the swapped-coordinates vote (item 3)', () => {
  // New York's five boroughs, as a boundary file would give them (widened as dataExtent.ts does).
  const nyc: Region = { boxes: [[-74.76, 40.0, -73.2, 41.42]], from: ['boundaries'] };
  // Real 311 locations in New York.
  const points = [
    [40.8075, -73.9626],
    [40.6782, -73.9442],
    [40.7484, -73.9857],
    [40.5795, -74.1502],
    [40.8448, -73.8648],
  ];

  it('votes a pair in, swapped or out', () => {
    expect(votePoint(40.8075, -73.9626, nyc.boxes)).toBe('in');
    expect(votePoint(-73.9626, 40.8075, nyc.boxes)).toBe('swapped');
    expect(votePoint(55.75, 37.62, nyc.boxes)).toBe('out');
    // Without a region only an impossible latitude tells.
    expect(votePoint(-73.9626, 40.8075, [])).toBe('in');
    expect(votePoint(140.1, 40.8, [])).toBe('swapped');
  });

  it('decides a file swapped when swapped votes outnumber in-region ones and make half the sample', () => {
    expect(decide({ in: 1, swapped: 9, out: 0 }, true).swapped).toBe(true);
    expect(decide({ in: 5, swapped: 5, out: 0 }, true).swapped).toBe(false);
    expect(decide({ in: 0, swapped: 2, out: 3 }, true).swapped).toBe(false);
    expect(decide({ in: 0, swapped: 0, out: 0 }, false).swapped).toBe(false);
  });

  it('holds back the first rows, decides, then lets every row through in order', async () => {
    async function* rows() {
      for (let i = 0; i < 12; i++)
        yield { i, p: i % 4 === 3 ? null : { lat: points[i % 5]![1]!, lon: points[i % 5]![0]! } };
    }
    const vote = new CoordinateVote(nyc, 5);
    const seen: [number, boolean | undefined][] = [];
    for await (const r of vote.apply(rows(), (x) => x.p)) seen.push([r.i, vote.verdict?.swapped]);
    expect(seen.map((s) => s[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(seen.every((s) => s[1] === true)).toBe(true); // decided before the first row left
    expect(vote.verdict).toMatchObject({ sample: 5, swappedIn: 5, in: 0 });
  });

  it('in a swapped file rejects each row saying so, or swaps it when the mapping says "swap": true', () => {
    const verdict = decide({ in: 0, swapped: 5, out: 0 }, true);
    const r = placeRow(-73.9626, 40.8075, verdict, nyc, false);
    expect(r).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining(
        "coordinates look swapped (lat -73.9626, lon 40.8075): the file's latitude and longitude columns are swapped (5 of the first 5",
      ),
    });
    expect(placeRow(-73.9626, 40.8075, verdict, nyc, true)).toEqual({
      kind: 'ok',
      lat: 40.8075,
      lon: -73.9626,
      swapped: true,
    });
    // A row of that file that lies in the region only as written stays as written.
    expect(placeRow(40.7, -74.0, verdict, nyc, true)).toEqual({ kind: 'ok', lat: 40.7, lon: -74.0, swapped: false });
  });

  it('in a file as written, one stray swapped row is still caught, one outside the region is kept', () => {
    const verdict = decide({ in: 5, swapped: 0, out: 0 }, true);
    expect(placeRow(-73.9626, 40.8075, verdict, nyc, false)).toMatchObject({
      kind: 'reject',
      reason: expect.stringContaining('look swapped'),
    });
    expect(placeRow(55.75, 37.62, verdict, nyc, false)).toEqual({ kind: 'ok', lat: 55.75, lon: 37.62, swapped: false });
    expect(placeRow(0, 0, verdict, nyc, false)).toEqual({ kind: 'missing' });
    expect(placeRow(151.8, 55.1, placementOf(undefined).verdict, placementOf(undefined).region, false)).toEqual({
      kind: 'reject',
      reason:
        'coordinates look swapped (lat 151.8, lon 55.1) (a latitude beyond ±90° is a longitude); set "swap": true in the mapping to swap them',
    });
  });

  it('"swap": true is read in coordinates, beside lat/lon, at the top, and as the older swap_coordinates', () => {
    const base = { source: 'x', fields: { external_id: 'id', created_at: 'd', lat: 'la', lon: 'lo' } };
    const beside = parseMapping(appealMappingSchema, { ...base, fields: { ...base.fields, swap: true } }, 'm.json');
    expect(beside.fields).not.toHaveProperty('swap');
    expect(swapOf(beside)).toBe(true);
    expect(swapOf(parseMapping(appealMappingSchema, { ...base, swap: true }, 'm.json'))).toBe(true);
    expect(swapOf(parseMapping(appealMappingSchema, { ...base, swap_coordinates: true }, 'm.json'))).toBe(true);
    expect(swapOf(parseMapping(appealMappingSchema, base, 'm.json'))).toBe(false);
    const inCoords = parseMapping(
      pointMappingSchema,
      {
        source: 'p',
        fields: { external_id: 'id', name: 'n' },
        coordinates: { column: 'geo', order: 'lon,lat', swap: true },
      },
      'm.json',
    );
    expect(swapOf(inCoords)).toBe(true);
    expect(readCoordinates({ row: 1, values: { geo: '(30.3, 59.9)' } }, inCoords)).toEqual({ lat: 59.9, lon: 30.3 });
    expect(locatedPair({ row: 1, values: { geo: '0, 0' } }, inCoords)).toBeNull();
    expect(() =>
      parseMapping(appealMappingSchema, { ...base, fields: { ...base.fields, swap: 'yes' } }, 'm.json'),
    ).toThrow(/"swap" in "fields"/);
  });
});

describe('ids (item 8)', () => {
  it('a list of columns is a composite id that keeps its parts apart', () => {
    expect(readId({ row: 1, values: { a: 'A B', b: 'C' } }, ['a', 'b'])).toBe('A B|C');
    expect(readId({ row: 1, values: { a: 'A', b: 'B C' } }, ['a', 'b'])).toBe('A|B C');
    expect(readId({ row: 1, values: { a: '', b: '7' } }, ['a', 'b'])).toBe('|7');
    expect(readId({ row: 1, values: { a: '', b: '' } }, ['a', 'b'])).toBe('');
    expect(readId({ row: 1, values: { a: ' 42 ' } }, 'a')).toBe('42');
  });

  it('says what to do when ids carry different records', () => {
    expect(nonUniqueIdNote(12)).toBe(
      'the id column is not unique: 12 ids carry different records; use a composite id (a list of columns)',
    );
    expect(nonUniqueIdNote(0)).toBeNull();
  });
});

describe('Open311 POST channel (item 4)', () => {
  it('takes a synonym such as phone, still refuses a channel it does not know or may not claim', () => {
    const body = (channel: string) => ({
      service_code: 'roads',
      lat: '51.77',
      long: '55.1',
      'extended_attributes[channel]': channel,
    });
    for (const ok of ['phone', 'Телефон', 'app', 'iOS', 'сайт'])
      expect([ok, createSchema.safeParse(body(ok)).success]).toEqual([ok, true]);
    for (const bad of ['pigeon', 'telegram', 'pos'])
      expect([bad, createSchema.safeParse(body(bad)).success]).toEqual([bad, false]);
  });
});
