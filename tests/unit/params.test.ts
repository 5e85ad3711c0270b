import { describe, expect, it } from 'vitest';
import { hexagonQuerySchema } from '../../lib/aggregate/hexagons';
import { hotspotQuerySchema } from '../../lib/aggregate/hotspots/query';
import { publicHexagonQuerySchema } from '../../lib/aggregate/publicHexagons';
import { appealFilterSchema } from '../../lib/domain/filters';
import {
  badInputOfDbError,
  dateTimeSchema,
  daySchema,
  idListSchema,
  idSchema,
  INT4_MAX,
  monthSchema,
  pathId,
  pathSegments,
  queryObject,
  textSchema,
} from '../../lib/domain/params';
import { geocodeQuerySchema, publicPointsQuerySchema } from '../../lib/points/query';
import { requestsQuerySchema } from '../../lib/serve/open311/queries';
import { drillQuerySchema } from '../../lib/store/appealDrill';

/* Security probe, finding 9: the request-parameter schemas refuse what used to reach PostgreSQL and fail there. */

const IMPOSSIBLE_DAYS = [
  '2024-02-30',
  '2023-02-29',
  '2024-04-31',
  '2024-13-01',
  '2024-00-10',
  '0000-01-01',
  '1899-12-31',
  '2101-01-01',
  '-1',
  '20240-01-01',
  '2024-1-1',
  ' 2024-01-01',
];
const NUL_AND_CONTROL = ['a\u0000b', '\u0000', 'a\u0001b', 'line\nbreak', 'esc\u001b[31m', 'del\u007f'];
const HUGE_IDS = [
  '99999999999999999999',
  '999999999999999999999',
  '2147483648',
  '0',
  '-1',
  '1e3',
  '0x10',
  ' 7',
  '7.0',
  '',
];

describe('days, months and date-times', () => {
  it.each(IMPOSSIBLE_DAYS)('refuses the day %j', (s) => {
    expect(daySchema.safeParse(s).success).toBe(false);
  });

  it.each(['2024-02-29', '1900-01-01', '2100-12-31', '2026-04-30'])('accepts the real day %s', (s) => {
    expect(daySchema.parse(s)).toBe(s);
  });

  it('months are YYYY-MM within the same years', () => {
    expect(monthSchema.safeParse('2025-03').success).toBe(true);
    for (const s of ['2025-13', '2025-00', '0000-01', '2025-3', '2025-03-01', '-1'])
      expect(monthSchema.safeParse(s).success, s).toBe(false);
  });

  it.each([
    ...IMPOSSIBLE_DAYS,
    '2024-02-30T10:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T10:60:00Z',
    '2024-01-01T10:00:00+25:00',
    'yesterday',
    '1700000000',
  ])('refuses the date-time %j', (s) => {
    expect(dateTimeSchema().safeParse(s).success).toBe(false);
  });

  it('a date-time becomes the instant it names', () => {
    const t = dateTimeSchema();
    expect(t.parse('2026-04-01T10:00:00Z')).toBe('2026-04-01T10:00:00.000Z');
    expect(t.parse('2026-04-01T10:00:00+05:00')).toBe('2026-04-01T05:00:00.000Z');
    expect(t.parse('2026-04-01')).toBe('2026-04-01T00:00:00.000Z');
    expect(t.parse('2024-02-29T23:59:59.5Z')).toBe('2024-02-29T23:59:59.500Z');
  });
});

describe('ids and text', () => {
  it.each(HUGE_IDS)('refuses the id %j', (s) => {
    expect(idSchema().safeParse(s).success).toBe(false);
  });

  it('accepts plain ids up to the bound, which may be larger for bigint ids', () => {
    expect(idSchema().parse('2147483647')).toBe(INT4_MAX);
    expect(idSchema(Number.MAX_SAFE_INTEGER).parse('2147483648')).toBe(2147483648);
    expect(idSchema(Number.MAX_SAFE_INTEGER).safeParse('9007199254740992').success).toBe(false);
    expect(idListSchema().parse('1,22,333')).toEqual([1, 22, 333]);
    for (const s of ['1,,2', '1,99999999999999999999', ',1', '1,2,3'.repeat(100)])
      expect(idListSchema(INT4_MAX, 10).safeParse(s).success, s).toBe(false);
  });

  it.each(NUL_AND_CONTROL)('text refuses control characters: %j', (s) => {
    expect(textSchema().safeParse(s).success).toBe(false);
  });

  it('text has a length cap and keeps ordinary Unicode', () => {
    expect(textSchema(10).safeParse('x'.repeat(11)).success).toBe(false);
    expect(textSchema().parse('Оренбург, ул. Советская 1 — «дом»')).toBe('Оренбург, ул. Советская 1 — «дом»');
  });
});

describe('every route schema refuses the probe inputs', () => {
  const routeSchemas = {
    appealFilter: { schema: appealFilterSchema, base: {}, dates: ['from', 'to'], texts: ['municipality'] },
    hexagons: { schema: hexagonQuerySchema, base: { res: '7' }, dates: ['from', 'to'], texts: ['municipality'] },
    hotspots: { schema: hotspotQuerySchema, base: {}, dates: ['from', 'to'], texts: ['municipality'] },
    drill: { schema: drillQuerySchema, base: { appeal: '1' }, dates: ['from', 'to'], texts: ['municipality', 'h3'] },
    publicHexagons: { schema: publicHexagonQuerySchema, base: { res: '4' }, dates: ['from', 'to'], texts: [] },
    open311: { schema: requestsQuerySchema, base: {}, dates: ['start_date', 'end_date'], texts: ['jurisdiction_id'] },
    geocode: { schema: geocodeQuerySchema, base: {}, dates: [], texts: ['q'] },
  } as const;

  for (const [name, { schema, base, dates, texts }] of Object.entries(routeSchemas)) {
    it(name, () => {
      expect(schema.safeParse(base).success, 'the base query is valid').toBe(true);
      for (const p of dates)
        for (const v of IMPOSSIBLE_DAYS) expect(schema.safeParse({ ...base, [p]: v }).success, `${p}=${v}`).toBe(false);
      for (const p of texts)
        for (const v of [...NUL_AND_CONTROL, 'x'.repeat(5000)])
          expect(schema.safeParse({ ...base, [p]: v }).success, `${p}=${JSON.stringify(v)}`).toBe(false);
    });
  }

  it('ids: public points, drill targets, Open311 request lists', () => {
    for (const v of HUGE_IDS) {
      expect(publicPointsQuerySchema.safeParse({ id: v }).success, `id=${v}`).toBe(false);
      expect(drillQuerySchema.safeParse({ segment: v }).success, `segment=${v}`).toBe(false);
      // Appeal ids are bigserial: above int4 is fine for them, past 2^53 is not.
      if (v !== '2147483648') expect(drillQuerySchema.safeParse({ appeal: v }).success, `appeal=${v}`).toBe(false);
    }
    expect(drillQuerySchema.parse({ appeal: '2147483648' }).appeal).toBe(2147483648);
    expect(requestsQuerySchema.safeParse({ service_request_id: '1,99999999999999999999' }).success).toBe(false);
    expect(requestsQuerySchema.parse({ service_request_id: '5,6' }).service_request_id).toEqual([5, 6]);
  });
});

describe('the raw query and path', () => {
  const bad = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as { code?: string }).code;
    }
    return 'accepted';
  };

  it('a query that is not UTF-8, or holds control characters or an overlong value, is a bad_argument', () => {
    for (const q of [
      'q=%C3%28',
      'q=%FF',
      '%FF=1',
      'q=a%00b',
      'q=%01',
      'a=1&q=%1B',
      'q=%EF%BF%BD',
      `q=${'x'.repeat(2001)}`,
    ]) {
      expect(
        bad(() => queryObject(new URL(`http://h/p?${q}`))),
        q,
      ).toBe('bad_argument');
    }
  });

  it('a good query keeps repeated keys as arrays and decodes + and UTF-8', () => {
    expect(queryObject(new URL('http://h/p?topic=roads&topic=waste&q=%D0%BE%D1%80+1&x=a%2Bb'))).toEqual({
      topic: ['roads', 'waste'],
      q: 'ор 1',
      x: 'a+b',
    });
  });

  it('path segments that do not decode are a bad_argument; ids in paths are bounded', () => {
    for (const p of ['/api/tiles/%FF/0/0/0.pbf', '/api/tiles/a/%C3%28/0/0', '/api/x/a%00b'])
      expect(
        bad(() => pathSegments(new URL(`http://h${p}`), 2)),
        p,
      ).toBe('bad_argument');
    expect(pathSegments(new URL('http://h/api/tiles/appeals/1/2/3.pbf'), 2)).toEqual(['appeals', '1', '2', '3.pbf']);
    for (const id of ['99999999999999999999', '2147483648', '0', '%C3%28', '1e3'])
      expect(
        bad(() => pathId(new URL(`http://h/api/roads/segments/${id}`), 'id')),
        id,
      ).toBe('bad_argument');
    expect(pathId(new URL('http://h/api/roads/segments/42'), 'id')).toBe(42);
  });
});

describe('database errors caused by bad input', () => {
  it.each(['22007', '22008', '22003', '22021', '22P02'])('SQLSTATE %s becomes a bad_argument', (code) => {
    const e = Object.assign(new Error('invalid input'), { code });
    expect(badInputOfDbError(e)?.code).toBe('bad_argument');
    expect(badInputOfDbError(e)?.httpStatus).toBe(400);
  });

  it.each(['23505', '42P01', '53300', '57014', undefined])('other errors (%s) stay unexpected', (code) => {
    expect(badInputOfDbError(Object.assign(new Error('x'), { code }))).toBeNull();
    expect(badInputOfDbError(null)).toBeNull();
  });
});
