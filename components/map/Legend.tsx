import type { LegendClass } from '@/lib/render/colorScale';

function rangeLabel({ from, to }: LegendClass): string {
  if (to === null) return `${from} и более`;
  return from === to ? String(from) : `${from}–${to}`;
}

/** The colour ramp with the count range of each class. */
export function Legend({ classes, empty }: { classes: readonly LegendClass[]; empty: boolean }) {
  return (
    <section className="legend" aria-labelledby="legend-title">
      <h2 id="legend-title">Обращений в ячейке</h2>
      {empty ? (
        <p className="muted">Нет обращений для выбранных условий</p>
      ) : (
        <ul>
          {classes.map((c) => (
            <li key={c.from}>
              <span className="swatch" style={{ background: c.color }} aria-hidden="true" />
              {rangeLabel(c)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
