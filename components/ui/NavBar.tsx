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
      {staff && <Link href="/points/reports">Ошибки в пунктах вакцинации</Link>}
      {(staff || viewer.role === 'road_agency') && <Link href="/roads">Дороги</Link>}
      <Link href="/vaccination">Пункты вакцинации</Link>
      {viewer.role === 'admin' && <Link href="/admin/users">Пользователи</Link>}
      {viewer.role === 'admin' && <Link href="/admin/audit">Журнал выгрузок</Link>}
      {viewer.role === 'admin' && <Link href="/admin/import">Импорт</Link>}
      <span className="spacer" />
      <span className="muted" data-testid="viewer">{viewer.email} ({ROLE_RU[viewer.role] ?? viewer.role})</span>
      <SignOutButton />
    </nav>
  );
}
