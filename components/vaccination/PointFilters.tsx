'use client';

import { vaccineLabel, type Dictionary } from '@/lib/i18n/vaccination';
import styles from './vaccination.module.css';

export interface Filters {
  openNow: boolean;
  walkIn: boolean;
  accessible: boolean;
  vaccine: string;
}

export const NO_FILTERS: Filters = { openNow: false, walkIn: false, accessible: false, vaccine: '' };

/** Native checkboxes and a select: Tab reaches each, Space toggles, every control has its label. */
export function PointFilters({
  t,
  value,
  vaccines,
  onChange,
}: {
  t: Dictionary;
  value: Filters;
  vaccines: string[];
  onChange: (f: Filters) => void;
}) {
  const box = (key: 'openNow' | 'walkIn' | 'accessible', label: string) => (
    <label className={styles.check}>
      <input type="checkbox" checked={value[key]} onChange={(e) => onChange({ ...value, [key]: e.target.checked })} />
      {label}
    </label>
  );
  return (
    <fieldset className={styles.filters}>
      <legend>{t.filters.legend}</legend>
      <div className={styles.checks}>
        {box('openNow', t.filters.openNow)}
        {box('walkIn', t.filters.walkIn)}
        {box('accessible', t.filters.accessible)}
      </div>
      <label className={styles.selectLabel}>
        {t.filters.vaccine}
        <select value={value.vaccine} onChange={(e) => onChange({ ...value, vaccine: e.target.value })}>
          <option value="">{t.filters.anyVaccine}</option>
          {vaccines.map((v) => (
            <option key={v} value={v}>
              {vaccineLabel(t, v)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
