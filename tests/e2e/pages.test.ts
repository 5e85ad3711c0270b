import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeFor } from '../../lib/auth/home';
import { decide } from '../../lib/auth/policy';
import { routesFromCode } from '../helpers/routes';
import { BASE_URL, DEMO, launch, ORIGIN, testClientIp, url, type DemoRole } from './browser';

/*
 * Every page × role × viewport: lands where the access rule says, with no console error (a CSP refusal is one), no
 * serious or critical axe finding, and a screenshot in test-results/pages/ for a person to look at.
 */
const PAGES = routesFromCode()
  .filter((r) => r.kind === 'page')
  .map((r) => r.pattern)
  .sort();
const ROLES: (DemoRole | 'anonymous')[] = ['anonymous', 'analyst', 'road_agency', 'admin'];
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];
const OUT = 'test-results/pages';
const OWN_HOST = BASE_URL ? new URL(BASE_URL).host : '';

/** A request that would leave the machine: any http(s) or ws(s) URL of another host than the app's. */
const foreignUrl = (u: URL) => ['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) && u.host !== OWN_HOST;

/** Where `pattern` should land for `role`, by the policy (not by what the app does). */
function expected(pattern: string, role: DemoRole | 'anonymous'): string {
  const r = role === 'anonymous' ? null : role;
  if (pattern === '/' && r) return homeFor(r);
  const d = decide(pattern, r);
  if (d === 'unauthenticated') return `/login?next=${encodeURIComponent(pattern)}`;
  if (d === 'forbidden') return '/forbidden';
  return pattern;
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 8_000 }).catch(() => undefined);
  // A page with a map is looked at once its style and tiles are drawn (a grey box says nothing to a person).
  await page
    .waitForFunction(
      () => {
        const w = window as unknown as Record<string, { loaded(): boolean; areTilesLoaded(): boolean } | undefined>;
        const maps = ['__pmapMap', '__pmapRoadsMap', '__pmapPointsMap'].map((k) => w[k]).filter((m) => m !== undefined);
        return maps.every((m) => m.loaded() && m.areTilesLoaded());
      },
      null,
      { timeout: 30_000, polling: 250 },
    )
    .catch(() => undefined);
  await page.waitForTimeout(500);
}

describe.skipIf(!BASE_URL)('every page × role × viewport', () => {
  let browser: Browser;
  const contexts = new Map<string, BrowserContext>();
  /** Requests to other hosts, per context: blocked before they leave, and each one fails the page that made it. */
  const foreign = new Map<string, string[]>();

  beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    browser = await launch();
    for (const role of ROLES) {
      for (const vp of VIEWPORTS) {
        const ctx = await browser.newContext({
          viewport: vp,
          locale: 'ru-RU',
          extraHTTPHeaders: { 'X-Forwarded-For': testClientIp() },
        });
        const seen: string[] = [];
        foreign.set(`${role}@${vp.width}`, seen);
        // Every request of every page in the context (workers included) passes here: one to another host is
        // recorded and aborted, so nothing leaves the machine even while the test fails.
        ctx.on('request', (r) => {
          if (foreignUrl(new URL(r.url()))) seen.push(r.url());
        });
        await ctx.route(foreignUrl, (r) => r.abort('blockedbyclient'));
        await ctx.routeWebSocket(foreignUrl, (ws) => {
          seen.push(ws.url());
          void ws.close();
        });
        if (role !== 'anonymous') {
          // Signed in through the API in this context, so its cookie jar holds the session.
          const r = await ctx.request.post(url('/api/auth/sign-in/email'), {
            headers: { Origin: ORIGIN },
            data: DEMO[role],
          });
          expect(r.ok(), `sign-in as ${role}`).toBe(true);
        }
        contexts.set(`${role}@${vp.width}`, ctx);
      }
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('finds the pages (sanity)', () => {
    expect(PAGES).toEqual(
      expect.arrayContaining(['/', '/map', '/roads', '/vaccination', '/forbidden', '/admin/users']),
    );
  });

  it('catches and blocks a request to another host (sanity: the check can fail)', async () => {
    const seen = foreign.get('anonymous@390')!;
    seen.length = 0;
    const page = await contexts.get('anonymous@390')!.newPage();
    // A blank page without the app's CSP (which would refuse it before the network), asking TEST-NET-1 (RFC 5737):
    // never a real host, and the route aborts it before it is tried anyway.
    await page.setContent('<img alt="" src="http://192.0.2.1/x.png">');
    await page.waitForTimeout(300);
    await page.close();
    expect(seen).toEqual(['http://192.0.2.1/x.png']);
    seen.length = 0;
  });

  for (const role of ROLES) {
    for (const pattern of PAGES) {
      it(`${role} ${pattern}`, async () => {
        const want = expected(pattern, role);
        for (const vp of VIEWPORTS) {
          const page = await contexts.get(`${role}@${vp.width}`)!.newPage();
          const elsewhere = foreign.get(`${role}@${vp.width}`)!;
          elsewhere.length = 0;
          const errors: string[] = [];
          page.on('console', (m) => {
            if (m.type() === 'error') errors.push(m.text());
          });
          page.on('pageerror', (e) => errors.push(e.message));
          const res = await page.goto(url(pattern));
          expect(res?.status(), `${role} ${pattern} @${vp.width}`).toBeLessThan(400);
          await settle(page);
          const at = new URL(page.url());
          // A redirect's query is the policy's (next=); a page may add its own state to the URL (the map's view).
          expect
            .soft(want.includes('?') ? at.pathname + at.search : at.pathname, `${role} ${pattern} @${vp.width}`)
            .toBe(want);
          const name = `${role}${pattern === '/' ? '-root' : pattern.replace(/\//g, '-')}-${vp.width}`;
          await page.screenshot({ path: `${OUT}/${name}.png`, timeout: 90_000 });
          expect.soft(errors, `${role} ${pattern} @${vp.width}: console errors`).toEqual([]);
          const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
          const bad = axe.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map(
              (v) =>
                `${v.id}: ${v.nodes
                  .map((n) => n.target.join(' '))
                  .slice(0, 3)
                  .join(' | ')}`,
            );
          expect.soft(bad, `${role} ${pattern} @${vp.width}: axe`).toEqual([]);
          await page.close();
          expect(elsewhere, `${role} ${pattern} @${vp.width}: requests to another host`).toEqual([]);
        }
      }, 300_000);
    }
  }
});
