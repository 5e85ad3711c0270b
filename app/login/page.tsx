import type { Metadata } from 'next';
import Link from 'next/link';
import { LoginForm } from '@/components/auth/LoginForm';

export const metadata: Metadata = { title: 'Вход' };

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(v: string | string[] | undefined): string {
  const s = Array.isArray(v) ? v[0] : v;
  return s && /^\/(?!\/)[\w\-/.?=&%]*$/.test(s) ? s : '';
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const next = safeNext((await searchParams).next);
  return (
    <main className="login">
      <h1>Вход для сотрудников</h1>
      <p className="muted">Карта проблем ЦУР. Учётные записи создаёт администратор.</p>
      <LoginForm next={next} />
      <p>
        <Link href="/">Открытые сведения для жителей</Link>
      </p>
    </main>
  );
}
