import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_SECRETS } from '../../lib/config/env';
import { routesFromCode } from '../helpers/routes';
import { BASE_URL, launch, ORIGIN, sessionCookie, url } from './browser';
import { forgedAdminCookie } from './forge';
import { runServer, startServer, type Started } from './server';

const APP = path.resolve(__dirname, '../../app');
const REAL_SECRET = process.env.E2E_AUTH_SECRET;
const strong = (c: string) => c.repeat(44);

describe.skipIf(!BASE_URL)('security findings of the outside probe (issue 18)', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await sessionCookie('admin');
  });

  describe('1. secrets', () => {
    it('production refuses to start without real secrets, in one line naming the variable', async () => {
      const cases: [Record<string, string | undefined>, RegExp][] = [
        [{ PMAP_AUTH_SECRET: undefined, PMAP_PSEUDONYM_KEY: strong('k') }, /^pmap: PMAP_AUTH_SECRET is not set/],
        [
          { PMAP_AUTH_SECRET: DEV_SECRETS.PMAP_AUTH_SECRET, PMAP_PSEUDONYM_KEY: strong('k') },
          /^pmap: PMAP_AUTH_SECRET is the public development default/,
        ],
        [{ PMAP_AUTH_SECRET: strong('s'), PMAP_PSEUDONYM_KEY: undefined }, /^pmap: PMAP_PSEUDONYM_KEY is not set/],
        [
          { PMAP_AUTH_SECRET: strong('s'), PMAP_PSEUDONYM_KEY: DEV_SECRETS.PMAP_PSEUDONYM_KEY },
          /^pmap: PMAP_PSEUDONYM_KEY is the public development default/,
        ],
      ];
      for (const [env, message] of cases) {
        const { done } = runServer(env, 1);
        const { code, stderr } = await done;
        expect(code).toBe(1);
        expect(stderr.trim().split('\n')).toHaveLength(1);
        expect(stderr.trim()).toMatch(message);
      }
    }, 120_000);

    it('a session forged with the public development secret is nobody', async () => {
      expect(REAL_SECRET, "scripts/e2e.sh passes the server's secret").toBeTruthy();
      // An admin's session token, re-signed: with the server's own secret the cookies are an admin session (so the
      // forgery is right), with the public development secret they are nobody.
      const [, prefix = '', signed] = /(__Secure-)?better-auth\.session_token=([^;]+)/.exec(admin)!;
      const token = decodeURIComponent(signed).split('.')[0];
      const forged = (secret: string, t?: string) =>
        fetch(url('/api/admin/users'), { headers: { cookie: forgedAdminCookie(secret, t, prefix) } });
      expect((await forged(REAL_SECRET!, token)).status).toBe(200);
      expect((await forged(DEV_SECRETS.PMAP_AUTH_SECRET, token)).status).toBe(401);
      expect((await forged(DEV_SECRETS.PMAP_AUTH_SECRET)).status).toBe(401);
    });
  });

  describe('2. cross-site request forgery', () => {
    /** Every state-changing route handler under app/, from the code, so a new one cannot be forgotten. */
    const writers = routesFromCode()
      .filter((r) => r.kind === 'route')
      .flatMap((r) => {
        const file = path.join(APP, r.pattern, 'route.ts');
        const src = fs.readFileSync(file, 'utf8');
        return [...src.matchAll(/export (?:const|async function) (POST|PUT|PATCH|DELETE)\b/g)].map((m) => ({
          pattern: r.pattern,
          method: m[1],
        }));
      });
    const sample: Record<string, string> = {
      '/api/auth/[...all]': '/api/auth/sign-out',
      '/api/admin/imports/upload': '/api/admin/imports/upload?name=x.csv',
      '/api/appeals/[id]/topic': '/api/appeals/1/topic',
      '/api/appeals/[id]/location': '/api/appeals/1/location',
    };
    const JSON_ROUTES = [
      '/api/admin/users',
      '/api/roads/weights',
      '/api/admin/imports',
      '/api/bot/appeals',
      '/api/public/point-reports',
      '/api/appeals/1/topic',
      '/api/appeals/1/location',
    ];

    it('finds the state-changing routes', () => {
      expect(writers.map((w) => w.pattern)).toEqual(
        expect.arrayContaining(['/api/admin/users', '/api/roads/weights', '/open311/v2/requests.json']),
      );
    });

    it('refuses every state-changing route from another origin (another port of the same host), with an admin session', async () => {
      for (const w of writers) {
        const target = url(sample[w.pattern] ?? w.pattern);
        for (const origin of ['http://127.0.0.1:1', 'http://evil.example', 'null']) {
          const res = await fetch(target, {
            method: w.method,
            headers: { cookie: admin, origin, 'content-type': 'text/plain' },
            body: '{"email":"csrf@evil.example"}',
          });
          expect(res.status, `${w.method} ${target} from ${origin}`).toBe(403);
        }
        const noOrigin = await fetch(target, {
          method: w.method,
          headers: { cookie: admin, 'content-type': 'text/plain', 'sec-fetch-site': 'same-site' },
          body: '{}',
        });
        expect(noOrigin.status, `${w.method} ${target} same-site without Origin`).toBe(403);
      }
    });

    it('routes that read JSON refuse other content types even from our own origin', async () => {
      for (const p of JSON_ROUTES) {
        const headers = {
          cookie: admin,
          origin: ORIGIN,
          'content-type': 'text/plain',
          'idempotency-key': `csrf-test-${Date.now()}-${p.length}`,
        };
        const res = await fetch(url(p), { method: 'POST', headers, body: '{}' });
        expect(res.status, p).toBe(415);
      }
    });

    it('a page on another port auto-submitting a text/plain form does not create an admin', async () => {
      // text/plain sends name=value: the name opens a JSON body, "=" lands in a harmless field, the value closes it.
      const victim = `csrf-${Date.now()}@evil.example`;
      const form = `<form id=f method=post enctype=text/plain action="${url('/api/admin/users')}">
        <input name='{"email":"${victim}","password":"attacker-pass-123","role":"admin","owner":"' value='"}'></form>
        <script>document.getElementById('f').submit()</script>`;
      const evil = http.createServer((_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end(form));
      await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
      const browser: Browser = await launch();
      try {
        const ctx = await browser.newContext();
        const [name, ...v] = admin
          .split('; ')
          .find((c) => /^(__Secure-)?better-auth\.session_token=/.test(c))!
          .split('=');
        await ctx.addCookies([
          {
            name,
            value: v.join('='),
            domain: '127.0.0.1',
            path: '/',
            secure: name.startsWith('__Secure-'),
            sameSite: 'Lax',
            httpOnly: true,
          },
        ]);
        const page = await ctx.newPage();
        const posted = page.waitForResponse((r) => r.url().endsWith('/api/admin/users'));
        await page.goto(`http://127.0.0.1:${(evil.address() as { port: number }).port}/`);
        expect((await posted).status()).toBe(403);
      } finally {
        await browser.close();
        evil.close();
      }
      const users = await (await fetch(url('/api/admin/users'), { headers: { cookie: admin } })).json();
      expect(users.users.map((u: { email: string }) => u.email)).not.toContain(victim);
    }, 60_000);
  });

  describe('3. rate limits and forwarded addresses', () => {
    const signIn = (base: string, xff: string) =>
      fetch(`${base}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base, 'x-forwarded-for': xff },
        body: JSON.stringify({ email: 'analyst@demo.pmap', password: 'wrong-password-123' }),
      });
    const rnd = () =>
      `${1 + Math.floor(Math.random() * 220)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

    it('behind a trusted proxy, the right-most untrusted address is the client: a spoofed left part changes nothing', async () => {
      // The e2e server trusts loopback as its proxy; the proxy appended the address it saw after the client's own text.
      const client = `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await signIn(ORIGIN, `${rnd()}, ${client}`)).status);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      // Another client behind the same proxy is not locked out by the first.
      expect((await signIn(ORIGIN, `${client}, 198.51.100.${1 + Math.floor(Math.random() * 250)}`)).status).toBe(401);
    });

    describe('with no trusted proxy (the default)', () => {
      let s: Started;
      beforeAll(async () => {
        s = await startServer({ PMAP_TRUSTED_PROXIES: undefined });
      }, 120_000);
      afterAll(() => s?.stop());

      it('a new X-Forwarded-For per request does not bypass the sign-in limit', async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 7; i++) statuses.push((await signIn(s.base, rnd())).status);
        expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
        expect(statuses.slice(5)).toEqual([429, 429]);
      });

      it('… nor the anonymous API limit', async () => {
        let limited = 0;
        for (let i = 0; i < 320; i++) {
          const res = await fetch(`${s.base}/api/public/point-reports`, { headers: { 'x-forwarded-for': rnd() } });
          if (res.status === 429) limited++;
        }
        expect(limited).toBeGreaterThanOrEqual(15);
      }, 120_000);
    });
  });

  describe('12. HSTS', () => {
    let s: Started;
    beforeAll(async () => {
      s = await startServer({ PMAP_BASE_URL: 'https://map.example.test' });
    }, 120_000);
    afterAll(() => s?.stop());

    it('is sent when the public URL is https, and not on plain http', async () => {
      expect((await fetch(`${s.base}/api/health`)).headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
      expect((await fetch(`${s.base}/vaccination`)).headers.get('strict-transport-security')).toMatch(
        /^max-age=\d{7,}/,
      );
      expect((await fetch(url('/api/health'))).headers.get('strict-transport-security')).toBeNull();
    });
  });
});
