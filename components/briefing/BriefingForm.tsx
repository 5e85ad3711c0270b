import { drillText } from '@/lib/i18n/drill';
import styles from './briefing.module.css';

const t = drillText('ru').briefing;

/** A plain GET form: municipality and period become the page's URL, so a briefing is a link. */
export function BriefingForm({ choices, initial }: { choices: { code: string; name: string }[]; initial: { municipality: string; from: string; to: string } }) {
  return (
    <form method="get" action="/briefing" className={styles.form} data-testid="briefing-form">
      <label>
        {t.municipality}
        <select name="municipality" defaultValue={initial.municipality} required>
          <option value="">{t.chooseMunicipality}</option>
          {choices.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
        </select>
      </label>
      <label>
        {t.from}
        <input type="date" name="from" defaultValue={initial.from} required />
      </label>
      <label>
        {t.to}
        <input type="date" name="to" defaultValue={initial.to} required />
      </label>
      <button type="submit" className={styles.button}>{t.show}</button>
    </form>
  );
}
