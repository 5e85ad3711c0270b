import { drillText } from '@/lib/i18n/drill';
import { DAY_TEXT_FORMAT, formatDayText } from '@/lib/render/dayText';
import styles from './briefing.module.css';

const t = drillText('ru').briefing;
/** ДД.ММ.ГГГГ as typed (the browser's own date field showed mm/dd/yyyy), or ISO from a link. */
const DAY_PATTERN = String.raw`\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}`;

/** A plain GET form: municipality and period become the page's URL, so a briefing is a link. */
export function BriefingForm({
  choices,
  initial,
}: {
  choices: { code: string; name: string }[];
  initial: { municipality: string; from: string; to: string };
}) {
  return (
    <form method="get" action="/briefing" className={styles.form} data-testid="briefing-form">
      <label>
        {t.municipality}
        <select name="municipality" defaultValue={initial.municipality} required>
          <option value="">{t.chooseMunicipality}</option>
          {choices.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.from}
        <input
          type="text"
          name="from"
          defaultValue={formatDayText(initial.from)}
          placeholder={DAY_TEXT_FORMAT}
          pattern={DAY_PATTERN}
          inputMode="numeric"
          size={11}
          required
        />
      </label>
      <label>
        {t.to}
        <input
          type="text"
          name="to"
          defaultValue={formatDayText(initial.to)}
          placeholder={DAY_TEXT_FORMAT}
          pattern={DAY_PATTERN}
          inputMode="numeric"
          size={11}
          required
        />
      </label>
      <button type="submit" className={styles.button}>
        {t.show}
      </button>
    </form>
  );
}
