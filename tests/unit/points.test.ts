import { describe, expect, it } from 'vitest';
import { mapPointRecord } from '../../lib/ingest/points/mapRecord';
import { parseMapping } from '../../lib/ingest/mapping';
import { defaultPointMapping, pointMappingSchema } from '../../lib/ingest/points/mapping';
import { decodePoints, encodePoints, type PointRecord } from '../../lib/points/compact';
import { byDistance, distanceKm, filterPoints } from '../../lib/points/filter';
import { freshness } from '../../lib/points/freshness';
import { pointReportSchema } from '../../lib/points/reports';
import { publicPointsQuerySchema } from '../../lib/points/query';

const ontario = parseMapping(
  pointMappingSchema,
  {
    source: 'on',
    fields: {
      external_id: 'location_id',
      name: 'location_name',
      address: 'address',
      city: 'city',
      lat: 'latitude',
      lon: 'longitude',
      phone: 'phone',
      url: 'website',
      walk_in: 'walk_ins',
      appointments: 'appointments',
      accessible: 'accessible',
    },
    hours: { monday: 'monday', tuesday: 'tuesday', saturday: 'saturday', sunday: 'sunday' },
    timezone: 'America/Toronto',
  },
  'test',
);

const row = (values: Record<string, string>) => ({
  row: 1,
  line: 2,
  values: {
    location_id: '1',
    location_name: 'Blanche River Health',
    address: '145 Government Road East',
    city: 'Kirkland Lake',
    latitude: '48.153552',
    longitude: '-80.014725',
    phone: '705-568-2127',
    website: 'www.blancheriverhealth.ca',
    walk_ins: 'No',
    appointments: 'Yes',
    accessible: '',
    monday: '09:00-13:00',
    tuesday: '9:00-13:00',
    saturday: 'closed',
    sunday: '',
    ...values,
  },
});

describe('mapping a point row', () => {
  it('maps the Ontario columns: address with city, canonical hours, flags, https website', () => {
    const r = mapPointRecord(row({}), ontario);
    expect(r).toEqual({
      ok: true,
      draft: expect.objectContaining({
        externalId: '1',
        name: 'Blanche River Health',
        address: '145 Government Road East, Kirkland Lake',
        lat: 48.153552,
        lon: -80.014725,
        phone: '705-568-2127',
        url: 'https://www.blancheriverhealth.ca/',
        walkIn: false,
        appointments: true,
        accessible: null,
        timezone: 'America/Toronto',
        timezoneAssumed: false,
        hours: {
          monday: '09:00-13:00',
          tuesday: '09:00-13:00',
          wednesday: '',
          thursday: '',
          friday: '',
          saturday: 'closed',
          sunday: '',
        },
      }),
    });
  });

  it('0/0 and empty coordinates are missing (the importer geocodes or rejects), not an error here', () => {
    const zero = mapPointRecord(row({ latitude: '0', longitude: '0' }), ontario);
    expect(zero.ok && [zero.draft.lat, zero.draft.missingCoordinates]).toEqual([null, 'zero']);
    const empty = mapPointRecord(row({ latitude: '', longitude: '' }), ontario);
    expect(empty.ok && [empty.draft.lat, empty.draft.missingCoordinates]).toEqual([null, 'empty']);
  });

  it.each([
    [{ location_name: '' }, 'column "location_name": the name is empty'],
    [{ location_id: ' ' }, 'column "location_id": the external id is empty'],
    [
      { walk_ins: 'maybe' },
      'column "walk_ins": "maybe" is neither yes nor no (set "true_values" / "false_values" in the mapping)',
    ],
    [{ latitude: '95.5', longitude: '-200' }, 'coordinates out of range (lat 95.5, lon -200)'],
    [{ latitude: '48.1', longitude: '' }, 'only one coordinate given (lat 48.1, lon empty)'],
  ])('rejects %o with a readable reason', (values, reason) => {
    expect(mapPointRecord(row(values), ontario)).toEqual({ ok: false, reason });
  });

  it('drops a website that is not http(s) (a javascript: link must never reach the page)', () => {
    const r = mapPointRecord(row({ website: 'javascript:alert(1)' }), ontario);
    expect(r.ok && [r.draft.url, r.draft.urlDropped]).toEqual([null, true]);
  });

  it('without a mapping the columns are our names; the time zone is assumed and says so', () => {
    const m = defaultPointMapping('points.csv');
    const r = mapPointRecord(
      {
        row: 1,
        values: { external_id: 'X', name: 'ФАП', lat: '51.7', lon: '55.1', vaccines: 'flu, covid', monday: '8-16' },
      },
      m,
    );
    expect(r.ok && r.draft).toMatchObject({
      vaccines: ['flu', 'covid'],
      timezoneAssumed: true,
      hours: { monday: '08:00-16:00' },
    });
  });

  it('unknown mapping keys are errors', () => {
    expect(() =>
      parseMapping(pointMappingSchema, { source: 's', fields: { name: 'n' }, hours: { mondey: 'x' } }, 'm.json'),
    ).toThrow(/mondey/);
  });
});

const rec = (id: number, lon: number, lat: number, extra: Partial<PointRecord> = {}): PointRecord => ({
  id,
  lon,
  lat,
  name: `P${id}`,
  address: null,
  walkIn: null,
  appointments: null,
  accessible: null,
  vaccines: [],
  hours: {
    monday: '08:00-20:00',
    tuesday: '08:00-20:00',
    wednesday: '08:00-20:00',
    thursday: '08:00-20:00',
    friday: '08:00-20:00',
    saturday: 'closed',
    sunday: 'closed',
  },
  timezone: 'Asia/Yekaterinburg',
  verifiedAt: null,
  ...extra,
});

describe('the compact wire format', () => {
  it('shares hours and zones between points and decodes back', () => {
    const records = [
      rec(1, 55.1, 51.77),
      rec(2, 55.2, 51.8, { walkIn: true, vaccines: ['flu'] }),
      rec(3, 55.3, 51.9, { hours: { monday: 'closed' }, timezone: 'Europe/Moscow' }),
    ];
    const c = encodePoints(records);
    expect(c.hours).toHaveLength(2);
    expect(c.zones).toEqual(['Asia/Yekaterinburg', 'Europe/Moscow']);
    expect(c.points[1]).toEqual([2, 55.2, 51.8, 'P2', null, true, null, null, ['flu'], 0, 0, null]);
    const back = decodePoints(JSON.parse(JSON.stringify(c)));
    expect(back[2]).toMatchObject({ id: 3, timezone: 'Europe/Moscow', hoursText: { monday: 'closed', tuesday: '' } });
    expect(back[0].hours.monday).toEqual({ kind: 'open', ranges: [{ start: 480, end: 1200 }] });
    // The same parsed week object is shared, not re-parsed per point.
    expect(back[0].hours).toBe(back[1].hours);
  });
});

describe('filters and distance', () => {
  const points = decodePoints(
    encodePoints([
      rec(1, 55.1, 51.77, { walkIn: true, accessible: true, vaccines: ['flu', 'covid'] }),
      rec(2, 55.2, 51.8, { walkIn: false, vaccines: ['flu'] }),
      rec(3, 55.3, 51.9, {
        hours: {
          monday: 'closed',
          tuesday: 'closed',
          wednesday: 'closed',
          thursday: 'closed',
          friday: 'closed',
          saturday: 'closed',
          sunday: 'closed',
        },
        walkIn: true,
      }),
    ]),
  );
  const wed10 = new Date('2026-11-25T05:00:00Z'); // Wednesday 10:00 in Orenburg
  const ids = (ps: { id: number }[]) => ps.map((p) => p.id);

  it.each([
    [{}, [1, 2, 3]],
    [{ openNow: true }, [1, 2]],
    [{ walkIn: true }, [1, 3]],
    [{ accessible: true }, [1]],
    [{ vaccine: 'covid' }, [1]],
    [{ openNow: true, walkIn: true }, [1]],
    [{ bbox: [55.15, 51, 56, 52] as [number, number, number, number] }, [2, 3]],
  ])('%o → %o', (f, expected) => {
    expect(ids(filterPoints(points, f, wed10))).toEqual(expected);
  });

  it('open now depends on the hour', () => {
    expect(ids(filterPoints(points, { openNow: true }, new Date('2026-11-25T20:00:00Z')))).toEqual([]);
  });

  it('haversine: Orenburg to Orsk is about 245 km', () => {
    expect(distanceKm({ lat: 51.7682, lon: 55.0969 }, { lat: 51.2293, lon: 58.4752 })).toBeCloseTo(241.6, 0);
  });

  it('byDistance sorts nearest first and keeps the distance', () => {
    const sorted = byDistance(points, { lat: 51.9, lon: 55.3 });
    expect(ids(sorted)).toEqual([3, 2, 1]);
    expect(sorted[0].distanceKm).toBe(0);
  });
});

describe('freshness badge', () => {
  const now = new Date('2026-11-23T19:00:00Z');
  it.each([
    ['2026-11-23', 30, { kind: 'fresh', days: 0 }],
    ['2026-11-20', 30, { kind: 'fresh', days: 3 }],
    ['2026-10-24', 30, { kind: 'fresh', days: 30 }],
    ['2026-10-23', 30, { kind: 'stale', days: 31 }],
    ['2026-10-23', 60, { kind: 'fresh', days: 31 }],
    ['2026-12-01', 30, { kind: 'fresh', days: 0 }],
    [null, 30, { kind: 'stale', days: null }],
    ['not a date', 30, { kind: 'stale', days: null }],
  ] as const)('%s with %i days → %o', (verified, stale, expected) => {
    expect(freshness(verified, now, stale)).toEqual(expected);
  });
});

describe('public inputs', () => {
  it('a report takes a point, a reason and a short comment, and nothing else (no contact fields)', () => {
    expect(
      pointReportSchema.safeParse({ point_id: 3, reason: 'wrong_hours', comment: ' closed on Mondays ' }).data,
    ).toEqual({ point_id: 3, reason: 'wrong_hours', comment: 'closed on Mondays', lang: 'ru' });
    expect(pointReportSchema.safeParse({ point_id: 3, reason: 'wrong_hours', phone: '+7 900 000-00-00' }).success).toBe(
      false,
    );
    expect(pointReportSchema.safeParse({ point_id: 3, reason: 'spam' }).success).toBe(false);
    expect(pointReportSchema.safeParse({ point_id: 3, reason: 'other', comment: 'x'.repeat(501) }).success).toBe(false);
  });

  it('list query: flags, bbox and vaccine codes only', () => {
    expect(
      publicPointsQuerySchema.parse({ open_now: '1', walk_in: 'false', bbox: '55,51,56,52', vaccine: 'flu' }),
    ).toEqual({ open_now: true, walk_in: false, bbox: [55, 51, 56, 52], vaccine: 'flu' });
    expect(publicPointsQuerySchema.safeParse({ bbox: '56,51,55,52' }).success).toBe(false);
    expect(publicPointsQuerySchema.safeParse({ vaccine: "flu' OR 1=1" }).success).toBe(false);
    expect(publicPointsQuerySchema.safeParse({ open_now: 'yes' }).success).toBe(false);
  });
});
