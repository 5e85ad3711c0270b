import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/LoginForm';
import { PublicStats } from '@/components/front/PublicStats';
import { getDb } from '@/db';
import { landingFor } from '@/lib/auth/home';
import { currentViewer } from '@/lib/auth/server';
import { publicStatsBody } from '@/lib/serve/publicStats';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Карта проблем — ЦУР' };

/**
 * The front door: a signed-in user goes to their working page (or to `next` when their role may open it: the login
 * form comes back here); a visitor sees the public entry with the staff login beside it.
 */
export default async function Home({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await currentViewer();
  const n = (await searchParams).next;
  if (viewer) redirect(landingFor(viewer.role, typeof n === 'string' ? n : null));
  const stats = await publicStatsBody(await getDb());
  return (
    <main className="front">
      <section className="front-public">
        <h1>Карта проблем ЦУР</h1>
        <p>Открытые сведения для жителей области — без входа и без персональных данных.</p>
        <ul className="front-links">
          <li>
            <Link href="/vaccination" className="front-card">
              <strong>Пункты вакцинации</strong>
              <span>Ближайший пункт, часы работы, приём без записи, доступная среда</span>
            </Link>
          </li>
        </ul>
        <PublicStats stats={stats} />
      </section>
      <section className="front-staff login" aria-labelledby="staff-login">
        <h2 id="staff-login">Вход для сотрудников</h2>
        <p className="muted">Учётные записи создаёт администратор.</p>
        <LoginForm next="" />
      </section>
    </main>
  );
}
