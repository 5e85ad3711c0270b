import type { Database, Session } from '../client';
import { qb, run, runFirst } from '../sql/builder';

/* Server-only. The rows better-auth reads: users, their credential accounts, their sessions. */

/** Deletes all of a user's sessions. */
export async function deleteUserSessions(s: Session, userId: string): Promise<void> {
  await run(s, qb.deleteFrom('auth_sessions').where('userId', '=', userId));
}

export async function userIdByEmail(s: Session, email: string): Promise<string | undefined> {
  return (await runFirst(s, qb.selectFrom('auth_users').select('id').where('email', '=', email)))?.id;
}

/** Sets an existing user's role and owner, and the password hash of their credential account. */
export async function updateUserAccess(
  s: Session,
  id: string,
  role: string,
  owner: string | null,
  passwordHash: string,
): Promise<void> {
  await run(
    s,
    qb
      .updateTable('auth_users')
      .set((eb) => ({ role, owner, updatedAt: eb.fn('now') }))
      .where('id', '=', id),
  );
  await run(
    s,
    qb
      .updateTable('auth_accounts')
      .set((eb) => ({ password: passwordHash, updatedAt: eb.fn('now') }))
      .where('userId', '=', id)
      .where('providerId', '=', 'credential'),
  );
}

/** A new user (email verified) with a credential account holding the password hash. */
export async function insertUser(
  s: Session,
  u: {
    id: string;
    accountId: string;
    name: string;
    email: string;
    role: string;
    owner: string | null;
    passwordHash: string;
  },
): Promise<void> {
  await run(
    s,
    qb
      .insertInto('auth_users')
      .values({ id: u.id, name: u.name, email: u.email, emailVerified: true, role: u.role, owner: u.owner }),
  );
  await run(
    s,
    qb.insertInto('auth_accounts').values((eb) => ({
      id: u.accountId,
      accountId: u.id,
      providerId: 'credential',
      userId: u.id,
      password: u.passwordHash,
      updatedAt: eb.fn('now'),
    })),
  );
}

export interface UserListRow {
  id: string;
  email: string;
  name: string;
  role: string;
  owner: string | null;
  createdAt: Date;
}

/** Every user, by email. */
export async function userRows(db: Database): Promise<UserListRow[]> {
  return run(
    db,
    qb.selectFrom('auth_users').select(['id', 'email', 'name', 'role', 'owner', 'createdAt']).orderBy('email'),
  );
}

export async function deleteUserRow(s: Session, id: string): Promise<void> {
  await run(s, qb.deleteFrom('auth_users').where('id', '=', id));
}
