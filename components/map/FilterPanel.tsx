import type { ReactNode } from 'react';
import { CHANNELS, STATUSES, type Channel, type Status, type Topic } from '@/lib/domain/vocab';
import type { MapText } from '@/lib/i18n/map';
import type { Gratitude } from '@/lib/render/hexQuery';
import { CheckList } from './CheckList';
import { DateField } from './DateField';
import styles from './mapui.module.css';
import { TopicFilter, type TopicOption } from './TopicFilter';

export interface FilterPanelProps {
  t: MapText;
  otherLanguageHref: string;
  topicOptions: readonly TopicOption[];
  topics: readonly Topic[];
  onTopicsChange: (next: Topic[]) => void;
  channels: readonly Channel[] | null;
  onChannelsChange: (next: Channel[] | null) => void;
  statuses: readonly Status[] | null;
  onStatusesChange: (next: Status[] | null) => void;
  municipalities: readonly { code: string; name: string }[];
  municipality: string | null;
  onMunicipalityChange: (code: string | null) => void;
  from: string | null;
  to: string | null;
  dateBounds: { min: string | null; max: string | null };
  onDatesChange: (from: string | null, to: string | null) => void;
  gratitude: Gratitude;
  onGratitudeChange: (g: Gratitude) => void;
  total: number | null;
  /** The request the shown total answers, for tests and debugging. */
  totalQuery: string | null;
  loading: boolean;
  approximateBoundaries: boolean;
  errors: string[];
  /** Layer switches, time slider and comparison. */
  children: ReactNode;
}

export function FilterPanel(p: FilterPanelProps) {
  const { t } = p;
  const datesInverted = p.from !== null && p.to !== null && p.from > p.to;
  const dateText = { pick: t.datePick, format: t.dateFormat, invalid: t.dateInvalid };
  const countFormat = new Intl.NumberFormat(t.locale);
  return (
    <aside className="panel" aria-label={t.filtersLabel}>
      <div className={styles.titleRow}>
        <h1>{t.title}</h1>
        <a href={p.otherLanguageHref} lang={t.otherLanguage.lang} data-testid="other-language">
          {t.otherLanguage.label}
        </a>
      </div>

      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <TopicFilter t={t} options={p.topicOptions} selected={p.topics} onChange={p.onTopicsChange} />
        <CheckList
          name="channel"
          legend={t.channels}
          allLabel={t.all}
          selected={p.channels}
          onChange={p.onChannelsChange}
          options={CHANNELS.map((code) => ({ code, label: t.channel(code) }))}
        />
        <CheckList
          name="status"
          legend={t.statuses}
          allLabel={t.all}
          selected={p.statuses}
          onChange={p.onStatusesChange}
          options={STATUSES.map((code) => ({ code, label: t.status(code) }))}
        />

        <label className={styles.selectRow}>
          {t.municipality}
          <select
            value={p.municipality ?? ''}
            onChange={(e) => p.onMunicipalityChange(e.target.value || null)}
            data-testid="municipality"
          >
            <option value="">{t.anyMunicipality}</option>
            {p.municipality && !p.municipalities.some((m) => m.code === p.municipality) && (
              <option value={p.municipality}>{p.municipality}</option>
            )}
            {p.municipalities.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </label>

        <fieldset className="period">
          <legend>{t.period}</legend>
          <DateField
            name="from"
            label={t.from}
            value={p.from}
            min={p.dateBounds.min}
            max={p.to ?? p.dateBounds.max}
            onChange={(v) => p.onDatesChange(v, p.to)}
            text={dateText}
            testId="date-from"
          />
          <DateField
            name="to"
            label={t.to}
            value={p.to}
            min={p.from ?? p.dateBounds.min}
            max={p.dateBounds.max}
            onChange={(v) => p.onDatesChange(p.from, v)}
            text={dateText}
            testId="date-to"
          />
          {datesInverted && (
            <p className="error" role="alert">
              {t.datesInverted}
            </p>
          )}
        </fieldset>

        <label className={styles.selectRow}>
          {t.gratitude}
          <select
            value={p.gratitude}
            onChange={(e) => p.onGratitudeChange(e.target.value as Gratitude)}
            data-testid="gratitude"
          >
            {(['exclude', 'include', 'only'] as const).map((g) => (
              <option key={g} value={g}>
                {t.gratitudeOptions[g]}
              </option>
            ))}
          </select>
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
        {t.total}: <strong>{p.total === null ? '…' : countFormat.format(p.total)}</strong>
        <span className="muted"> {t.inView}</span>
      </p>

      {p.children}

      {p.approximateBoundaries && <p className="note">{t.approximateBoundaries}</p>}
      {p.errors.map((message) => (
        <p key={message} className="error" role="alert">
          {message}
        </p>
      ))}
    </aside>
  );
}
