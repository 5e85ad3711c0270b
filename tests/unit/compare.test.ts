import { describe, expect, it } from 'vitest';
import {
  cellDifference,
  defaultComparison,
  diffColorExpression,
  diffFeatureCollection,
  diffSummary,
  divergingClasses,
} from '../../lib/render/compare';

const A = '872126972ffffff';
const B = '872126940ffffff';
const C = '872126973ffffff';

describe('cellDifference', () => {
  it('subtracts period A from period B over the union of cells', () => {
    const diff = cellDifference(
      [
        { h3: A, count: 10 },
        { h3: B, count: 4 },
      ],
      [
        { h3: A, count: 3 },
        { h3: C, count: 7 },
      ],
    );
    expect(diff).toEqual([
      { h3: B, a: 4, b: 0, diff: -4 },
      { h3: A, a: 10, b: 3, diff: -7 },
      { h3: C, a: 0, b: 7, diff: 7 },
    ]);
    expect(diffSummary(diff)).toEqual({ totalA: 14, totalB: 10, increased: 1, decreased: 2, unchanged: 0, maxAbs: 7 });
  });

  it('keeps unchanged cells and handles empty periods', () => {
    expect(cellDifference([{ h3: A, count: 5 }], [{ h3: A, count: 5 }])).toEqual([{ h3: A, a: 5, b: 5, diff: 0 }]);
    expect(cellDifference([], [])).toEqual([]);
    expect(diffSummary([])).toEqual({ totalA: 0, totalB: 0, increased: 0, decreased: 0, unchanged: 0, maxAbs: 0 });
  });
});

describe('divergingClasses', () => {
  it('mirrors the increase classes for decreases around a neutral zero', () => {
    expect(divergingClasses(100)).toEqual([
      { from: null, to: -20, color: '#2166ac' },
      { from: -19, to: -5, color: '#67a9cf' },
      { from: -4, to: -1, color: '#d1e5f0' },
      { from: 0, to: 0, color: '#f7f7f7' },
      { from: 1, to: 4, color: '#fddbc7' },
      { from: 5, to: 19, color: '#ef8a62' },
      { from: 20, to: null, color: '#b2182b' },
    ]);
  });

  it('uses fewer classes for small changes and only the neutral class for none', () => {
    expect(divergingClasses(2)).toEqual([
      { from: null, to: -2, color: '#2166ac' },
      { from: -1, to: -1, color: '#d1e5f0' },
      { from: 0, to: 0, color: '#f7f7f7' },
      { from: 1, to: 1, color: '#fddbc7' },
      { from: 2, to: null, color: '#b2182b' },
    ]);
    expect(divergingClasses(0)).toEqual([{ from: 0, to: 0, color: '#f7f7f7' }]);
  });

  it('becomes a step expression over diff that puts each integer in its class', () => {
    const expr = diffColorExpression(divergingClasses(100));
    expect(expr).toEqual([
      'step',
      ['get', 'diff'],
      '#2166ac',
      -19,
      '#67a9cf',
      -4,
      '#d1e5f0',
      0,
      '#f7f7f7',
      1,
      '#fddbc7',
      5,
      '#ef8a62',
      20,
      '#b2182b',
    ]);
    expect(diffColorExpression(divergingClasses(0))).toBe('#f7f7f7');
  });
});

describe('diffFeatureCollection', () => {
  it('makes closed hexagon polygons carrying the counts', () => {
    const fc = diffFeatureCollection([{ h3: A, a: 1, b: 3, diff: 2 }]);
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0].properties).toEqual({ h3: A, a: 1, b: 3, diff: 2 });
    const ring = fc.features[0].geometry.coordinates[0];
    expect(ring).toHaveLength(7);
    expect(ring[0]).toEqual(ring[6]);
  });
});

describe('defaultComparison', () => {
  it('compares with the period of the same length just before', () => {
    expect(defaultComparison({ from: '2025-04-01', to: '2025-06-30' }, '2024-01-01')).toEqual({
      a: { from: '2024-12-31', to: '2025-03-31' },
      b: { from: '2025-04-01', to: '2025-06-30' },
    });
  });

  it('halves the range when nothing lies before it', () => {
    expect(defaultComparison({ from: '2025-01-01', to: '2025-01-10' }, '2025-01-01')).toEqual({
      a: { from: '2025-01-01', to: '2025-01-05' },
      b: { from: '2025-01-06', to: '2025-01-10' },
    });
  });
});
