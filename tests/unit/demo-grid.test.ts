import { describe, expect, it } from 'vitest';
import { blob, blockCuts, crossings, gridLines } from '../../lib/demo/grid';
import { inRing, polylineLength, type Km } from '../../lib/demo/geo';
import { makeRng } from '../../lib/demo/rng';
import { streetNamer } from '../../lib/demo/street-names';

describe('demo street grid', () => {
  it('finds where lines cross, T-junctions included, at the distance along each', () => {
    const horizontal: Km[] = [
      [0, 0],
      [1, 0],
      [2, 0],
    ];
    const vertical: Km[] = [
      [0.5, -1],
      [0.5, 1],
    ];
    const tee: Km[] = [
      [1.5, 0.6],
      [1.5, 0.002],
    ]; // stops 2 m short of the horizontal line
    const apart: Km[] = [
      [0, 2],
      [2, 2],
    ];
    const [h, v, t, a] = crossings([horizontal, vertical, tee, apart]);
    expect(h).toHaveLength(2);
    expect(h![0]).toBeCloseTo(0.5, 9);
    expect(h![1]).toBeCloseTo(1.5, 9);
    expect(v).toHaveLength(1);
    expect(v![0]).toBeCloseTo(1, 9);
    expect(t).toHaveLength(1);
    expect(t![0]).toBeCloseTo(0.598, 9);
    expect(a).toEqual([]);
  });

  it('cuts a street at its crossings, skips cuts closer than 50 m, and splits long empty stretches', () => {
    const rng = makeRng('test/blockCuts');
    expect(blockCuts(0.6, [0.2, 0.22, 0.4, 0.58], rng)).toEqual([0, 0.2, 0.4, 0.6]);
    const long = blockCuts(3, [0.5], rng);
    expect(long.slice(0, 2)).toEqual([0, 0.5]);
    expect(long.at(-1)).toBe(3);
    for (let i = 1; i < long.length; i++) {
      const piece = long[i]! - long[i - 1]!;
      expect(piece).toBeGreaterThan(0.049);
      expect(piece).toBeLessThanOrEqual(0.8 + 1e-9);
    }
  });

  it('draws two families of streets inside the outline, main streets among side streets, none through a park', () => {
    const rng = makeRng('test/grid');
    const outline = blob(0, 0, 2, 1.5, 0.3, rng);
    const park: Km[] = [
      [-0.3, -0.3],
      [0.3, -0.3],
      [0.3, 0.3],
      [-0.3, 0.3],
    ];
    const spec = {
      outline,
      holes: [park],
      angleA: 0.3,
      angleB: 0.3 + Math.PI / 2,
      spacingA: [0.15, 0.2],
      spacingB: [0.2, 0.25],
      mainEvery: [4, 5],
    } as const;
    const lines = gridLines(spec, makeRng('test/grid/lines'));
    expect(lines.filter((l) => l.family === 0).length).toBeGreaterThan(10);
    expect(lines.filter((l) => l.family === 1).length).toBeGreaterThan(10);
    const mains = lines.filter((l) => l.main).length;
    expect(mains).toBeGreaterThan(2);
    expect(mains).toBeLessThan(lines.length / 3);
    for (const l of lines) {
      expect(polylineLength(l.line)).toBeGreaterThan(0.1);
      for (const [x, y] of l.line) {
        expect(inRing(x, y, outline)).toBe(true);
        if (!l.main) expect(inRing(x, y, park)).toBe(false);
      }
    }
    expect(gridLines(spec, makeRng('test/grid/lines'))).toEqual(lines);
  });

  it('names streets without repeats, real names first for main streets', () => {
    const namer = streetNamer(['проспект Ленина', 'улица Мира'], makeRng('test/names'), ['Садовая улица']);
    expect(namer.main()).toBe('проспект Ленина');
    expect(namer.main()).toBe('улица Мира');
    const names = [namer.main(), ...Array.from({ length: 600 }, () => namer.side())];
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain('Садовая улица');
    expect(names).not.toContain('улица Мира');
    expect(names[0]).toMatch(/улица/);
    expect(names.some((n) => / переулок$/.test(n))).toBe(true);
    // Past the pool, numbered names: '2-я Садовая улица'.
    expect(names.some((n) => /^2-[яй] /.test(n))).toBe(true);
  });
});
