import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client';
import { freshPostgres } from '../helpers/db';

/*
 * Issue 18, finding 8: a signed-in user kept their old role for up to 5 minutes after an admin changed it (better-auth's
 * signed cookie cache answered without the database), and their session row lived on. Here the app's own route
 * wrapper (lib/serve/http.ts → viewerFrom) reads the old cookie right after the change, in process, on a database of
 * its own.
 */
vi.mock('server-only', () => ({}));

let db: Database;
let app: {
  getAuth: typeof import('../../lib/auth/server').getAuth;
  users: typeof import('../../lib/auth/users');
  GET: (req: Request) => Promise<Response>;
  closeDb: () => Promise<void>;
};

const BASE = 'http://localhost:3000';

/** Signs in through better-auth as the login form does and returns the Cookie header the browser would send. */
async function signIn(email: string, password: string): Promise<string> {
  const auth = await app.getAuth();
  const res = await auth.api.signInEmail({
    body: { email, password },
    headers: new Headers({ origin: BASE, host: 'localhost:3000' }),
    asResponse: true,
  });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** A GET of /api/roads/weights (every signed-in role may read it) through the app's route wrapper: the status. */
const status = async (cookie: string) =>
  (await app.GET(new Request(`${BASE}/api/roads/weights`, { headers: { cookie, host: 'localhost:3000' } }))).status;

beforeAll(async () => {
  let url: string;
  ({ db, url } = await freshPostgres('session_revocation'));
  // The app's modules open the process-wide database from the environment on first use.
  vi.stubEnv('DATABASE_URL', url);
  const server = await import('../../lib/auth/server');
  const { closeDb } = await import('../../db');
  const { route } = await import('../../lib/serve/http');
  const GET = route('/api/roads/weights', async () => new Response('ok'));
  app = { getAuth: server.getAuth, users: await import('../../lib/auth/users'), GET, closeDb };
}, 120_000);
afterAll(async () => {
  await app?.closeDb();
  await db?.close();
  vi.unstubAllEnvs();
});

describe('sessions end when an account changes (issue 18, finding 8)', () => {
  it('a road agency whose role is changed by upsertUser gets 401 on the very next request', async () => {
    const u = {
      email: 'road1@test.pmap',
      password: 'road-password-1',
      role: 'road_agency' as const,
      owner: 'municipal',
    };
    await app.users.upsertUser(db, u);
    const cookie = await signIn(u.email, u.password);
    expect(await status(cookie)).toBe(200);
    await app.users.upsertUser(db, { ...u, role: 'analyst', owner: null });
    expect(await status(cookie)).toBe(401);
    expect(
      await db.query(`SELECT 1 FROM auth_sessions s JOIN auth_users u ON u.id = s."userId" WHERE u.email = $1`, [
        u.email,
      ]),
    ).toEqual([]);
    // Signing in again works, with the new role.
    expect(await status(await signIn(u.email, u.password))).toBe(200);
  });

  it('an analyst whose password is changed by upsertUser gets 401 on the very next request', async () => {
    const u = { email: 'analyst1@test.pmap', password: 'analyst-password-1', role: 'analyst' as const };
    await app.users.upsertUser(db, u);
    const cookie = await signIn(u.email, u.password);
    expect(await status(cookie)).toBe(200);
    await app.users.upsertUser(db, { ...u, password: 'analyst-password-2' });
    expect(await status(cookie)).toBe(401);
  });

  it('a road agency moved to another owner gets 401 on the very next request', async () => {
    const u = {
      email: 'road2@test.pmap',
      password: 'road-password-2',
      role: 'road_agency' as const,
      owner: 'municipal',
    };
    await app.users.upsertUser(db, u);
    const cookie = await signIn(u.email, u.password);
    expect(await status(cookie)).toBe(200);
    await app.users.upsertUser(db, { ...u, owner: 'federal' });
    expect(await status(cookie)).toBe(401);
  });

  it('a deleted user gets 401 on the very next request', async () => {
    const u = { email: 'analyst2@test.pmap', password: 'analyst-password-3', role: 'analyst' as const };
    const { id } = await app.users.upsertUser(db, u);
    const cookie = await signIn(u.email, u.password);
    expect(await status(cookie)).toBe(200);
    await app.users.deleteUser(db, id);
    expect(await status(cookie)).toBe(401);
  });

  it('other users keep their sessions', async () => {
    const a = { email: 'analyst3@test.pmap', password: 'analyst-password-4', role: 'analyst' as const };
    const b = { email: 'analyst4@test.pmap', password: 'analyst-password-5', role: 'analyst' as const };
    await app.users.upsertUser(db, a);
    await app.users.upsertUser(db, b);
    const cookieA = await signIn(a.email, a.password);
    await app.users.upsertUser(db, { ...b, role: 'road_agency', owner: 'municipal' });
    expect(await status(cookieA)).toBe(200);
  });
});
