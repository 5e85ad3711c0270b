import type { Metadata } from 'next';
import { NavBar } from '@/components/ui/NavBar';
import { getDb } from '@/db';
import { requirePage } from '@/lib/auth/guard';
import { recentAudit } from '@/lib/store/audit';

export const metadata: Metadata = { title: 'Журнал выгрузок' };
export const dynamic = 'force-dynamic';

export default async function AuditPage() {
  const viewer = await requirePage('/admin/audit');
  const rows = await recentAudit(await getDb());
  return (
    <>
      <NavBar viewer={viewer!} />
      <main className="page">
        <h1>Журнал выгрузок</h1>
        <table>
          <thead><tr><th>Когда</th><th>Кто</th><th>Роль</th><th>Что</th><th>Фильтр</th><th>Строк</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="audit-row">
                <td>{new Date(r.at).toLocaleString('ru-RU')}</td>
                <td>{r.actor}</td>
                <td>{r.role ?? '—'}</td>
                <td>{r.action}</td>
                <td><code>{JSON.stringify(r.filter)}</code></td>
                <td>{r.rows ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </main>
    </>
  );
}
