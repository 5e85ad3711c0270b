import type { AppealFilter } from '@/lib/domain/filters';
import { drillText } from '@/lib/i18n/drill';
import { appealFilterParams } from '@/lib/render/appealFilterQuery';
import styles from './ExportMenu.module.css';

const FORMATS = ['csv', 'xlsx', 'geojson'] as const;
const t = drillText('ru');

export const exportHref = (filter: AppealFilter, format: (typeof FORMATS)[number]) =>
  `/api/appeals/export?${appealFilterParams(filter, { format }).toString()}`;

/** Download links for exactly the current filter, one per format; the server streams the file and audits it. */
export function ExportMenu(props: { filter: AppealFilter }) {
  return (
    <div className={styles.menu} role="group" aria-label={t.exportMenu.label} data-testid="export-menu">
      <span className={styles.label}>{t.exportMenu.label}</span>
      <div className={styles.links}>
        {FORMATS.map((f) => (
          <a key={f} href={exportHref(props.filter, f)} download data-format={f} className={styles.link}>
            {t.exportMenu[f]}
          </a>
        ))}
      </div>
      <small className={styles.note}>{t.exportMenu.note}</small>
    </div>
  );
}
