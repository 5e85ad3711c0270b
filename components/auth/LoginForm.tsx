'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

/** Signs in through better-auth's endpoint, then goes where the user was headed (same-origin paths only). */
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
      router.replace(next);
      router.refresh();
      return;
    }
    setError(res?.status === 429 ? 'Слишком много попыток. Подождите минуту.' : 'Неверный email или пароль.');
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
      <button className="primary" type="submit" disabled={busy}>{busy ? 'Вход…' : 'Войти'}</button>
      {error && <p id="login-error" role="alert" className="error">{error}</p>}
    </form>
  );
}
