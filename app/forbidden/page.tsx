import type { Metadata } from 'next';
import Link from 'next/link';
import { homeFor } from '@/lib/auth/home';
import { currentViewer } from '@/lib/auth/server';

// Rendered per request: the per-request CSP nonce (proxy.ts) reaches only dynamic pages' scripts.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Нет доступа' };

export default async function Forbidden() {
  const viewer = await currentViewer();
  return (
    <main className="login">
      <h1>Нет доступа</h1>
      {/* A visitor who is not signed in has no role to blame: ask them to sign in instead. */}
      <p>
        {viewer ? 'Ваша роль не позволяет открыть этот раздел.' : 'Этот раздел открыт только сотрудникам после входа.'}
      </p>
      <p>
        <Link href={homeFor(viewer?.role ?? null)}>{viewer ? 'Перейти на вашу страницу' : 'На главную'}</Link>
      </p>
      <p>
        <Link href="/login">{viewer ? 'Войти под другой учётной записью' : 'Войти'}</Link>
      </p>
    </main>
  );
}
