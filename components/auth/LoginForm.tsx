'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { renderError } from '@/lib/i18n/errors';

/**
 * Signs in through better-auth's endpoint, then goes through `/`, which sends the user to `next` when their role may
 * open it and to their role's home page otherwise (lib/auth/home.ts).
 */
export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await fetch('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: form.get('email'), password: form.get('password') }),
    }).catch(() => null);
    setBusy(false);
    if (res?.ok) {
      router.replace(next ? `/?next=${encodeURIComponent(next)}` : '/');
      router.refresh();
      return;
    }
    setError(renderError(res?.status === 429 ? 'auth.too_many_attempts' : 'auth.bad_credentials', {}, 'ru'));
  }

  return (
    <form onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        Пароль
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button className="primary" type="submit" disabled={busy}>
        {busy ? 'Вход…' : 'Войти'}
      </button>
      {error && (
        <p id="login-error" role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
