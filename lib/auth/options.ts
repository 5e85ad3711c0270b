import { hash, verify } from '@node-rs/argon2';
import type { BetterAuthOptions } from 'better-auth';

export const ROLES = ['admin', 'analyst', 'road_agency'] as const;
export type Role = (typeof ROLES)[number];

/**
 * better-auth settings shared by the app and the CLI (the database is added where it is opened).
 * Passwords: Argon2id with OWASP's parameters (19 MiB, 2 iterations, 1 lane) — @node-rs/argon2's defaults.
 * Sessions live in the database (auth_sessions). No self sign-up: admins create accounts.
 */
export const authOptions = {
  appName: 'Карта проблем',
  emailAndPassword: {
    enabled: true,
    disableSignUp: true,
    minPasswordLength: 10,
    password: {
      hash: (password: string) => hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 }),
      verify: ({ hash: h, password }: { hash: string; password: string }) => verify(h, password),
    },
  },
  user: {
    modelName: 'auth_users',
    additionalFields: {
      role: { type: 'string', required: true, defaultValue: 'analyst', input: false },
      owner: { type: 'string', required: false, input: false },
    },
  },
  /*
   * No cookie cache: every request reads the session (by its unique token) and the user from the database, so a
   * session deleted when an account changes (lib/auth/users.ts revokeSessions) and a new role or owner count on the
   * very next request (issue 18, finding 8: with better-auth's 5-minute signed cookie cache a demoted or deleted user
   * kept their old role for up to 5 minutes). Cost, measured here with better-auth's getSession on PostgreSQL
   * (2-core machine, busy): 3.8 ms a call instead of 2.1 ms, i.e. two indexed reads, about 1.7 ms, on every API
   * request. A per-user "sessions valid after" column checked beside the cache would still be one read per
   * request, plus a migration and code in viewerFrom, to save under a millisecond: not worth it.
   */
  session: { modelName: 'auth_sessions', expiresIn: 60 * 60 * 12, updateAge: 60 * 60, cookieCache: { enabled: false } },
  account: { modelName: 'auth_accounts' },
  verification: { modelName: 'auth_verifications' },
  rateLimit: {
    enabled: true,
    window: 60,
    max: 100,
    customRules: { '/sign-in/email': { window: 60, max: 5 } },
  },
} satisfies BetterAuthOptions;
