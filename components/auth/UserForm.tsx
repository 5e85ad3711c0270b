'use client';

import { useActionState } from 'react';
import { OWNER_NAMES } from '@/lib/i18n/names';

export function UserForm({ action }: { action: (prev: string | null, data: FormData) => Promise<string | null> }) {
  const [message, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="form-row" aria-label="Новый пользователь">
      <label>
        Email
        <input name="email" type="email" required />
      </label>
      <label>
        Пароль (от 10 символов)
        <input name="password" type="password" minLength={10} required />
      </label>
      <label>
        Роль
        <select name="role" defaultValue="analyst">
          <option value="analyst">аналитик</option>
          <option value="road_agency">дорожная служба</option>
          <option value="admin">администратор</option>
        </select>
      </label>
      <label>
        Владелец дорог (для дорожной службы)
        <select name="owner" defaultValue="">
          <option value="">—</option>
          {Object.entries(OWNER_NAMES).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <button className="primary" type="submit" disabled={pending}>
        Сохранить
      </button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
