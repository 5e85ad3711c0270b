import { gridDisk, gridDistance, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../lib/aggregate/hotspots/fdr';
import { giStar, neighbourIndex, studyArea } from '../../lib/aggregate/hotspots/getisOrd';
import { hotspotLabel } from '../../lib/aggregate/hotspots/label';
import { mannKendall, senSlope } from '../../lib/aggregate/hotspots/mannKendall';
import { twoSidedP } from '../../lib/aggregate/hotspots/normal';

const ORENBURG = latLngToCell(51.7682, 55.0969, 7);

describe('two-sided normal p', () => {
  it('matches erfc(|z|/√2) in the centre and far in the tail', () => {
    expect(twoSidedP(0)).toBe(1);
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 6);
    expect(twoSidedP(-1.959963984540054)).toBeCloseTo(0.05, 6);
    // erfc(5/√2) = 5.733031437583892e-7: relative error under 1e-6
    expect(Math.abs(twoSidedP(5) / 5.733031437583892e-7 - 1)).toBeLessThan(1e-6);
    expect(twoSidedP(Number.NaN)).toBe(1);
  });
});

describe('Getis–Ord Gi*', () => {
  it('a line of five values, hand-computed: z = 6/√15', () => {
    // x = 1,2,3,4,10: X̄ = 4, S = √(50/5) = √10. Cell 4 with neighbour 3: W = 2, Σx = 14,
    // Gi* = (14 − 4·2) / (√10 · √((5·2 − 4)/4)) = 6/√15 = 1.5491933…, p = 0.1213352…
    const [, , , , last] = giStar(
      [1, 2, 3, 4, 10],
      [
        [0, 1],
        [0, 1, 2],
        [1, 2, 3],
        [2, 3, 4],
        [3, 4],
      ],
    );
    expect(last.z).toBeCloseTo(1.5491933384829668, 10);
    expect(last.p).toBeCloseTo(0.12133525035848217, 6);
  });

  it('on H3: a cell of 10 with a ring of 5s inside a ring of zeros', () => {
    const area = gridDisk(ORENBURG, 2);
    expect(area).toHaveLength(19);
    const x = area.map((c) => [10, 5, 0][gridDistance(ORENBURG, c)]);
    const nb = neighbourIndex(area);
    const g = giStar(x, nb);
    // n = 19, X̄ = 40/19, S = 2.95394…; centre: W = 7, Σx = 40 → 3.9589732744…
    const centre = area.indexOf(ORENBURG);
    expect(nb[centre]).toHaveLength(7);
    expect(g[centre].z).toBeCloseTo(3.9589732744431476, 10);
    expect(g[centre].p).toBeCloseTo(7.527265841737778e-5, 9);
    // a ring-1 cell: W = 7 (itself, the centre, two ring-1 and three ring-2 cells), Σx = 25 → 1.6083328927…
    const ring1 = area.findIndex((c) => gridDistance(ORENBURG, c) === 1);
    expect(g[ring1].z).toBeCloseTo(1.6083328927425289, 10);
    // ring-2 cells see 4 (corner: Σx = 5) or 5 (edge: Σx = 10) cells of the area
    const outer = area
      .map((c, i) => ({ d: gridDistance(ORENBURG, c), w: nb[i].length, z: g[i].z }))
      .filter((r) => r.d === 2);
    expect(outer.filter((r) => r.w === 4).map((r) => r.z)).toEqual(
      Array(6).fill(expect.closeTo(-0.6343350474165464, 10)),
    );
    expect(outer.filter((r) => r.w === 5).map((r) => r.z)).toEqual(
      Array(6).fill(expect.closeTo(-0.09035079029052495, 10)),
    );
  });

  it('is 0 with p 1 where every value is the same', () => {
    expect(
      giStar(
        [3, 3, 3],
        [
          [0, 1],
          [0, 1, 2],
          [1, 2],
        ],
      ),
    ).toEqual([
      { z: 0, p: 1 },
      { z: 0, p: 1 },
      { z: 0, p: 1 },
    ]);
  });

  it('the study area is the occupied cells and their ring', () => {
    expect(studyArea([ORENBURG])).toEqual([...gridDisk(ORENBURG, 1)].sort());
    const far = latLngToCell(51.2, 58.5, 7); // Orsk: no shared ring
    expect(studyArea([ORENBURG, far])).toHaveLength(14);
  });
});

describe('Mann–Kendall', () => {
  it('a series with ties, worked by hand: S = 7, Var(S) = 474/18, z = 6/√Var', () => {
    // pairs: 1→(2,2,3,1,4) +4; 2→(2,3,1,4) +1; 2→(3,1,4) +1; 3→(1,4) 0; 1→(4) +1 ⇒ S = 7
    // Var = [6·5·17 − 2·(2·1·9)] / 18 = (510 − 36)/18; z = (7 − 1)/√Var = 1.1692256…
    const r = mannKendall([1, 2, 2, 3, 1, 4]);
    expect(r.s).toBe(7);
    expect(r.varS).toBeCloseTo(26.333333333333332, 10);
    expect(r.z).toBeCloseTo(1.1692256444309357, 10);
    expect(r.p).toBeCloseTo(0.24231273167227863, 6);
  });

  it('a strictly increasing series of ten: S = 45, Var = 125, z = 44/√125', () => {
    const r = mannKendall([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r).toEqual({
      s: 45,
      varS: 125,
      z: expect.closeTo(3.9354796403996297, 10),
      p: expect.closeTo(8.303070332644999e-5, 9),
    });
    expect(mannKendall([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]).z).toBeCloseTo(-3.9354796403996297, 10);
  });

  it('a constant series has no trend', () => {
    expect(mannKendall([2, 2, 2, 2])).toEqual({ s: 0, varS: 0, z: 0, p: 1 });
  });

  it("Sen's slope is the median pairwise slope", () => {
    // slopes of [1, 3, 2, 6]: 2, 0.5, 5/3, −1, 1.5, 4 → median of (−1, 0.5, 1.5, 5/3, 2, 4) = (1.5 + 5/3)/2
    expect(senSlope([1, 3, 2, 6])).toBeCloseTo(19 / 12, 12);
  });
});

describe('Benjamini–Hochberg', () => {
  it('adjusts in input order with the step-up minimum', () => {
    // sorted .005 .01 .03 .04 → ·4/k: .02 .02 .04 .04
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    expect(q.map((v) => Number(v.toFixed(10)))).toEqual([0.02, 0.04, 0.04, 0.02]);
    expect(benjaminiHochberg([0.9, 0.8])).toEqual([0.9, 0.9]);
  });
});

describe('the labelling rule', () => {
  const F = false;
  const T = true;
  it.each([
    [{ periods: [F, F, F, T], overall: F, trend: 'up' }, 'new'],
    [{ periods: [F, F, F, T], overall: T, trend: 'none' }, 'new'],
    [{ periods: [F, T, T, T], overall: T, trend: 'up' }, 'intensifying'],
    [{ periods: [F, F, T, T], overall: F, trend: 'up' }, 'intensifying'],
    [{ periods: [T, T, T, F], overall: T, trend: 'down' }, 'diminishing'],
    [{ periods: [T, F, F, F], overall: F, trend: 'down' }, 'diminishing'],
    [{ periods: [T, T, T, T], overall: T, trend: 'down' }, 'diminishing'],
    [{ periods: [T, T, T, T], overall: T, trend: 'none' }, 'persistent'],
    [{ periods: [T, F, T, T], overall: T, trend: 'none' }, 'persistent'],
    [{ periods: [T, T, F, F], overall: T, trend: 'none' }, ''], // half is not most
    [{ periods: [T, F, T, T], overall: F, trend: 'none' }, ''],
    [{ periods: [F, T, F, T], overall: F, trend: 'none' }, ''],
    [{ periods: [F, F, F, F], overall: F, trend: 'up' }, ''],
    [{ periods: [F, F, F, F], overall: T, trend: 'none' }, ''],
    [{ periods: [T], overall: T, trend: 'none' }, 'persistent'], // one period: never "new"
  ] as const)('%o → %s', (input, label) => {
    expect(hotspotLabel(input)).toBe(label);
  });
});
