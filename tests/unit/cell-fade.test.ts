import { createPropertyExpression, latest } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { cellFillOpacity } from '../../lib/render/layerStyles';

/** Evaluates a fill-opacity expression the way MapLibre does, at a zoom. */
function opacityAt(expr: unknown, zoom: number): number {
  const spec = (latest as unknown as Record<string, Record<string, unknown>>).paint_fill['fill-opacity'];
  const parsed = createPropertyExpression(expr as never, 'fill-opacity', spec as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  return parsed.value.evaluate({ zoom }) as number;
}

describe("the cells fade at street zoom, so the basemap's street names stay readable", () => {
  it('keeps the given opacity up to z14 and fades to a tint from z15 to z16+', () => {
    const e = cellFillOpacity(0.78);
    expect(opacityAt(e, 8)).toBeCloseTo(0.78);
    expect(opacityAt(e, 14)).toBeCloseTo(0.78);
    expect(opacityAt(e, 15)).toBeLessThan(0.78);
    expect(opacityAt(e, 15)).toBeGreaterThan(0.3);
    expect(opacityAt(e, 16)).toBeLessThanOrEqual(0.2);
    expect(opacityAt(e, 18)).toBeLessThanOrEqual(0.2);
    expect(opacityAt(e, 16)).toBeGreaterThan(0);
  });

  it('never makes a fainter base brighter at street zoom', () => {
    const e = cellFillOpacity(0.1);
    expect(opacityAt(e, 10)).toBeCloseTo(0.1);
    expect(opacityAt(e, 17)).toBeCloseTo(0.1);
  });
});
