import type { MapText } from '@/lib/i18n/map';
import type { DiffSummary } from '@/lib/render/compare';
import { weekPeriod, type Period } from '@/lib/render/urlState';
import { DateField } from './DateField';
import styles from './mapui.module.css';

export interface TimePanelProps {
  t: MapText;
  weeks: readonly string[];
  week: string | null;
  playing: boolean;
  onWeek: (week: string | null) => void;
  onPlaying: (on: boolean) => void;
  compare: Period | null;
  /** The current period (B) as the filter has it, for the caption. */
  current: { from: string | null; to: string | null };
  onCompare: (on: boolean) => void;
  onComparePeriod: (p: Period) => void;
  compareSummary: DiffSummary | null;
  dateBounds: { min: string | null; max: string | null };
}

/** The weekly time slider with playback, and the period-vs-period switch. */
export function TimePanel(p: TimePanelProps) {
  const { t } = p;
  const index = p.week ? p.weeks.indexOf(p.week) : -1;
  const step = (d: number) => {
    const next = p.weeks[Math.min(p.weeks.length - 1, Math.max(0, (index < 0 ? 0 : index) + d))];
    if (next) p.onWeek(next);
  };
  // The week as the map counts it: cut at the chosen period's ends (MapView passes effectivePeriod as `current`).
  const shown = p.week
    ? { from: p.current.from ?? weekPeriod(p.week).from, to: p.current.to ?? weekPeriod(p.week).to }
    : null;
  const nf = new Intl.NumberFormat(t.locale);
  const dateText = { pick: t.datePick, format: t.dateFormat, invalid: t.dateInvalid };
  return (
    <>
      <fieldset className={styles.time} data-testid="time-panel">
        <legend>{t.time}</legend>
        <label className="toggle">
          <input
            type="checkbox"
            role="switch"
            checked={p.week !== null}
            disabled={p.weeks.length === 0}
            onChange={(e) => p.onWeek(e.target.checked ? (p.weeks[0] ?? null) : null)}
            data-testid="time-on"
          />
          {t.timeSlider}
        </label>
        {p.week !== null && (
          <div className={styles.slider}>
            <div className={styles.sliderButtons}>
              <button type="button" onClick={() => step(-1)} aria-label={t.prevWeek} disabled={index <= 0}>
                ◀
              </button>
              <button
                type="button"
                onClick={() => p.onPlaying(!p.playing)}
                data-testid="time-play"
                aria-pressed={p.playing}
              >
                {p.playing ? `⏸ ${t.pause}` : `▶ ${t.play}`}
              </button>
              <button
                type="button"
                onClick={() => step(1)}
                aria-label={t.nextWeek}
                disabled={index >= p.weeks.length - 1}
                data-testid="time-next"
              >
                ▶
              </button>
            </div>
            <input
              type="range"
              min={0}
              max={Math.max(0, p.weeks.length - 1)}
              value={Math.max(0, index)}
              onChange={(e) => p.onWeek(p.weeks[Number(e.target.value)] ?? null)}
              aria-label={t.week}
              aria-valuetext={shown ? `${shown.from} — ${shown.to}` : undefined}
              data-testid="time-slider"
            />
            <p className={styles.weekCaption} data-testid="time-week" data-week={p.week}>
              {t.week} {index + 1}/{p.weeks.length}: {shown?.from} — {shown?.to}
            </p>
          </div>
        )}
      </fieldset>

      <fieldset className={styles.time} data-testid="compare-panel">
        <legend>{t.compare}</legend>
        <label className="toggle">
          <input
            type="checkbox"
            role="switch"
            checked={p.compare !== null}
            onChange={(e) => p.onCompare(e.target.checked)}
            data-testid="compare-on"
          />
          {t.compareOn}
        </label>
        {p.compare && (
          <>
            <div className={styles.period}>
              <span>{t.periodA}</span>
              <DateField
                name="compare-from"
                label={t.from}
                value={p.compare.from}
                min={p.dateBounds.min}
                max={p.dateBounds.max}
                onChange={(v) => v && p.compare && v <= p.compare.to && p.onComparePeriod({ ...p.compare, from: v })}
                text={dateText}
                testId="compare-from"
              />
              <DateField
                name="compare-to"
                label={t.to}
                value={p.compare.to}
                min={p.dateBounds.min}
                max={p.dateBounds.max}
                onChange={(v) => v && p.compare && v >= p.compare.from && p.onComparePeriod({ ...p.compare, to: v })}
                text={dateText}
                testId="compare-to"
              />
            </div>
            <p className="muted">
              {t.periodB}: {p.current.from ?? '…'} — {p.current.to ?? '…'}
            </p>
            {p.compareSummary && (
              <p data-testid="compare-summary" data-a={p.compareSummary.totalA} data-b={p.compareSummary.totalB}>
                {t.compareCounts(nf.format(p.compareSummary.totalA), nf.format(p.compareSummary.totalB))};{' '}
                {t.compareCells(p.compareSummary.increased, p.compareSummary.decreased)}
              </p>
            )}
          </>
        )}
      </fieldset>
    </>
  );
}
