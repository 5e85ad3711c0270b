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
  // A signed cookie caches the session for 5 minutes, so most requests skip the sessions table.
  session: { modelName: 'auth_sessions', expiresIn: 60 * 60 * 12, updateAge: 60 * 60, cookieCache: { enabled: true, maxAge: 300 } },
  account: { modelName: 'auth_accounts' },
  verification: { modelName: 'auth_verifications' },
  rateLimit: {
    enabled: true,
    window: 60,
    max: 100,
    customRules: { '/sign-in/email': { window: 60, max: 5 } },
  },
} satisfies BetterAuthOptions;
