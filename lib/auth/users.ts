import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Database, Session } from '../../db';
import {
  deleteUserRow,
  deleteUserSessions,
  insertUser,
  updateUserAccess,
  userIdByEmail,
  userRows,
} from '../../db/queries/users';
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
  await deleteUserSessions(s, userId);
}

/**
 * Creates a user or updates an existing one (same email): role, owner and password. Writes the rows
 * better-auth reads (auth_users + a "credential" auth_accounts row with an Argon2id hash), so the CLI can make
 * the first admin without the web app running. An update always sets the password, so it revokes the user's
 * sessions (as a change of role or owner must): they sign in again with the new one.
 */
export async function upsertUser(
  db: Database,
  u: NewUser,
): Promise<{ id: string; email: string; role: Role; created: boolean }> {
  const email = u.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    throw PmapError.keyed('bad_argument', 'users.bad_email', { email: u.email.slice(0, 200) });
  if (!(ROLES as readonly string[]).includes(u.role))
    throw PmapError.keyed('bad_argument', 'users.bad_role', { roles: ROLES.join(', ') });
  if (u.password.length < 10) throw PmapError.keyed('bad_argument', 'users.short_password');
  if (u.role === 'road_agency' && !u.owner) throw PmapError.keyed('bad_argument', 'users.owner_required');
  const pw = await hash(u.password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
  return db.transaction(async (s) => {
    const existing = await userIdByEmail(s, email);
    const id = existing ?? randomUUID();
    const owner = u.role === 'road_agency' ? (u.owner ?? null) : null;
    if (existing) {
      await updateUserAccess(s, id, u.role, owner, pw);
      await revokeSessions(s, id);
    } else {
      await insertUser(s, {
        id,
        accountId: randomUUID(),
        name: u.name ?? email.split('@')[0]!,
        email,
        role: u.role,
        owner,
        passwordHash: pw,
      });
    }
    return { id, email, role: u.role, created: !existing };
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
  return (await userRows(db)) as UserRow[];
}

/** Deletes a user; their sessions go with them (explicitly here, and by the foreign key's cascade). */
export async function deleteUser(db: Database, id: string): Promise<void> {
  await db.transaction(async (s) => {
    await revokeSessions(s, id);
    await deleteUserRow(s, id);
  });
}
