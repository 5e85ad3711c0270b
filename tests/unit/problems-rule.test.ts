import { describe, expect, it } from 'vitest';
import { assignProblems, samePair, type CandidatePair, type ProblemRule } from '../../lib/enrich/problems/rule';
import { problemTerms, termSimilarity } from '../../lib/enrich/problems/similarity';

const RULE: ProblemRule = { distanceM: 150, windowDays: 14, minSimilarity: 0.2 };

describe('problem terms and similarity', () => {
  it('stems the text and leaves out the words of the address', () => {
    expect(
      [...problemTerms('Огромная яма на дороге по улице Ленина', 'г. Оренбург, ул. Ленина, 5', null)].sort(),
    ).toEqual(['дорог', 'огромн', 'улиц', 'ям']);
  });

  it('scores one pothole told three ways above the threshold, unrelated texts below', () => {
    const social = problemTerms('Огромная яма на дороге, уже второй день объезжаем, пробил колесо!', null, null);
    const pos = problemTerms('Просим отремонтировать дорогу: яма на проезжей части', null, null);
    const hotline = problemTerms('Житель сообщает о яме на дороге, пробил колесо', null, null);
    const light = problemTerms('Не работает светофор на перекрёстке', null, null);
    expect(termSimilarity(social, hotline)).toBeCloseTo(4 / Math.sqrt(8 * 6), 6); // яма, дорог, пробил, колес
    expect(termSimilarity(social, pos)).toBeGreaterThanOrEqual(0.2);
    expect(termSimilarity(pos, hotline)).toBeGreaterThanOrEqual(0.2);
    expect(termSimilarity(social, light)).toBe(0);
  });

  it('is 0 when either side has no words and 1 for the same words', () => {
    expect(termSimilarity(new Set(), new Set(['ям']))).toBe(0);
    expect(termSimilarity(new Set(['ям', 'дорог']), new Set(['дорог', 'ям']))).toBe(1);
  });
});

const pair = (
  appeal: number,
  other: number,
  otherProblem: number | null,
  over: Partial<CandidatePair> = {},
): CandidatePair => ({
  appeal,
  other,
  otherProblem,
  topicsEqual: true,
  distanceM: 40,
  days: 3,
  similarity: 0.5,
  ...over,
});

describe('the decision rule', () => {
  it('needs the same topic, distance, time window and similarity, each inclusive of its threshold', () => {
    const ok = { topicsEqual: true, distanceM: 150, days: -14, similarity: 0.2 };
    expect(samePair(ok, RULE)).toBe(true);
    expect(samePair({ ...ok, topicsEqual: false }, RULE)).toBe(false);
    expect(samePair({ ...ok, distanceM: 150.5 }, RULE)).toBe(false);
    expect(samePair({ ...ok, days: 14.01 }, RULE)).toBe(false);
    expect(samePair({ ...ok, similarity: 0.19 }, RULE)).toBe(false);
  });

  it('chains new appeals in order: the first starts a group, later ones join it', () => {
    const a = assignProblems([1, 2, 3], [pair(2, 1, null), pair(3, 2, null, { similarity: 0.3 })], RULE);
    expect([...a.entries()]).toEqual([
      [1, { kind: 'new', leader: 1 }],
      [2, { kind: 'new', leader: 1 }],
      [3, { kind: 'new', leader: 1 }],
    ]);
  });

  it('joins the most similar match, an existing problem winning a tie', () => {
    const a = assignProblems(
      [10, 20, 21],
      [
        pair(10, 500, 7, { similarity: 0.3 }),
        pair(10, 501, 8, { similarity: 0.6 }),
        pair(21, 20, null, { similarity: 0.4 }),
        pair(21, 600, 9, { similarity: 0.4 }),
      ],
      RULE,
    );
    expect(a.get(10)).toEqual({ kind: 'problem', id: 8 });
    expect(a.get(20)).toEqual({ kind: 'new', leader: 20 });
    expect(a.get(21)).toEqual({ kind: 'problem', id: 9 });
  });

  it('keeps apart appeals whose only pairs fail the rule', () => {
    const a = assignProblems(
      [1, 2, 3],
      [
        pair(2, 1, null, { similarity: 0.1 }),
        pair(3, 1, null, { topicsEqual: false }),
        pair(3, 2, null, { distanceM: 400 }),
      ],
      RULE,
    );
    expect([...a.values()]).toEqual([
      { kind: 'new', leader: 1 },
      { kind: 'new', leader: 2 },
      { kind: 'new', leader: 3 },
    ]);
  });
});
