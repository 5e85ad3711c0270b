import type { Metadata } from 'next';
import { NavBar } from '@/components/ui/NavBar';
import { getDb } from '@/db';
import { requirePage } from '@/lib/auth/guard';
import { env } from '@/lib/config/env';
import { timeZoneName } from '@/lib/i18n/names';
import { formatLocal } from '@/lib/i18n/time';
import { dictionary } from '@/lib/i18n/vaccination';
import { listPointReports } from '@/db/queries/pointReports';
import { resolveReport } from './actions';

export const metadata: Metadata = { title: 'Сообщения об ошибках в пунктах вакцинации' };
export const dynamic = 'force-dynamic';

const reasons = dictionary('ru').report.reasons;

/** What visitors of /vaccination reported about points, for staff to check and fix at the source. */
export default async function PointReportsPage() {
  const viewer = await requirePage('/points/reports');
  const rows = await listPointReports(await getDb());
  const open = rows.filter((r) => r.status === 'new').length;
  return (
    <>
      <NavBar viewer={viewer!} />
      <main className="page">
        <h1>Сообщения об ошибках в пунктах вакцинации</h1>
        <p className="muted" data-testid="reports-open">
          Новых: {open}. Показаны последние {rows.length}.
        </p>
        {/* An empty table says nothing: say that nobody has reported anything yet. */}
        {rows.length === 0 ? (
          <p data-testid="reports-empty">
            Сообщений пока нет: посетители страницы «Пункты вакцинации» ещё не сообщали об ошибках.
          </p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Когда ({timeZoneName(env().PMAP_TIME_ZONE)})</th>
                <th>Пункт</th>
                <th>Источник</th>
                <th>Что не так</th>
                <th>Комментарий</th>
                <th>Статус</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid="report-row">
                  <td>{formatLocal(r.createdAt, env().PMAP_TIME_ZONE)}</td>
                  <td>
                    <strong>{r.pointName}</strong>
                    <br />
                    <span className="muted">{r.pointAddress}</span>
                  </td>
                  <td>
                    <code>{r.source}</code> / <code>{r.externalId}</code>
                  </td>
                  <td>{reasons[r.reason] ?? r.reason}</td>
                  <td data-testid="report-comment">
                    {r.comment ?? '—'}
                    {r.lang !== 'ru' ? ` (${r.lang})` : ''}
                  </td>
                  <td>
                    {r.status === 'new' ? (
                      <form action={resolveReport}>
                        <input type="hidden" name="id" value={r.id} />
                        <button type="submit">Отметить обработанным</button>
                      </form>
                    ) : (
                      'обработано'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </>
  );
}
