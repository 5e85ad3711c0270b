import type { Metadata } from 'next';
import { NavBar } from '@/components/ui/NavBar';
import { UserForm } from '@/components/auth/UserForm';
import { getDb } from '@/db';
import { requirePage } from '@/lib/auth/guard';
import { listUsers } from '@/lib/auth/users';
import { env } from '@/lib/config/env';
import { ownerName, roleName, timeZoneName } from '@/lib/i18n/names';
import { formatLocal } from '@/lib/i18n/time';
import { removeUser, saveUser } from './actions';

export const metadata: Metadata = { title: 'Пользователи' };
export const dynamic = 'force-dynamic';

export default async function UsersPage() {
  const viewer = await requirePage('/admin/users');
  const users = await listUsers(await getDb());
  const tz = env().PMAP_TIME_ZONE;
  return (
    <>
      <NavBar viewer={viewer!} />
      <main className="page">
        <h1>Пользователи</h1>
        <p className="muted">Создание и изменение: тот же email обновляет роль, владельца и пароль.</p>
        <UserForm action={saveUser} />
        <table>
          <thead>
            <tr>
              <th>Email</th>
              <th>Роль</th>
              <th>Владелец дорог</th>
              <th>Создан ({timeZoneName(tz)})</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.email}</td>
                <td>{roleName(u.role)}</td>
                <td>{ownerName(u.owner)}</td>
                <td>{formatLocal(u.createdAt, tz)}</td>
                <td>
                  {u.id !== viewer!.id && (
                    <form action={removeUser}>
                      <input type="hidden" name="id" value={u.id} />
                      <button type="submit" aria-label={`Удалить ${u.email}`}>
                        Удалить
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </main>
    </>
  );
}
