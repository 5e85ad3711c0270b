import { describe, expect, it } from 'vitest';
import {
  ADDRESS_STAGE_RULES,
  APPEAL_STAGE_RULES,
  flat2d,
  geometryProblem,
  PLAN_STAGE_RULES,
  POINT_STAGE_RULES,
  ROAD_STAGE_RULES,
  stageProblem,
  valueProblem,
  type StageRules,
} from '../../lib/ingest/constraints';
import { guardRecord, MAX_DEPTH, withoutLoneSurrogates } from '../../lib/ingest/readers/guard';
import { hasEndRecord } from '../../lib/ingest/roads/shapefile';
import { ADDRESS_STAGE_COLUMNS } from '../../db/merge/addresses';
import { STAGE_COLUMNS } from '../../db/merge/appeals';
import { PLAN_STAGE_COLUMNS } from '../../db/merge/plans';
import { POINT_STAGE_COLUMNS } from '../../db/merge/points';
import { ROAD_STAGE_COLUMNS } from '../../db/merge/roads';

describe('staging rules (lib/ingest/constraints.ts)', () => {
  it.each([
    ['appeal_stage', STAGE_COLUMNS, APPEAL_STAGE_RULES],
    ['point_stage', POINT_STAGE_COLUMNS, POINT_STAGE_RULES],
    ['road_import_stage', ROAD_STAGE_COLUMNS, ROAD_STAGE_RULES],
    ['plan_import_stage', PLAN_STAGE_COLUMNS, PLAN_STAGE_RULES],
    ['address_stage', ADDRESS_STAGE_COLUMNS, ADDRESS_STAGE_RULES],
  ] as [string, readonly string[], StageRules][])(
    '%s: every column has a rule and every rule a column',
    (_t, cols, rules) => {
      expect([...cols].sort()).toEqual(Object.keys(rules).sort());
    },
  );

  it('an unknown column is a programming error, not a reject', () => {
    expect(() => stageProblem({}, ['x'], ['1'])).toThrow(/no constraint rule for staging column "x"/);
  });

  it('text: required, CHECK lists, NUL, key size in bytes (not characters)', () => {
    const channel = APPEAL_STAGE_RULES.channel!;
    expect(valueProblem(channel, '')).toBe('field "channel": the value is empty');
    expect(valueProblem(channel, 'pigeon')).toMatch(/"pigeon" is not one of social, pos, portal/);
    expect(valueProblem(channel, 'hotline')).toBeUndefined();
    expect(valueProblem(APPEAL_STAGE_RULES.text!, 'a\u0000b')).toMatch(/NUL byte/);
    const id = APPEAL_STAGE_RULES.external_id!;
    expect(valueProblem(id, 'z'.repeat(1000))).toBeUndefined();
    expect(valueProblem(id, 'z'.repeat(1001))).toMatch(/1,001 bytes, more than the 1,000/);
    // 600 Cyrillic letters are 1,200 bytes.
    expect(valueProblem(id, 'я'.repeat(600))).toMatch(/1,200 bytes/);
    expect(valueProblem(ADDRESS_STAGE_RULES.street_type!, '')).toBeUndefined();
  });

  it('json: \\u0000 and unpaired surrogate escapes, not an escaped backslash before them', () => {
    const raw = APPEAL_STAGE_RULES.raw!;
    expect(valueProblem(raw, JSON.stringify({ a: 'x\u0000' }))).toMatch(
      /the row holds a NUL byte or an unpaired UTF-16 surrogate/,
    );
    expect(valueProblem(raw, JSON.stringify({ a: 'x\ud800' }))).toMatch(/unpaired/);
    expect(valueProblem(raw, JSON.stringify({ a: 'x\udc00y' }))).toMatch(/unpaired/);
    expect(valueProblem(raw, JSON.stringify({ a: '😀 \\u0000 \\ud800', b: '\u0001' }))).toBeUndefined();
  });

  it('timestamps and dates: four-digit years from 1900', () => {
    const closed = APPEAL_STAGE_RULES.closed_at!;
    expect(valueProblem(closed, new Date('2024-03-01T00:00:00Z').toISOString())).toBeUndefined();
    expect(valueProblem(closed, new Date(Date.UTC(10000, 0, 1)).toISOString())).toMatch(/cannot be stored/);
    expect(valueProblem(closed, new Date(Date.UTC(-1, 0, 1)).toISOString())).toMatch(/cannot be stored/);
    expect(valueProblem(closed, '0201-05-03T00:00:00.000Z')).toBe(
      'field "closed_at": the date is in the year 0201, before 1900 (a typo?)',
    );
    expect(valueProblem(PLAN_STAGE_RULES.completed_at!, '1899-12-31')).toMatch(/before 1900/);
  });

  it('numbers: finite, whole for int, in range', () => {
    expect(valueProblem(ADDRESS_STAGE_RULES.house_num!, 2_147_483_648)).toMatch(/outside/);
    expect(valueProblem(PLAN_STAGE_RULES.year!, 2024.5)).toMatch(/not a whole number/);
    expect(valueProblem(APPEAL_STAGE_RULES.lat!, Number.NaN)).toMatch(/not a finite number/);
    expect(valueProblem(APPEAL_STAGE_RULES.lat!, '')).toBeUndefined();
    expect(valueProblem(POINT_STAGE_RULES.lat!, '')).toMatch(/empty/);
  });
});

describe('geometry', () => {
  it('flat2d keeps type and coordinates only, every position cut to [lon, lat]', () => {
    expect(
      flat2d({
        type: 'LineString',
        coordinates: [
          [1, 2, 3],
          [4, 5],
        ],
        crs: { x: 1 },
      } as never),
    ).toEqual({
      type: 'LineString',
      coordinates: [
        [1, 2],
        [4, 5],
      ],
    });
    expect(flat2d({ type: 'Point', coordinates: [1, 2, 3, 4] })).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(flat2d(null)).toBeNull();
  });

  it.each([
    [{ type: 'Point', coordinates: [37, 55] }, undefined],
    [{ type: 'Point', coordinates: [] }, 'invalid geometry: the point is not [lon, lat] in range'],
    [{ type: 'LineString', coordinates: [[37, 55]] }, 'invalid geometry: a line has fewer than two positions'],
    [
      {
        type: 'LineString',
        coordinates: [
          [37, 55],
          [37, 95],
        ],
      },
      'invalid geometry: a position is not [lon, lat] in range',
    ],
    [{ type: 'MultiLineString', coordinates: [] }, 'invalid geometry: no lines'],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 1],
          ],
        ],
      },
      'invalid geometry: a ring has 3 positions (at least 4 are needed)',
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
      'invalid geometry: a ring is not closed (first and last positions differ)',
    ],
    [
      { type: 'GeometryCollection', geometries: [] },
      'invalid geometry: expected a LineString, MultiLineString or Point, got GeometryCollection',
    ],
    [7, 'invalid geometry: not a GeoJSON geometry'],
  ])('%j → %s', (g, why) => {
    const types =
      (g as { type?: string })?.type === 'Polygon' ? ['Polygon'] : ['LineString', 'MultiLineString', 'Point'];
    expect(geometryProblem(g, types)).toBe(why);
  });
});

describe('the reader guard repairs unpaired surrogates', () => {
  it('in values and keys, nested too; a record without one is returned as it was', () => {
    const rec = { row: 1, values: { a: 'x\ud83d', 'k\udc00': { n: ['\ud800y'] }, ok: '😀' } };
    expect(withoutLoneSurrogates(rec).values).toEqual({ a: 'x\ufffd', 'k\ufffd': { n: ['\ufffdy'] }, ok: '😀' });
    const clean = { row: 2, values: { a: '😀 ok' } };
    expect(withoutLoneSurrogates(clean)).toBe(clean);
  });
});

describe('structures that would hang or overflow', () => {
  it('a value nested deeper than MAX_DEPTH rejects its row, its values replaced before anything walks them', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 50_000; i++) deep = [deep];
    const g = guardRecord({ row: 1, values: { id: 'a', x: deep } }, 10_000);
    expect(g.problem).toBe(`column "x": the value is nested more than ${MAX_DEPTH} levels deep`);
    expect(g.values).toEqual({ id: 'a', x: `[nested more than ${MAX_DEPTH} levels]` });
    let ok: unknown = 1;
    for (let i = 0; i < MAX_DEPTH; i++) ok = { a: ok };
    expect(guardRecord({ row: 2, values: { x: ok } }, 10_000).problem).toBeUndefined();
  });

  it('a zip without its end-of-archive record is told apart before the unzipper searches for it forever', () => {
    const eocd = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
    expect(hasEndRecord(Buffer.concat([Buffer.from('PK\x03\x04 data'), eocd]))).toBe(true);
    expect(hasEndRecord(Buffer.from('PK\x03\x04 a zip cut short'))).toBe(false);
    expect(hasEndRecord(Buffer.alloc(0))).toBe(false);
  });
});
