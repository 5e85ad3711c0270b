'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { requireAction } from '@/lib/auth/guard';
import { ROLES } from '@/lib/auth/options';
import { deleteUser, upsertUser } from '@/lib/auth/users';
import { isPmapError } from '@/lib/errors';
import { renderError } from '@/lib/i18n/errors';
import { issueError } from '@/lib/i18n/zodIssue';

const form = z.strictObject({
  email: z.string().email().max(200),
  password: z.string().min(10).max(200),
  role: z.enum(ROLES),
  owner: z.string().max(100).optional(),
});

export async function saveUser(_prev: string | null, data: FormData): Promise<string | null> {
  await requireAction('/admin/users');
  const parsed = form.safeParse({
    email: data.get('email'),
    password: data.get('password'),
    role: data.get('role'),
    owner: data.get('owner') || undefined,
  });
  if (!parsed.success)
    return `Ошибка: ${issueError(parsed.error.issues[0], parsed.error.issues[0].message, 'form').localized('ru')}`;
  try {
    const u = await upsertUser(await getDb(), parsed.data);
    revalidatePath('/admin/users');
    return u.created ? `Создан ${u.email}` : `Обновлён ${u.email}`;
  } catch (e) {
    return `Ошибка: ${isPmapError(e) ? e.localized('ru') : renderError('users.save_failed', {}, 'ru')}`;
  }
}

export async function removeUser(data: FormData): Promise<void> {
  const viewer = await requireAction('/admin/users');
  const id = z.string().min(1).max(100).parse(data.get('id'));
  if (id === viewer.id) return; // an admin cannot lock themselves out
  await deleteUser(await getDb(), id);
  revalidatePath('/admin/users');
}
