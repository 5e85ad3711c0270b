'use client';

import { Fragment } from 'react';
import { roadsDictionary } from '@/lib/i18n/roads';
import { PARTS, type Part } from '@/lib/roads/types';
import styles from './roads.module.css';
import type { Row, SortKey } from './types';
import { roadClassName } from '@/lib/i18n/names';

const t = roadsDictionary('ru');

/** Colours of the score parts in the contribution bars and their legend. */
export const PART_COLORS: Record<Part, string> = {
  per_km: '#b91c1c',
  citizens: '#ea580c',
  trend: '#ca8a04',
  condition: '#7c3aed',
  road_class: '#2563eb',
  facilities: '#0d9488',
};

const COLUMNS: { key: SortKey; label: string; title?: string; numeric?: boolean }[] = [
  { key: 'rank', label: 'Место', numeric: true },
  { key: 'name', label: 'Участок' },
  { key: 'lengthM', label: 'Длина, м', numeric: true },
  { key: 'complaints', label: 'Жалоб', numeric: true },
  { key: 'perKm', label: 'На км', numeric: true },
  { key: 'citizens', label: 'Людей', title: 'разных заявителей', numeric: true },
  { key: 'trend', label: '90 дн. / пред.', title: 'жалобы за последние 90 дней и за 90 до них', numeric: true },
  { key: 'rating', label: 'Оценка', title: '1 — плохо … 5 — хорошо', numeric: true },
  { key: 'sinceRepair', label: 'После рем.', title: 'жалоб / благодарностей после последнего ремонта', numeric: true },
  { key: 'score', label: 'Балл', numeric: true },
];

const ruDay = (iso: string) => iso.split('-').reverse().join('.');
const fmt = (x: number, d = 0) => x.toLocaleString('ru-RU', { minimumFractionDigits: d, maximumFractionDigits: d });

export interface PriorityTableProps {
  rows: Row[];
  sort: { key: SortKey; dir: 'asc' | 'desc' };
  onSort: (key: SortKey) => void;
  selected: number | null;
  onSelect: (id: number) => void;
  empty: string;
  /** Segments that pass the filters, the page shown (from 1) and its size: the pager under the table. */
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}

/** The priority table: sortable headers, rank shift under the weights being edited, the score as stacked part points. */
export function PriorityTable({
  rows,
  sort,
  onSort,
  selected,
  onSelect,
  empty,
  total,
  page,
  pageSize,
  onPage,
}: PriorityTableProps) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className={styles.tablePane}>
      <nav className={styles.pager} aria-label="Страницы списка" data-testid="roads-pager">
        <span data-testid="roads-shown">
          Показаны {fmt(first)}–{fmt(last)} из {fmt(total)}
        </span>
        <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 1} data-testid="page-prev">
          ← Предыдущие
        </button>
        <span className="muted">
          стр. {fmt(page)} из {fmt(pages)}
        </span>
        <button type="button" onClick={() => onPage(page + 1)} disabled={page >= pages} data-testid="page-next">
          Следующие →
        </button>
      </nav>
      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="priority-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <Fragment key={c.key}>
                  <th
                    aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                    className={c.numeric ? styles.num : undefined}
                  >
                    <button type="button" onClick={() => onSort(c.key)} title={c.title} data-testid={`sort-${c.key}`}>
                      {c.label}
                      {sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                    </button>
                  </th>
                  {/* The plan right after the segment's name: visible without scrolling the table sideways. */}
                  {c.key === 'name' && <th>План</th>}
                </Fragment>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length + 1} className={styles.empty}>
                  {empty}
                </td>
              </tr>
            )}
            {rows.map((s) => (
              <tr
                key={s.id}
                data-testid="segment-row"
                data-id={s.id}
                data-owner={s.owner ?? ''}
                data-score={s.score}
                className={s.id === selected ? styles.selectedRow : undefined}
                onClick={() => onSelect(s.id)}
              >
                <td className={styles.num}>
                  {s.rank}
                  {s.shift !== 0 && (
                    <span className={s.shift > 0 ? styles.up : styles.down} title="сдвиг места при новых весах">
                      {s.shift > 0 ? ` ▲${s.shift}` : ` ▼${-s.shift}`}
                    </span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className={styles.linkButton}
                    onClick={(e) => {
                      e.stopPropagation();
                      onSelect(s.id);
                    }}
                    data-testid="open-segment"
                  >
                    {s.name ?? '(без названия)'}
                  </button>
                  <div className={styles.sub}>
                    {s.externalId} · {roadClassName(s.roadClass)} · {t.owners[s.owner ?? ''] ?? s.owner ?? '—'}
                  </div>
                </td>
                <td className={styles.planCell} data-testid="plan-cell">
                  {t.planStates[s.planState]}
                  {s.activePlan?.year ? ` ${s.activePlan.year}` : ''}
                  {s.planState === 'warranty' && s.lastRepair?.warrantyUntil && (
                    <div className={styles.sub}>до {ruDay(s.lastRepair.warrantyUntil)}</div>
                  )}
                </td>
                <td className={styles.num}>{fmt(s.lengthM)}</td>
                <td className={styles.num}>{s.complaints}</td>
                <td className={styles.num}>{fmt(s.perKm, 1)}</td>
                <td className={styles.num}>{s.citizens}</td>
                <td className={styles.num}>
                  {s.last90} / {s.prev90}
                </td>
                <td className={styles.num}>{s.rating === null ? '—' : fmt(s.rating, 1)}</td>
                <td className={styles.num}>
                  {s.lastRepair ? `${s.complaintsSinceRepair} / ${s.thanksAfterRepair}` : '—'}
                </td>
                <td className={styles.scoreCell}>
                  <span className={styles.scoreValue}>{fmt(s.score, 1)}</span>
                  <span className={styles.bar} aria-hidden="true">
                    {PARTS.map(
                      (p) =>
                        s.contributions[p] > 0 && (
                          <span
                            key={p}
                            style={{ width: `${s.contributions[p]}%`, background: PART_COLORS[p] }}
                            title={`${t.parts[p].label}: ${fmt(s.contributions[p], 1)}`}
                          />
                        ),
                    )}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
