import type { Topic } from '@/lib/domain/vocab';
import type { LegendClass } from '@/lib/render/colorScale';
import { Legend } from './Legend';
import { TopicFilter, type TopicOption } from './TopicFilter';

const countFormat = new Intl.NumberFormat('ru-RU');

export interface FilterPanelProps {
  topicOptions: readonly TopicOption[];
  topics: readonly Topic[];
  onTopicsChange: (next: Topic[]) => void;
  from: string | null;
  to: string | null;
  dateBounds: { min: string | null; max: string | null };
  onDatesChange: (from: string | null, to: string | null) => void;
  showGratitude: boolean;
  onShowGratitudeChange: (on: boolean) => void;
  total: number | null;
  /** The request the shown total answers, for tests and debugging. */
  totalQuery: string | null;
  loading: boolean;
  legend: readonly LegendClass[];
  approximateBoundaries: boolean;
  errors: string[];
}

export function FilterPanel(p: FilterPanelProps) {
  const datesInverted = p.from !== null && p.to !== null && p.from > p.to;
  return (
    <aside className="panel" aria-label="Фильтры карты">
      <h1>Карта проблем</h1>

      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <TopicFilter options={p.topicOptions} selected={p.topics} onChange={p.onTopicsChange} />

        <fieldset className="period">
          <legend>Период</legend>
          <label>
            С
            <input
              type="date"
              name="from"
              value={p.from ?? ''}
              min={p.dateBounds.min ?? undefined}
              max={p.to ?? p.dateBounds.max ?? undefined}
              onChange={(e) => p.onDatesChange(e.target.value || null, p.to)}
              data-testid="date-from"
            />
          </label>
          <label>
            по
            <input
              type="date"
              name="to"
              value={p.to ?? ''}
              min={p.from ?? p.dateBounds.min ?? undefined}
              max={p.dateBounds.max ?? undefined}
              onChange={(e) => p.onDatesChange(p.from, e.target.value || null)}
              data-testid="date-to"
            />
          </label>
          {datesInverted && (
            <p className="error" role="alert">
              Дата начала позже даты окончания
            </p>
          )}
        </fieldset>

        <label className="toggle">
          <input
            type="checkbox"
            role="switch"
            checked={p.showGratitude}
            onChange={(e) => p.onShowGratitudeChange(e.target.checked)}
            data-testid="gratitude"
          />
          Показывать благодарности
        </label>
      </form>

      <p
        className="total"
        data-testid="total"
        data-total={p.total ?? undefined}
        data-query={p.totalQuery ?? undefined}
        data-state={p.loading ? 'loading' : 'ready'}
        aria-live="polite"
        aria-busy={p.loading}
      >
        Обращений: <strong>{p.total === null ? '…' : countFormat.format(p.total)}</strong>
        <span className="muted"> в видимой области</span>
      </p>

      <Legend classes={p.legend} empty={p.total === 0} />

      {p.approximateBoundaries && <p className="note">Границы муниципалитетов приблизительные</p>}
      {p.errors.map((message) => (
        <p key={message} className="error" role="alert">
          {message}
        </p>
      ))}
    </aside>
  );
}
