/** Sequential yellow→red ramp (ColorBrewer YlOrRd, 5 classes), light = few appeals. */
export const COUNT_RAMP = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] as const;

export interface LegendClass {
  /** Smallest count in the class (inclusive). */
  from: number;
  /** Largest count in the class (inclusive); null for the open top class. */
  to: number | null;
  color: string;
}

function roundForLegend(v: number): number {
  if (v < 10) return Math.round(v);
  const magnitude = 10 ** Math.floor(Math.log10(v));
  return Math.round(v / magnitude) * magnitude;
}

/**
 * Lower bounds of the count classes, ascending; the first is always 1 so every cell falls in a class.
 * Counts per cell are heavy-tailed, so the upper bounds are spaced geometrically between the smallest
 * (`min`) and largest (`max`) count on the map, rounded to one significant digit so the legend reads well.
 * Fewer classes come back when the range is small.
 */
export function countBreaks(max: number, classes: number = COUNT_RAMP.length, min = 1): number[] {
  if (!Number.isFinite(max) || max < 1 || classes < 1) return [1];
  const top = Math.floor(max);
  const low = Math.min(top, Math.max(1, Number.isFinite(min) ? Math.floor(min) : 1));
  if (top <= classes) return Array.from({ length: top }, (_, i) => i + 1);
  const breaks = [1];
  for (let i = 1; i < classes; i++) {
    const b = roundForLegend(low * (top / low) ** (i / classes));
    if (b <= top && b > breaks[breaks.length - 1]) breaks.push(b);
  }
  return breaks;
}

/** Ramp colours for `n` classes, spread over the whole ramp so the top class is always the darkest. */
export function rampColors(n: number, ramp: readonly string[] = COUNT_RAMP): string[] {
  if (n <= 0) return [];
  if (n === 1) return [ramp[ramp.length - 1]];
  return Array.from({ length: n }, (_, i) => ramp[Math.round((i * (ramp.length - 1)) / (n - 1))]);
}

/** The legend rows for the given class breaks. */
export function legendClasses(breaks: readonly number[], ramp: readonly string[] = COUNT_RAMP): LegendClass[] {
  const colors = rampColors(breaks.length, ramp);
  return breaks.map((from, i) => ({
    from,
    to: i + 1 < breaks.length ? breaks[i + 1] - 1 : null,
    color: colors[i],
  }));
}

/** A MapLibre style expression (or a plain colour for one class) colouring features by their `count` property. */
export type StepExpression = ['step', ['get', string], string, ...(string | number)[]];
export type CountColor = string | StepExpression;

/** `step` expression over the feature property `count` matching {@link legendClasses}. */
export function countColorExpression(classes: readonly LegendClass[], property = 'count'): CountColor {
  if (classes.length === 0) return COUNT_RAMP[0];
  if (classes.length === 1) return classes[0].color;
  const expr: StepExpression = ['step', ['get', property], classes[0].color];
  for (const c of classes.slice(1)) expr.push(c.from, c.color);
  return expr;
}
