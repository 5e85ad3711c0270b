import type { Metadata } from 'next';
import { NavBar } from '@/components/ui/NavBar';
import { getDb } from '@/db';
import { requirePage } from '@/lib/auth/guard';
import { env } from '@/lib/config/env';
import { auditActionName, roleName, timeZoneName } from '@/lib/i18n/names';
import { formatLocal } from '@/lib/i18n/time';
import { recentAudit } from '@/db/queries/audit';

export const metadata: Metadata = { title: 'Журнал выгрузок' };
export const dynamic = 'force-dynamic';

export default async function AuditPage() {
  const viewer = await requirePage('/admin/audit');
  const rows = await recentAudit(await getDb());
  const tz = env().PMAP_TIME_ZONE;
  return (
    <>
      <NavBar viewer={viewer!} />
      <main className="page">
        <h1>Журнал выгрузок</h1>
        {/* An empty table says nothing: say what will appear here. */}
        {rows.length === 0 ? (
          <p className="muted" data-testid="audit-empty">
            Выгрузок пока не было. Здесь появится каждая выгрузка обращений: кто, когда, с каким фильтром и сколько
            строк.
          </p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Когда ({timeZoneName(tz)})</th>
                <th>Кто</th>
                <th>Роль</th>
                <th>Что</th>
                <th>Фильтр</th>
                <th>Строк</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid="audit-row">
                  <td>{formatLocal(r.at, tz)}</td>
                  <td>{r.actor}</td>
                  <td>{r.role ? roleName(r.role) : 'командная строка'}</td>
                  <td>{auditActionName(r.action)}</td>
                  <td>
                    <code>{JSON.stringify(r.filter)}</code>
                  </td>
                  <td>{r.rows ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </>
  );
}
