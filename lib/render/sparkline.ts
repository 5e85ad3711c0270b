/** Weekly series per topic from the summary's flat trend rows: every topic gets a value for every week. */
export function trendSeries(rows: readonly { week: string; topic: string; count: number }[]): {
  weeks: string[];
  series: Map<string, number[]>;
} {
  const weeks = [...new Set(rows.map((r) => r.week))].sort();
  const index = new Map(weeks.map((w, i) => [w, i]));
  const series = new Map<string, number[]>();
  for (const r of rows) {
    let values = series.get(r.topic);
    if (!values) series.set(r.topic, (values = new Array<number>(weeks.length).fill(0)));
    values[index.get(r.week)!] += r.count;
  }
  return { weeks, series };
}

/**
 * SVG polyline points for a small line chart of `values` in a `width`×`height` box (y grows downward,
 * a 1-px margin keeps the stroke inside). A single value is drawn as a flat line. Hand-written: it is
 * ten lines, and no chart library is installed.
 */
export function sparklinePoints(values: readonly number[], width: number, height: number, max?: number): string {
  if (values.length === 0) return '';
  const top = Math.max(1, max ?? Math.max(...values));
  const xs = values.length === 1 ? [0, width] : values.map((_, i) => (i * width) / (values.length - 1));
  const ys = (values.length === 1 ? [values[0], values[0]] : values).map((v) => 1 + (height - 2) * (1 - v / top));
  return xs.map((x, i) => `${Number(x.toFixed(1))},${Number(ys[i].toFixed(1))}`).join(' ');
}
