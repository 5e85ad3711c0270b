import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Database, Session } from '../../db';
import { PmapError } from '../errors';
import { ROLES, type Role } from './options';

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  owner?: string | null;
  name?: string;
}

/**
 * Signs a user out everywhere: deletes their sessions. better-auth reads the session row on every request (no cookie
 * cache: lib/auth/options.ts), so their next request is unauthenticated.
 */
export async function revokeSessions(s: Session, userId: string): Promise<void> {
  await s.query(`DELETE FROM auth_sessions WHERE "userId" = $1`, [userId]);
}

/**
 * Creates a user or updates an existing one (same email): role, owner and password. Writes the rows
 * better-auth reads (auth_users + a "credential" auth_accounts row with an Argon2id hash), so the CLI can make
 * the first admin without the web app running. An update always sets the password, so it revokes the user's
 * sessions (as a change of role or owner must): they sign in again with the new one.
 */
export async function upsertUser(db: Database, u: NewUser): Promise<{ id: string; email: string; role: Role; created: boolean }> {
  const email = u.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw PmapError.keyed('bad_argument', 'users.bad_email', { email: u.email.slice(0, 200) });
  if (!(ROLES as readonly string[]).includes(u.role)) throw PmapError.keyed('bad_argument', 'users.bad_role', { roles: ROLES.join(', ') });
  if (u.password.length < 10) throw PmapError.keyed('bad_argument', 'users.short_password');
  if (u.role === 'road_agency' && !u.owner) throw PmapError.keyed('bad_argument', 'users.owner_required');
  const pw = await hash(u.password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
  return db.transaction(async (s) => {
    const existing = await s.query<{ id: string }>(`SELECT id FROM auth_users WHERE email = $1`, [email]);
    const id = existing[0]?.id ?? randomUUID();
    const owner = u.role === 'road_agency' ? u.owner ?? null : null;
    if (existing.length) {
      await s.query(`UPDATE auth_users SET role = $2, owner = $3, "updatedAt" = now() WHERE id = $1`, [id, u.role, owner]);
      await s.query(`UPDATE auth_accounts SET password = $2, "updatedAt" = now() WHERE "userId" = $1 AND "providerId" = 'credential'`, [id, pw]);
      await revokeSessions(s, id);
    } else {
      await s.query(`INSERT INTO auth_users (id, name, email, "emailVerified", role, owner) VALUES ($1, $2, $3, true, $4, $5)`,
        [id, u.name ?? email.split('@')[0], email, u.role, owner]);
      await s.query(`INSERT INTO auth_accounts (id, "accountId", "providerId", "userId", password, "updatedAt")
                     VALUES ($1, $2, 'credential', $2, $3, now())`, [randomUUID(), id, pw]);
    }
    return { id, email, role: u.role, created: !existing.length };
  });
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  owner: string | null;
  createdAt: Date;
}

export async function listUsers(db: Database): Promise<UserRow[]> {
  return db.query<UserRow>(`SELECT id, email, name, role, owner, "createdAt" FROM auth_users ORDER BY email`);
}

/** Deletes a user; their sessions go with them (explicitly here, and by the foreign key's cascade). */
export async function deleteUser(db: Database, id: string): Promise<void> {
  await db.transaction(async (s) => {
    await revokeSessions(s, id);
    await s.query(`DELETE FROM auth_users WHERE id = $1`, [id]);
  });
}
