import Link from 'next/link';
import type { Viewer } from '@/lib/auth/server';
import { SignOutButton } from '@/components/auth/SignOutButton';

const ROLE_RU: Record<string, string> = { admin: 'администратор', analyst: 'аналитик', road_agency: 'дорожная служба' };

/** The staff header: sections the viewer's role may open, who is signed in, and sign-out. */
export function NavBar({ viewer }: { viewer: Viewer }) {
  const staff = viewer.role === 'admin' || viewer.role === 'analyst';
  return (
    <nav className="nav" aria-label="Разделы">
      <span className="brand">ЦУР · Карта проблем</span>
      {staff && <Link href="/map">Карта</Link>}
      {staff && <Link href="/appeals">Обращения</Link>}
      {staff && <Link href="/briefing">Справка</Link>}
      {(staff || viewer.role === 'road_agency') && <Link href="/roads">Дороги</Link>}
      <Link href="/vaccination">Вакцинация</Link>
      {staff && <Link href="/points/reports" title="Сообщения граждан об ошибках в пунктах вакцинации">Ошибки в пунктах</Link>}
      {viewer.role === 'admin' && (
        // A menu without script: <details> opens on click and keyboard; the header stays on one line at 1280 px.
        <details className="nav-menu">
          <summary>Администрирование</summary>
          <div role="menu">
            <Link role="menuitem" href="/admin/import">Импорт</Link>
            <Link role="menuitem" href="/admin/users">Пользователи</Link>
            <Link role="menuitem" href="/admin/audit">Журнал выгрузок</Link>
          </div>
        </details>
      )}
      <span className="spacer" />
      <span className="muted" data-testid="viewer" title={`${viewer.email} (${ROLE_RU[viewer.role] ?? viewer.role})`}>
        {viewer.email} ({ROLE_RU[viewer.role] ?? viewer.role})
      </span>
      <SignOutButton />
    </nav>
  );
}
