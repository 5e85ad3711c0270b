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
      <p>Ваша роль не позволяет открыть этот раздел.</p>
      <p><Link href={homeFor(viewer?.role ?? null)}>{viewer ? 'Перейти на вашу страницу' : 'На главную'}</Link></p>
      <p><Link href="/login">Войти под другой учётной записью</Link></p>
    </main>
  );
}
