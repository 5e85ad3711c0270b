import 'server-only';
import { betterAuth } from 'better-auth';
import { headers as nextHeaders } from 'next/headers';
import { authDatabase, type AuthDatabase } from '../../db/auth';
import { env } from '../config/env';
import { CLIENT_IP_HEADER } from '../serve/clientAddress';
import { authOptions, type Role } from './options';

function createAuth(kysely: AuthDatabase) {
  const hosts = env()
    .PMAP_ALLOWED_HOSTS.split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  return betterAuth({
    ...authOptions,
    database: { db: kysely, type: 'postgres' },
    secret: env().PMAP_AUTH_SECRET,
    // A fixed public URL in production; otherwise the request's own host, if it is one we serve.
    baseURL: env().PMAP_BASE_URL ?? { allowedHosts: hosts, protocol: 'auto' },
    // Sign-in checks the Origin header against these (CSRF): our own hosts only.
    trustedOrigins: env().PMAP_BASE_URL
      ? [env().PMAP_BASE_URL!]
      : hosts.flatMap((h) => [`http://${h}`, `https://${h}`]),
    telemetry: { enabled: false },
    // Sign-in's rate limit keys on the address server.ts decided (trusted proxies only), never on X-Forwarded-For.
    advanced: { ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] } },
  });
}
export type Auth = ReturnType<typeof createAuth>;

const holder = globalThis as unknown as { __pmapAuth?: Promise<Auth> };

/** better-auth over the app's database, created on first use (never at import time). */
export function getAuth(): Promise<Auth> {
  holder.__pmapAuth ??= authDatabase().then(createAuth);
  holder.__pmapAuth.catch(() => (holder.__pmapAuth = undefined));
  return holder.__pmapAuth;
}

export interface Viewer {
  id: string;
  email: string;
  role: Role;
  owner: string | null;
}

/** The signed-in user behind a request's cookies, or null. */
export async function viewerFrom(h: Headers): Promise<Viewer | null> {
  const auth = await getAuth();
  const s = await auth.api.getSession({ headers: h });
  if (!s) return null;
  const u = s.user as typeof s.user & { role?: string; owner?: string | null };
  return { id: u.id, email: u.email, role: (u.role ?? 'analyst') as Role, owner: u.owner ?? null };
}

export async function currentViewer(): Promise<Viewer | null> {
  return viewerFrom(await nextHeaders());
}
