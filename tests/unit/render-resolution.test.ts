import { describe, expect, it } from 'vitest';
import { h3ResolutionForZoom, MAX_HEX_RES, MIN_HEX_RES } from '../../lib/domain/h3Resolution';

describe('h3ResolutionForZoom', () => {
  it.each([
    [0, 4],
    [5.99, 4],
    [6, 5],
    [7.5, 5],
    [8, 6],
    [9.9, 6],
    [10, 7],
    [11.2, 7],
    [12, 8],
    [12.99, 8],
    [13, 9],
    [22, 9],
  ])('zoom %f → res %i', (zoom, res) => {
    expect(h3ResolutionForZoom(zoom)).toBe(res);
  });

  it('falls back to the coarsest resolution for a zoom that is not a number', () => {
    expect(h3ResolutionForZoom(Number.NaN)).toBe(MIN_HEX_RES);
    expect(h3ResolutionForZoom(-3)).toBe(MIN_HEX_RES);
  });

  it('never leaves the range the API serves', () => {
    for (let z = 0; z <= 24; z += 0.25) {
      const r = h3ResolutionForZoom(z);
      expect(r).toBeGreaterThanOrEqual(MIN_HEX_RES);
      expect(r).toBeLessThanOrEqual(MAX_HEX_RES);
    }
  });
});
