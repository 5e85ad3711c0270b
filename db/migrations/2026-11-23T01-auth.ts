import { sql, type Kysely } from 'kysely';

/*
 * Accounts for better-auth (tables and columns as its Kysely adapter expects them, with our model names),
 * and the audit log of exports. Authors' raw contacts move behind a column only admins read (see lib/auth).
 */
const statements = [
  `CREATE TABLE auth_users ("id" text NOT NULL PRIMARY KEY, "name" text NOT NULL, "email" text NOT NULL UNIQUE,
     "emailVerified" boolean NOT NULL, "image" text, "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
     "updatedAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
     "role" text NOT NULL CHECK ("role" IN ('admin', 'analyst', 'road_agency')), "owner" text,
     CHECK ("role" <> 'road_agency' OR "owner" IS NOT NULL))`,
  `CREATE TABLE auth_sessions ("id" text NOT NULL PRIMARY KEY, "expiresAt" timestamptz NOT NULL,
     "token" text NOT NULL UNIQUE, "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
     "updatedAt" timestamptz NOT NULL, "ipAddress" text, "userAgent" text,
     "userId" text NOT NULL REFERENCES auth_users ("id") ON DELETE CASCADE)`,
  `CREATE TABLE auth_accounts ("id" text NOT NULL PRIMARY KEY, "accountId" text NOT NULL, "providerId" text NOT NULL,
     "userId" text NOT NULL REFERENCES auth_users ("id") ON DELETE CASCADE, "accessToken" text, "refreshToken" text,
     "idToken" text, "accessTokenExpiresAt" timestamptz, "refreshTokenExpiresAt" timestamptz, "scope" text,
     "password" text, "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL, "updatedAt" timestamptz NOT NULL)`,
  `CREATE TABLE auth_verifications ("id" text NOT NULL PRIMARY KEY, "identifier" text NOT NULL, "value" text NOT NULL,
     "expiresAt" timestamptz NOT NULL, "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
     "updatedAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL)`,
  `CREATE INDEX auth_sessions_user_idx ON auth_sessions ("userId")`,
  `CREATE INDEX auth_accounts_user_idx ON auth_accounts ("userId")`,
  `CREATE INDEX auth_verifications_identifier_idx ON auth_verifications ("identifier")`,

  `CREATE TABLE audit_log (
     id bigserial PRIMARY KEY,
     at timestamptz NOT NULL DEFAULT now(),
     actor text NOT NULL,
     role text,
     action text NOT NULL,
     filter jsonb NOT NULL DEFAULT '{}',
     rows int,
     detail text
   )`,
  `CREATE INDEX audit_log_at_idx ON audit_log (at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['audit_log', 'auth_verifications', 'auth_accounts', 'auth_sessions', 'auth_users']) {
    await sql.raw(`DROP TABLE IF EXISTS ${t} CASCADE`).execute(db);
  }
}
