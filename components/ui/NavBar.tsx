import Link from 'next/link';
import type { Viewer } from '@/lib/auth/server';
import { SignOutButton } from '@/components/auth/SignOutButton';
import { decide } from '@/lib/auth/policy';
import { roleName } from '@/lib/i18n/names';

/** The staff header: sections the viewer's role may open, who is signed in, and sign-out. */
export function NavBar({ viewer }: { viewer: Viewer }) {
  // Only what the role may open (lib/auth/policy.ts decides, as it does for the page itself).
  const may = (path: string) => decide(path, viewer.role) === 'allow';
  const admin = (['/admin/import', '/admin/users', '/admin/audit'] as const).filter(may);
  return (
    <nav className="nav" aria-label="Разделы">
      <span className="brand">ЦУР · Карта проблем</span>
      {may('/map') && <Link href="/map">Карта</Link>}
      {may('/appeals') && <Link href="/appeals">Обращения</Link>}
      {may('/briefing') && <Link href="/briefing">Справка</Link>}
      {may('/roads') && <Link href="/roads">Дороги</Link>}
      <Link href="/vaccination">Вакцинация</Link>
      {may('/points/reports') && (
        <Link href="/points/reports" title="Сообщения граждан об ошибках в пунктах вакцинации">
          Ошибки в пунктах
        </Link>
      )}
      {admin.length > 0 && (
        // A menu without script: <details> opens on click and keyboard; the header stays on one line at 1280 px.
        <details className="nav-menu">
          <summary>Администрирование</summary>
          <div role="menu">
            {admin.includes('/admin/import') && (
              <Link role="menuitem" href="/admin/import">
                Импорт
              </Link>
            )}
            {admin.includes('/admin/users') && (
              <Link role="menuitem" href="/admin/users">
                Пользователи
              </Link>
            )}
            {admin.includes('/admin/audit') && (
              <Link role="menuitem" href="/admin/audit">
                Журнал выгрузок
              </Link>
            )}
          </div>
        </details>
      )}
      <span className="spacer" />
      {/* Email over role, in two short lines: on one line an admin's header cut it to «admin@demo.pmap (…». */}
      <span className="muted nav-viewer" data-testid="viewer" title={`${viewer.email} (${roleName(viewer.role)})`}>
        <span>{viewer.email}</span> <span className="nav-role">({roleName(viewer.role)})</span>
      </span>
      <SignOutButton />
    </nav>
  );
}
