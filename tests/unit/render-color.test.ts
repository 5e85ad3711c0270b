import { describe, expect, it } from 'vitest';
import { COUNT_RAMP, countBreaks, countColorExpression, legendClasses, rampColors } from '../../lib/render/colorScale';

describe('countBreaks', () => {
  it('spaces five classes geometrically up to the maximum, rounded to one significant digit', () => {
    expect(countBreaks(1000)).toEqual([1, 4, 20, 60, 300]);
  });

  it('spreads the classes between the smallest and the largest count on the map, still starting at 1', () => {
    expect(countBreaks(35_000, 5, 50)).toEqual([1, 200, 700, 3000, 9000]);
  });

  it('gives one class per value when the maximum is small', () => {
    expect(countBreaks(3)).toEqual([1, 2, 3]);
    expect(countBreaks(5)).toEqual([1, 2, 3, 4, 5]);
  });

  it('drops classes that would round to the same bound', () => {
    expect(countBreaks(7)).toEqual([1, 2, 3, 5]);
  });

  it('has a single class when there is no data', () => {
    expect(countBreaks(0)).toEqual([1]);
    expect(countBreaks(Number.NaN)).toEqual([1]);
  });
});

describe('legendClasses', () => {
  it('closes every class below the top one and colours them light to dark', () => {
    expect(legendClasses([1, 4, 20, 60, 300])).toEqual([
      { from: 1, to: 3, color: '#ffffb2' },
      { from: 4, to: 19, color: '#fecc5c' },
      { from: 20, to: 59, color: '#fd8d3c' },
      { from: 60, to: 299, color: '#f03b20' },
      { from: 300, to: null, color: '#bd0026' },
    ]);
  });

  it('spreads fewer classes over the whole ramp', () => {
    expect(rampColors(3)).toEqual(['#ffffb2', '#fd8d3c', '#bd0026']);
    expect(rampColors(1)).toEqual([COUNT_RAMP[4]]);
  });
});

describe('countColorExpression', () => {
  it('is a step expression on the count property', () => {
    expect(countColorExpression(legendClasses([1, 2, 3]))).toEqual([
      'step',
      ['get', 'count'],
      '#ffffb2',
      2,
      '#fd8d3c',
      3,
      '#bd0026',
    ]);
  });

  it('is a plain colour for a single class (step needs at least one stop)', () => {
    expect(countColorExpression(legendClasses([1]))).toBe('#bd0026');
  });
});
