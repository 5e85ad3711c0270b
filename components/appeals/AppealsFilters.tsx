import { LIST_SORTS, PAGE_SIZES, type ListState } from '@/lib/domain/appealListQuery';
import { GRATITUDE_MODES } from '@/lib/domain/filters';
import { CHANNEL_LABELS, CHANNELS, STATUS_LABELS, STATUSES, TOPIC_LABELS, TOPICS } from '@/lib/domain/vocab';
import { APPEALS_RU as t } from '@/lib/i18n/appeals';
import { formatDayText } from '@/lib/render/dayText';
import { topicDoubtText } from '@/lib/i18n/topicDoubt';
import styles from './AppealsFilters.module.css';

const td = topicDoubtText('ru');

function Checks({
  name,
  label,
  values,
  labels,
  chosen,
}: {
  name: string;
  label: string;
  values: readonly string[];
  labels: Record<string, { ru: string }>;
  chosen: readonly string[] | undefined;
}) {
  return (
    <details className={styles.checks} data-testid={`filter-${name}`}>
      <summary>
        {label}: {t.any(chosen?.length ?? 0)}
      </summary>
      <fieldset>
        <legend className={styles.hidden}>{label}</legend>
        {values.map((v) => (
          <label key={v}>
            <input type="checkbox" name={name} value={v} defaultChecked={chosen?.includes(v)} /> {labels[v]?.ru ?? v}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

/** The map's filters, the order and the page size as a plain GET form: the URL holds the whole list state. */
export function AppealsFilters({
  state,
  municipalities,
}: {
  state: ListState;
  municipalities: { code: string; name: string }[];
}) {
  const f = state.filter;
  return (
    <form className={`form-row ${styles.form}`} method="get" aria-label="Фильтры" data-testid="appeals-filters">
      <Checks name="topic" label={t.topic} values={TOPICS} labels={TOPIC_LABELS} chosen={f.topic} />
      <Checks name="channel" label={t.channel} values={CHANNELS} labels={CHANNEL_LABELS} chosen={f.channel} />
      <Checks name="status" label={t.status} values={STATUSES} labels={STATUS_LABELS} chosen={f.status} />
      <label>
        {t.municipality}
        <select name="municipality" defaultValue={f.municipality ?? ''} data-testid="filter-municipality">
          <option value="">{t.anyMunicipality}</option>
          {municipalities.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      {/* Typed as ГГГГ-ММ-ДД, as on the map: a native date field shows the browser's own order (mm/dd/yyyy). */}
      <label>
        {t.from}
        <input
          type="text"
          name="from"
          defaultValue={formatDayText(f.from)}
          data-value={f.from ?? ''}
          placeholder={t.dateFormat}
          pattern="\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}"
          inputMode="numeric"
          size={11}
          data-testid="filter-from"
        />
      </label>
      <label>
        {t.to}
        <input
          type="text"
          name="to"
          defaultValue={formatDayText(f.to)}
          data-value={f.to ?? ''}
          placeholder={t.dateFormat}
          pattern="\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}"
          inputMode="numeric"
          size={11}
          data-testid="filter-to"
        />
      </label>
      <label>
        {t.gratitude}
        <select name="gratitude" defaultValue={f.gratitude}>
          {GRATITUDE_MODES.map((g) => (
            <option key={g} value={g}>
              {t.gratitudeModes[g]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.sort}
        <select name="sort" defaultValue={state.sort} data-testid="appeals-sort">
          {LIST_SORTS.map((s) => (
            <option key={s} value={s}>
              {t.sorts[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.pageSize}
        <select name="page_size" defaultValue={String(state.pageSize)} data-testid="appeals-page-size">
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label className={styles.inline}>
        <input type="checkbox" name="doubt" value="only" defaultChecked={state.doubtOnly} data-testid="doubt-only" />
        {td.onlyDoubt}
      </label>
      <button type="submit" data-testid="appeals-apply">
        {t.show}
      </button>
      <a href="/appeals">{t.reset}</a>
    </form>
  );
}
