import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS } from '../../lib/auth/policy';
import { demoAppeals } from '../../lib/demo';
import { routesFromCode } from '../helpers/routes';
import { BASE_URL, launch, login, sessionCookie, testClientIp, url } from './browser';
import { withoutRequestBodies } from '../helpers/openapi';

const ROOT = path.resolve(__dirname, '../..');
const E2E_DB = process.env.E2E_DATABASE_URL;

/** Known personal data and appeal text from the demo set the server was seeded with. */
function knownSecrets(): string[] {
  const out = new Set<string>();
  let i = 0;
  for (const a of demoAppeals({ count: 3000 })) {
    if (i++ % 10) continue;
    out.add(a.author);
    out.add(a.text.slice(0, 40));
  }
  return [...out];
}

describe.skipIf(!BASE_URL)('public routes carry no personal data', () => {
  it('every public route and page, scanned for authors, appeal text and phone numbers', async () => {
    const secrets = knownSecrets();
    expect(secrets.length).toBeGreaterThan(200);
    const publicRoutes = routesFromCode().filter((r) => ACCESS[r.pattern]?.includes('public'));
    const samples: Record<string, string[]> = {
      '/api/auth/[...all]': ['/api/auth/get-session'],
      '/api/public/hexagons': [
        '/api/public/hexagons?res=4',
        '/api/public/hexagons?res=7',
        '/api/public/hexagons?res=7&topic=roads',
      ],
      '/api/boundaries': ['/api/boundaries?level=municipality', '/api/boundaries?level=region'],
      // The basemap over Orenburg's centre, where most demo appeals are: streets and houses, never appeals.
      '/api/basemap/style.json': ['/api/basemap/style.json?variant=muted', '/api/basemap/style.json?variant=clear'],
      '/api/basemap/tiles/[z]/[x]/[y]': [
        '/api/basemap/tiles/14/10699/5428.pbf',
        '/api/basemap/tiles/16/42798/21714.pbf',
      ],
    };
    let scanned = 0;
    for (const r of publicRoutes) {
      for (const u of samples[r.pattern] ?? [r.pattern]) {
        const res = await fetch(url(u), { headers: { 'X-Forwarded-For': testClientIp() } });
        const body = await res.text();
        scanned++;
        for (const s of secrets) expect(body.includes(s), `${u} contains "${s}"`).toBe(false);
        expect(body, u).not.toMatch(/\+7\s?\(\d{3,4}\)/);
        // The OpenAPI document's request-body schemas name the fields a client sends (the bot API's text and
        // author, a hand-placed address): names, not data. Everything else in it is scanned like any answer.
        const scannedBody = u === '/api/openapi.json' ? withoutRequestBodies(body) : body;
        expect(scannedBody, u).not.toMatch(/"(text|author|author_contact|authorContact|address)"\s*:/);
      }
    }
    expect(scanned).toBeGreaterThanOrEqual(publicRoutes.length);
  });

  it('public aggregates suppress cells with fewer than 5 distinct citizens', async () => {
    const pub = await (
      await fetch(url('/api/public/hexagons?res=7'), { headers: { 'X-Forwarded-For': testClientIp() } })
    ).json();
    expect(pub.kMin).toBe(5);
    expect(pub.suppressed).toBeGreaterThan(0); // the demo has sparse rural cells
    const cookie = await sessionCookie('analyst');
    const staff = await (await fetch(url('/api/appeals/hexagons?res=7'), { headers: { cookie } })).json();
    expect(pub.cells.length + pub.suppressed).toBe(staff.cells.length);
    const staffCounts = new Map<string, number>(staff.cells.map((c: { h3: string; count: number }) => [c.h3, c.count]));
    for (const c of pub.cells) expect(staffCounts.get(c.h3)).toBe(c.count);
  });

  it('anonymous clients are rate limited on public APIs and on sign-in', async () => {
    const ip = testClientIp();
    let limited = 0;
    for (let i = 0; i < 320; i++) {
      const res = await fetch(url('/api/health'), { headers: { 'X-Forwarded-For': ip } });
      if (res.status === 429) limited++;
    }
    expect(limited).toBeGreaterThanOrEqual(20);
    const signInIp = testClientIp();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await fetch(url('/api/auth/sign-in/email'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Forwarded-For': signInIp, Origin: new URL(BASE_URL!).origin },
        body: JSON.stringify({ email: 'analyst@demo.pmap', password: 'wrong-password-123' }),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
  }, 120_000);
});

describe.skipIf(!BASE_URL || !E2E_DB)('imported appeal text never runs in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'cli/pmap.mjs'),
        'import',
        'appeals',
        path.join(ROOT, 'tests/fixtures/xss_appeals.csv'),
        '--json',
      ],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: E2E_DB }, encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('shows <script> and on* payloads as text on the appeals page', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await login(page, 'analyst', '/appeals');
    // The fixture's appeals are the only ones of 1–3 November 2026 (after the demo's, before other tests' "now").
    await page.goto(url('/appeals?from=2026-11-01&to=2026-11-03&gratitude=include'));
    const texts = await page.getByTestId('appeal-text').allTextContents();
    expect(texts.slice(0, 3)).toEqual(
      expect.arrayContaining([
        '<script>window.__xss = 1; alert("xss")</script> Яма',
        '<img src=x onerror="window.__xss = 2; alert(2)"> Нет воды',
        '<svg onload="window.__xss = 3"></svg><a href="javascript:window.__xss=4">ссылка</a> Мусор',
      ]),
    );
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('main script, main img[src="x"], main svg[onload]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: 'test-results/appeals-xss.png', fullPage: false });
  });

  it('an export is written to the audit log that admins read', async () => {
    const cookie = await sessionCookie('analyst');
    const res = await fetch(url('/api/appeals/export?format=csv&topic=waste&from=2026-11-01'), { headers: { cookie } });
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv.split('\n')[0]).toContain('external_id');
    expect(csv).not.toContain('<svg'); // exports carry no appeal text
    const page = await browser.newPage();
    await login(page, 'admin', '/admin/audit');
    const first = page.getByTestId('audit-row').first();
    await expect.poll(() => first.textContent()).toContain('analyst@demo.pmap');
    expect(await first.textContent()).toContain('"topic":["waste"]');
    expect(await first.textContent()).toContain('Выгрузка обращений (CSV)'); // the action's name (lib/i18n/names.ts)
  });
});
