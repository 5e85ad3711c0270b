import { describe, expect, it } from 'vitest';
import { BAND_COLORS, scoreBands } from '../../lib/roads/bands';

describe('roads map colour bands by quantiles', () => {
  it('gives 0 its own grey band and splits positive scores at their quartiles', () => {
    // Positive scores 1..5: their quartiles are 2, 3 and 4.
    const scores = [0, 0, 0, 5, 1, 4, 2, 3];
    const bands = scoreBands(scores);
    expect(bands.map((b) => b.from)).toEqual([0, 1e-9, 2, 3, 4]);
    expect(bands.map((b) => b.color)).toEqual([...BAND_COLORS]);
    expect(bands.map((b) => b.label)).toEqual(['0 (нет жалоб)', 'до 2', '2–3', '3–4', '4 и выше']);
  });

  it('separates scores that cluster together where fixed 20-point bands would paint them all alike', () => {
    const scores = [10.1, 10.4, 11.2, 11.9, 12.5, 13.3, 14.8, 15.6];
    const bands = scoreBands(scores);
    const colorOf = (x: number) => [...bands].reverse().find((b) => x >= b.from)!.color;
    expect(new Set(scores.map(colorOf)).size).toBe(4);
    expect(bands.find((b) => b.label.includes(','))?.label).toMatch(/\d,\d/); // ru-RU decimals
  });

  it('merges equal breaks, so few distinct scores give fewer bands, the last one the darkest', () => {
    expect(scoreBands([5, 5, 5, 5]).map((b) => b.label)).toEqual(['0 (нет жалоб)', 'больше 0']);
    expect(scoreBands([5, 5, 5, 5])[1].color).toBe(BAND_COLORS[4]);
    expect(scoreBands([]).length).toBe(1);
    expect(scoreBands([0, Number.NaN]).length).toBe(1);
  });
});
