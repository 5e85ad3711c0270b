import { createHmac, randomUUID } from 'node:crypto';

/**
 * What the probe did: better-auth's cookies signed with a secret the attacker knows. A session token cookie
 * ("token.HMAC") and a cookie-cache cookie ("session_data", compact strategy: base64url JSON with an HMAC) that says
 * the user is an admin. The token may be a real one (the sessions table is read on every request when the cookie cache
 * is off), and the cookie names take the server's prefix (`__Secure-` in production). With the server's real secret this is a valid session; with any other it must be nothing.
 */
export function forgedAdminCookie(secret: string, token = randomUUID().replace(/-/g, ''), prefix = ''): string {
  const now = new Date();
  const later = new Date(now.getTime() + 3600_000);
  const userId = randomUUID();
  const data = {
    session: {
      id: randomUUID(),
      userId,
      token,
      expiresAt: later.toISOString(),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      ipAddress: null,
      userAgent: null,
    },
    user: {
      id: userId,
      email: 'forged@example.org',
      emailVerified: true,
      name: 'forged',
      image: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      role: 'admin',
      owner: null,
    },
    updatedAt: now.getTime(),
    version: '1',
  };
  const expiresAt = later.getTime();
  const signature = createHmac('sha256', secret)
    .update(JSON.stringify({ ...data, expiresAt }))
    .digest('base64url');
  const sessionData = Buffer.from(JSON.stringify({ session: data, expiresAt, signature })).toString('base64url');
  const tokenSig = createHmac('sha256', secret).update(token).digest('base64');
  return `${prefix}better-auth.session_token=${encodeURIComponent(`${token}.${tokenSig}`)}; ${prefix}better-auth.session_data=${sessionData}`;
}
