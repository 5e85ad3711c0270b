'use client';

import { useQuery } from '@tanstack/react-query';
import { CHANNEL_LABELS, STATUS_LABELS, type Channel, type Status } from '@/lib/domain/vocab';
import { roadsDictionary } from '@/lib/i18n/roads';
import { PARTS } from '@/lib/roads/types';
import { PART_COLORS } from './PriorityTable';
import { fetchSegment, roadsKeys } from './api';
import styles from './roads.module.css';
import { roadClassName } from '@/lib/i18n/names';

const t = roadsDictionary('ru');

const PLAN_STATUS: Record<string, string> = {
  planned: 'запланирован',
  in_progress: 'в работе',
  done: 'выполнен',
  cancelled: 'отменён',
};
const day = (iso: string) => new Date(iso).toLocaleDateString('ru-RU', { timeZone: 'UTC' });

/** One segment: attributes, the score part by part, the plan history and the appeals snapped to it, for the page's period. */
export function SegmentDetail({ id, query, onClose }: { id: number; query: string; onClose: () => void }) {
  const q = useQuery({
    queryKey: roadsKeys.segment(id, query),
    queryFn: ({ signal }) => fetchSegment(id, query, signal),
  });
  if (q.isError)
    return (
      <section className={styles.detail}>
        <p className="error">Не удалось загрузить участок: {q.error.message}</p>
      </section>
    );
  if (!q.data)
    return (
      <section className={styles.detail}>
        <p className="muted">Загрузка участка…</p>
      </section>
    );
  const data = q.data;
  const s = data.segment;
  return (
    <section className={styles.detail} aria-labelledby="segment-h" data-testid="segment-detail">
      <div className={styles.detailHead}>
        <h2 id="segment-h">
          {s.name ?? '(без названия)'} <span className="muted">{s.externalId}</span>
        </h2>
        <button type="button" onClick={onClose} aria-label="Закрыть карточку участка">
          ×
        </button>
      </div>
      <p className="muted">
        {t.owners[s.owner ?? ''] ?? s.owner ?? 'владелец не указан'} ·{' '}
        {s.roadClass ? roadClassName(s.roadClass) : 'класс не указан'} · {Math.round(s.lengthM)} м · оценка{' '}
        {s.rating ?? 'нет'} · {s.planState ? t.planStates[s.planState] : 'нет в плане'}
      </p>
      <h3>Балл {s.score.toLocaleString('ru-RU')} из 100</h3>
      <table className={styles.partsTable}>
        <tbody>
          {PARTS.map((p) => (
            <tr key={p}>
              <td>{t.parts[p].label}</td>
              <td className={styles.num}>{s.parts[p].toFixed(2)}</td>
              <td className={styles.partBar}>
                <span style={{ width: `${s.contributions[p]}%`, background: PART_COLORS[p] }} />
              </td>
              <td className={styles.num}>{s.contributions[p].toLocaleString('ru-RU')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted" data-testid="segment-stats">
        Жалоб {s.complaints} ({s.perKm.toLocaleString('ru-RU')} на км) с {day(data.from)} по {day(data.asOf)},
        заявителей {s.citizens}; последние 90 дней {s.last90}, предыдущие 90 — {s.prev90}.
        {s.lastRepair &&
          ` После ремонта ${day(s.lastRepair.completedAt)}: жалоб ${s.complaintsSinceRepair}, благодарностей ${s.thanksAfterRepair}.`}
      </p>
      <h3>История планов ремонта</h3>
      {data.plans.length === 0 ? (
        <p className="muted">Участок не был в планах ремонта.</p>
      ) : (
        <table className={styles.smallTable} data-testid="plan-history">
          <thead>
            <tr>
              <th>Год</th>
              <th>Статус</th>
              <th>Работы</th>
              <th>Завершено</th>
              <th>Гарантия до</th>
            </tr>
          </thead>
          <tbody>
            {data.plans.map((p) => (
              <tr key={p.id}>
                <td>{p.year ?? '—'}</td>
                <td>{PLAN_STATUS[p.status ?? ''] ?? p.status ?? '—'}</td>
                <td>{p.workType ?? '—'}</td>
                <td>{p.completedAt ? day(p.completedAt) : '—'}</td>
                <td>{p.warrantyUntil ? day(p.warrantyUntil) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {/* The same period and the same count of complaints as the table and the line above. */}
      <h3 data-testid="segment-appeals-head">
        Обращения о дороге за {day(data.from)}–{day(data.asOf)}: жалоб {data.complaints}
        {data.total > data.complaints && `, благодарностей ${data.total - data.complaints}`}
        {data.total > data.appeals.length ? ` (показаны последние ${data.appeals.length})` : ''}
      </h3>
      {data.appeals.length === 0 ? (
        <p className="muted">За этот период к участку не привязано ни одного обращения.</p>
      ) : (
        <ul className={styles.appeals} data-testid="segment-appeals">
          {data.appeals.map((a) => (
            <li key={a.id}>
              <div className="muted">
                {day(a.createdAt)} · {CHANNEL_LABELS[a.channel as Channel]?.ru ?? a.channel} ·{' '}
                {STATUS_LABELS[a.status as Status]?.ru ?? a.status}
                {a.isGratitude && <strong> · благодарность</strong>}
                {a.distanceM !== null && ` · ${a.distanceM} м от оси`}
              </div>
              <div>{a.text ?? '(без текста)'}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
