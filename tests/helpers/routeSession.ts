import { expect, vi } from 'vitest';
import type { Database } from '../../db/client';
import { freshPostgres } from './db';

/** The origin in-process route calls use (the CSRF check compares it with the Origin header). */
export const ROUTE_BASE = 'http://localhost:3000';

/**
 * For calling app/api route handlers in-process: a fresh database that DATABASE_URL points at (the handlers open it
 * themselves), an admin signed in through better-auth, and that admin's session cookie. `close` undoes all of it.
 */
export async function adminRouteSession(
  name: string,
): Promise<{ db: Database; cookie: string; close: () => Promise<void> }> {
  const { db, url } = await freshPostgres(name);
  vi.stubEnv('DATABASE_URL', url);
  const { getAuth } = await import('../../lib/auth/server');
  const users = await import('../../lib/auth/users');
  const { closeDb } = await import('../../db');
  await users.upsertUser(db, { email: 'admin@test.pmap', password: 'admin-password-1', role: 'admin', owner: null });
  const res = await (
    await getAuth()
  ).api.signInEmail({
    body: { email: 'admin@test.pmap', password: 'admin-password-1' },
    headers: new Headers({ origin: ROUTE_BASE, host: 'localhost:3000' }),
    asResponse: true,
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const close = async () => {
    await closeDb();
    await db.close();
    vi.unstubAllEnvs();
  };
  return { db, cookie, close };
}
