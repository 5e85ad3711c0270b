import { describe, expect, it } from 'vitest';
import { appealFilterSchema } from '../../lib/domain/filters';
import { hexPolygon, parseTileCoord, tileBounds } from '../../lib/aggregate/tiles/geometry';
import { canonicalQuery, tileJson } from '../../lib/aggregate/tiles/tilejson';
import { padForCells } from '../../lib/aggregate/hexagons';
import { rollupParts } from '../../lib/aggregate/rollup';

describe('tile coordinates', () => {
  it('parses z/x/y.pbf and rejects what is out of range with the parameter named', () => {
    expect(parseTileCoord('10', '301', '385.pbf')).toEqual({ z: 10, x: 301, y: 385 });
    expect(() => parseTileCoord('17', '0', '0')).toThrow('z: expected an integer 0..16, got "17"');
    expect(() => parseTileCoord('2', '4', '0')).toThrow('x: expected an integer 0..3 at z 2, got "4"');
    expect(() => parseTileCoord('2', '1', '-1.pbf')).toThrow('y: expected an integer 0..3 at z 2, got "-1"');
    expect(() => parseTileCoord('a', '0', '0')).toThrow('z:');
  });

  it('tile bounds in degrees', () => {
    expect(tileBounds({ z: 0, x: 0, y: 0 }).map((v) => Math.round(v * 1e4) / 1e4)).toEqual([
      -180, -85.0511, 180, 85.0511,
    ]);
    expect(tileBounds({ z: 1, x: 1, y: 0 }).map((v) => Math.round(v * 1e4) / 1e4)).toEqual([0, 0, 180, 85.0511]);
    const [w, , e] = tileBounds({ z: 2, x: 1, y: 1 }, 0.5);
    expect([w, e]).toEqual([-135, 45]);
  });

  it('pads a box by three cell edges, more in longitude away from the equator', () => {
    expect(padForCells([10, 0, 11, 1], 7).map((v) => Math.round(v * 1e4) / 1e4)).toEqual([
      9.9619, -0.0381, 11.0381, 1.0381,
    ]);
    const [w, s] = padForCells([30, 60, 31, 61], 5);
    expect(Math.round((60 - s) * 1e4) / 1e4).toBe(0.2658);
    expect(Math.round((30 - w) * 1e4) / 1e4).toBe(0.5483); // 0.2658 / cos(61°)
  });
});

describe('hexagon polygons', () => {
  it('closes the ring with the cell boundary from h3-js', () => {
    const p = hexPolygon('872a100e4ffffff');
    expect(p.coordinates[0]).toHaveLength(7);
    expect(p.coordinates[0][0]).toEqual(p.coordinates[0][6]);
  });

  it('keeps a cell on the antimeridian continuous, on the side of the tile', () => {
    const cell = '870d9eccaffffff'; // Chukotka at 65° N: h3-js gives longitudes 179.95 … -179.998
    const east = hexPolygon(cell, 179.9).coordinates[0].map((c) => c[0]);
    const west = hexPolygon(cell, -179.9).coordinates[0].map((c) => c[0]);
    expect(Math.max(...east) - Math.min(...east)).toBeLessThan(1);
    expect(Math.max(...west) - Math.min(...west)).toBeLessThan(1);
    expect(Math.min(...east)).toBeCloseTo(179.949, 3);
    expect(Math.max(...east)).toBeCloseTo(180.0097, 3);
    expect(Math.max(...west)).toBeCloseTo(-179.9903, 3);
    expect(Math.min(...west)).toBeCloseTo(-180.051, 3);
  });
});

describe('TileJSON', () => {
  it('one query string per filter, whatever the order given', () => {
    const a = appealFilterSchema.parse({
      topic: 'roads,housing',
      to: '2025-01-31',
      from: '2025-01-01',
      status: ['new'],
    });
    const b = appealFilterSchema.parse({ status: 'new', from: '2025-01-01', to: '2025-01-31', topic: 'housing,roads' });
    expect(canonicalQuery(a)).toBe('topic=housing%2Croads&status=new&from=2025-01-01&to=2025-01-31&gratitude=exclude');
    expect(canonicalQuery(b)).toBe(canonicalQuery(a));
  });

  it('describes the layer, clamps bounds to Web Mercator', () => {
    const tj = tileJson('appeals', appealFilterSchema.parse({ gratitude: 'exclude' }), [19.6, -90, 190, 82]);
    expect(tj).toMatchObject({
      tilejson: '3.0.0',
      minzoom: 0,
      maxzoom: 16,
      bounds: [19.6, -85.0511, 180, 82],
      tiles: ['/api/tiles/appeals/{z}/{x}/{y}.pbf?gratitude=exclude'],
    });
    expect(Object.keys(tj.vector_layers[0].fields)).toEqual([
      'h3',
      'count',
      'id',
      'topic',
      'status',
      'channel',
      'created_at',
      'is_gratitude',
      'problem_id',
    ]);
    expect(tileJson('roads', appealFilterSchema.parse({}), null).minzoom).toBe(8);
  });
});

describe('rollup periods', () => {
  const parts = (o: Record<string, string>) =>
    rollupParts(appealFilterSchema.parse(o)).map((p) => [p.table, p.filter.from, p.filter.to]);

  it('whole months from the monthly table, the days at either end from the appeals', () => {
    expect(parts({ from: '2025-01-15', to: '2025-04-10' })).toEqual([
      ['appeal_rollup_month', '2025-02-01', '2025-03-31'],
      ['appeals', '2025-01-15', '2025-01-31'],
      ['appeals', '2025-04-01', '2025-04-10'],
    ]);
    expect(parts({ from: '2024-02-01', to: '2024-02-29' })).toEqual([
      ['appeal_rollup_month', '2024-02-01', '2024-02-29'],
    ]);
    expect(parts({})).toEqual([['appeal_rollup_month', undefined, undefined]]);
    expect(parts({ to: '2025-12-30' })).toEqual([
      ['appeal_rollup_month', undefined, '2025-11-30'],
      ['appeals', '2025-12-01', '2025-12-30'],
    ]);
    expect(parts({ from: '2025-12-31' })).toEqual([
      ['appeal_rollup_month', '2026-01-01', undefined],
      ['appeals', '2025-12-31', '2025-12-31'],
    ]);
  });

  it('a period inside one month, or empty, reads the appeals only', () => {
    expect(parts({ from: '2025-03-03', to: '2025-03-09' })).toEqual([['appeals', '2025-03-03', '2025-03-09']]);
    expect(parts({ from: '2025-03-20', to: '2025-04-05' })).toEqual([['appeals', '2025-03-20', '2025-04-05']]);
    expect(parts({ from: '2025-05-01', to: '2025-04-30' })).toEqual([['appeals', '2025-05-01', '2025-04-30']]);
  });
});
