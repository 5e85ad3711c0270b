import { describe, expect, it } from 'vitest';
import { isInDoubt, percentText, topChoices, withDoubt } from '../../lib/enrich/topicDoubt';

describe('isInDoubt', () => {
  it("flags only the machine's own topics below the threshold", () => {
    expect(isInDoubt({ topicManual: false, topicConfidence: 0.35 }, 0.6)).toBe(true);
    expect(isInDoubt({ topicManual: false, topicConfidence: 0.59 }, 0.6)).toBe(true);
    expect(isInDoubt({ topicManual: false, topicConfidence: 0.6 }, 0.6)).toBe(false);
    expect(isInDoubt({ topicManual: false, topicConfidence: 0.99 }, 0.6)).toBe(false);
  });

  it('never flags a topic a person chose or the source gave', () => {
    expect(isInDoubt({ topicManual: true, topicConfidence: 0.1 }, 0.6)).toBe(false);
    expect(isInDoubt({ topicManual: true, topicConfidence: 1 }, 0.6)).toBe(false);
    // Confidence 1 is the source's topic even when the threshold is set to 1.
    expect(isInDoubt({ topicManual: false, topicConfidence: 1 }, 1)).toBe(false);
    expect(isInDoubt({ topicManual: false, topicConfidence: 0.99 }, 1)).toBe(true);
  });

  it('counts a missing confidence as 0, and threshold 0 turns the prompt off', () => {
    expect(isInDoubt({ topicManual: false, topicConfidence: null }, 0.6)).toBe(true);
    expect(isInDoubt({ topicManual: false, topicConfidence: 0 }, 0)).toBe(false);
    expect(isInDoubt({ topicManual: false, topicConfidence: null }, 0)).toBe(false);
  });
});

describe('topChoices', () => {
  it('sorts best first and keeps three', () => {
    expect(
      topChoices([
        { topic: 'improvement', p: 0.31 },
        { topic: 'roads', p: 0.48 },
        { topic: 'other', p: 0.02 },
        { topic: 'housing', p: 0.12 },
      ]),
    ).toEqual([
      { topic: 'roads', p: 0.48 },
      { topic: 'improvement', p: 0.31 },
      { topic: 'housing', p: 0.12 },
    ]);
  });

  it('drops unknown topics and non-numbers, keeps each topic once at its highest p, clamps p to 0..1', () => {
    expect(
      topChoices([
        { topic: 'potholes', p: 0.9 },
        { topic: 'roads', p: 0.2 },
        { topic: 'roads', p: 0.4 },
        { topic: 'waste', p: Number.NaN },
        { topic: 'health', p: 1.3 },
        { topic: 'energy', p: -0.1 },
      ]),
    ).toEqual([
      { topic: 'health', p: 1 },
      { topic: 'roads', p: 0.4 },
      { topic: 'energy', p: 0 },
    ]);
  });

  it('returns fewer when the classifier gave fewer (a text without evidence)', () => {
    expect(topChoices([{ topic: 'other', p: 0 }])).toEqual([{ topic: 'other', p: 0 }]);
    expect(topChoices([])).toEqual([]);
  });
});

describe('withDoubt', () => {
  const rows = [
    { id: 1, text: 'яма', topicManual: false, topicConfidence: 0.4 },
    { id: 2, text: 'мусор', topicManual: false, topicConfidence: 0.95 },
    { id: 3, text: 'свет', topicManual: true, topicConfidence: 1 },
  ];

  it('ranks only the rows in doubt and keeps every other field', () => {
    const asked: (string | null)[] = [];
    const out = withDoubt(rows, 0.6, (t) => {
      asked.push(t);
      return [
        { topic: 'improvement', p: 0.3 },
        { topic: 'roads', p: 0.45 },
      ];
    });
    expect(asked).toEqual(['яма']);
    expect(out).toEqual([
      {
        id: 1,
        text: 'яма',
        topicManual: false,
        topicConfidence: 0.4,
        doubt: true,
        top: [
          { topic: 'roads', p: 0.45 },
          { topic: 'improvement', p: 0.3 },
        ],
      },
      { id: 2, text: 'мусор', topicManual: false, topicConfidence: 0.95, doubt: false, top: null },
      { id: 3, text: 'свет', topicManual: true, topicConfidence: 1, doubt: false, top: null },
    ]);
  });
});

describe('percentText', () => {
  it('rounds to whole percent with a space before the sign', () => {
    expect(percentText(0.48)).toBe('48 %');
    expect(percentText(0.125)).toBe('13 %');
    expect(percentText(0)).toBe('0 %');
    expect(percentText(1.2)).toBe('100 %');
  });
});
