import { describe, expect, it } from 'vitest';
import { heatPoints } from '../../lib/render/layerStyles';
import { sparklinePoints, trendSeries } from '../../lib/render/sparkline';

describe('heatPoints', () => {
  it('puts each cell at its centre weighted by the root of its share of the largest cell', () => {
    const fc = heatPoints([
      { h3: '872126972ffffff', count: 8 },
      { h3: '872126940ffffff', count: 2 },
      { h3: 'not-a-cell', count: 5 },
      { h3: '872126973ffffff', count: 0 },
    ]);
    expect(fc.features.map((f) => f.properties)).toEqual([
      { count: 8, w: 1 },
      { count: 2, w: 0.5 },
    ]);
    const [lon, lat] = fc.features[0].geometry.coordinates;
    expect(lon).toBeCloseTo(55.1, 1);
    expect(lat).toBeCloseTo(51.77, 1);
  });
});

describe('trend chart', () => {
  it('fills missing weeks with zeros', () => {
    const { weeks, series } = trendSeries([
      { week: '2025-01-13', topic: 'roads', count: 4 },
      { week: '2025-01-06', topic: 'roads', count: 2 },
      { week: '2025-01-13', topic: 'housing', count: 1 },
    ]);
    expect(weeks).toEqual(['2025-01-06', '2025-01-13']);
    expect(Object.fromEntries(series)).toEqual({ roads: [2, 4], housing: [0, 1] });
  });

  it('scales the values into the box, top = max', () => {
    expect(sparklinePoints([0, 5, 10], 100, 22)).toBe('0,21 50,11 100,1');
    expect(sparklinePoints([3], 100, 22, 6)).toBe('0,11 100,11');
    expect(sparklinePoints([], 100, 22)).toBe('');
  });
});
