import path from 'node:path';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launch, login, ORIGIN, sessionCookie, testClientIp, url, type DemoRole } from './browser';

/*
 * Every server error a page can show reaches a person in Russian: triggered through the page (the visible text) or,
 * where the page sends it through its API, through that API as the page calls it. Russian: Cyrillic, and no run of
 * three English words (an English sentence).
 */
const FIXTURES = path.resolve(__dirname, '../fixtures');
const ENGLISH = /\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/i;
const expectRussian = (text: string | null | undefined, what: string) => {
  expect(text, what).toMatch(/[а-яё]/i);
  expect(text ?? '', what).not.toMatch(ENGLISH);
};

interface ApiCase { what: string; role: DemoRole | null; method: 'GET' | 'POST'; path: string; body?: unknown; status: number; contains: string }
const API_CASES: ApiCase[] = [
  { what: 'appeals filter: impossible date', role: 'analyst', method: 'GET', path: '/api/appeals?from=2026-02-30', status: 400, contains: 'Начало периода' },
  { what: 'appeals filter: unknown parameter', role: 'analyst', method: 'GET', path: '/api/appeals?colour=red', status: 400, contains: 'Неизвестные параметры' },
  { what: 'map hexagons: bad resolution', role: 'analyst', method: 'GET', path: '/api/appeals/hexagons?res=99', status: 400, contains: 'res' },
  { what: 'summary: reversed period', role: 'analyst', method: 'GET', path: '/api/summary?from=2026-03-01&to=2026-01-01', status: 400, contains: 'период' },
  { what: 'weights: a weight out of range', role: 'road_agency', method: 'POST', path: '/api/roads/weights', body: { per_km: 'много' }, status: 400, contains: 'per_km' },
  { what: 'weights: another owner', role: 'road_agency', method: 'POST', path: '/api/roads/weights', body: { per_km: 1, citizens: 1, trend: 1, condition: 1, road_class: 1, facilities: 1, owner: 'federal' }, status: 403, contains: 'своего владельца' },
  { what: 'weights: not JSON', role: 'road_agency', method: 'POST', path: '/api/roads/weights', body: '{', status: 400, contains: 'не JSON' },
  { what: 'users: short password', role: 'admin', method: 'POST', path: '/api/admin/users', body: { email: 'x@example.org', password: 'short', role: 'analyst' }, status: 400, contains: 'Пароль' },
  { what: 'users: road agency without owner', role: 'admin', method: 'POST', path: '/api/admin/users', body: { email: 'r@example.org', password: 'long-enough-1', role: 'road_agency' }, status: 400, contains: 'владельца' },
  { what: 'import: unknown upload', role: 'admin', method: 'POST', path: '/api/admin/imports', body: { upload: '00000000-0000-0000-0000-000000000000', kind: 'appeals' }, status: 404, contains: 'загрузите' },
  { what: 'import: unknown kind', role: 'admin', method: 'POST', path: '/api/admin/imports', body: { upload: 'nope', kind: 'cats' }, status: 400, contains: 'допустимые' },
  { what: 'import: no job', role: 'admin', method: 'GET', path: '/api/admin/imports/999999', status: 404, contains: '999999' },
  { what: 'road agency at a staff API', role: 'road_agency', method: 'GET', path: '/api/appeals', status: 403, contains: 'роли' },
  { what: 'anonymous at a staff API', role: null, method: 'GET', path: '/api/appeals', status: 401, contains: 'Войдите' },
];

describe.skipIf(!BASE_URL)('server errors in Russian', () => {
  const cookies = new Map<DemoRole, string>();
  let browser: Browser;

  beforeAll(async () => {
    for (const r of ['analyst', 'road_agency', 'admin'] as const) cookies.set(r, await sessionCookie(r));
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(API_CASES)('API: $what', async (c) => {
    const res = await fetch(url(c.path), {
      method: c.method,
      headers: {
        ...(c.role ? { cookie: cookies.get(c.role)! } : {}), 'X-Forwarded-For': testClientIp(),
        // As a browser with English preferred would ask: the page still shows Russian, by the key.
        ...(c.method === 'POST' ? { Origin: ORIGIN, 'content-type': 'application/json' } : {}),
      },
      body: c.body === undefined ? undefined : typeof c.body === 'string' ? c.body : JSON.stringify(c.body),
    });
    expect(res.status, c.what).toBe(c.status);
    const body = await res.json();
    expect(body.key, c.what).toMatch(/^[a-z_]+\.[a-z_]+$/);
    expectRussian(body.message, c.what);
    expect(body.message, c.what).toContain(c.contains);
  });

  it('API: English on request, same key', async () => {
    const res = await fetch(url('/api/appeals?from=2026-02-30'), { headers: { cookie: cookies.get('analyst')!, 'Accept-Language': 'en-US,en;q=0.9' } });
    const body = await res.json();
    expect(body.message).toMatch(/^from: /);
    expect(body.message).not.toMatch(/[а-яё]/i);
  });

  async function pageAs(role: DemoRole, next: string): Promise<Page> {
    // An English-speaking browser: the pages must still speak Russian.
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    await login(page, role, next);
    return page;
  }

  interface PageCase { what: string; run: () => Promise<string | null> }
  const PAGE_CASES: PageCase[] = [
    {
      what: 'login: wrong password',
      run: async () => {
        const page = await browser.newPage({ locale: 'en-US', extraHTTPHeaders: { 'X-Forwarded-For': testClientIp() } });
        await page.goto(url('/login'));
        await page.getByLabel('Email').fill('analyst@demo.pmap');
        await page.getByLabel('Пароль').fill('wrong-password-123');
        await page.getByRole('button', { name: 'Войти' }).click();
        const t = await page.locator('#login-error').textContent();
        await page.close();
        return t;
      },
    },
    {
      what: 'briefing: reversed period',
      run: async () => {
        const page = await pageAs('analyst', '/briefing');
        await page.goto(url('/briefing?municipality=x&from=2026-03-01&to=2026-01-01'));
        const t = await page.getByTestId('briefing-error').textContent();
        await page.close();
        return t;
      },
    },
    {
      what: 'briefing: unknown municipality',
      run: async () => {
        const page = await pageAs('analyst', '/briefing');
        await page.goto(url('/briefing?municipality=Атлантида&from=2026-01-01&to=2026-03-01'));
        const t = await page.getByTestId('briefing-error').textContent();
        await page.close();
        return t;
      },
    },
    {
      what: 'admin import: unknown key in the mapping',
      run: async () => {
        const page = await pageAs('admin', '/admin/import');
        await page.locator('input[type=file]').setInputFiles(path.join(FIXTURES, 'import/appeals_upload.csv'));
        const mapping = fs.readFileSync(path.join(FIXTURES, 'import/appeals_upload.mapping.json'), 'utf8');
        await page.getByLabel('Сопоставление (JSON)').fill(mapping.replace('"fields"', '"chanel": "x", "fields"'));
        await page.getByRole('button', { name: 'Загрузить и импортировать' }).click();
        await page.locator('#import-error').waitFor({ timeout: 30_000 });
        const t = await page.locator('#import-error').textContent();
        await page.close();
        return t;
      },
    },
    {
      what: 'admin import: an unbalanced quote fails the job',
      run: async () => {
        const page = await pageAs('admin', '/admin/import');
        await page.locator('input[type=file]').setInputFiles(path.join(FIXTURES, 'unbalanced_quote.csv'));
        await page.getByLabel('Сопоставление (JSON)').fill(fs.readFileSync(path.join(FIXTURES, 'appeals_ru.mapping.json'), 'utf8'));
        await page.getByRole('button', { name: 'Загрузить и импортировать' }).click();
        await page.getByTestId('import-error').waitFor({ timeout: 60_000 });
        const t = await page.getByTestId('import-error').textContent();
        await page.screenshot({ path: 'test-results/messages-import-failed.png' });
        await page.close();
        return t;
      },
    },
    {
      what: 'admin users: road agency without owner',
      run: async () => {
        const page = await pageAs('admin', '/admin/users');
        const form = page.getByRole('form', { name: 'Новый пользователь' });
        await form.getByLabel('Email').fill('road2@demo.pmap');
        await form.getByLabel(/^Пароль/).fill('long-enough-pass');
        await form.locator('select[name=role]').selectOption('road_agency');
        await form.getByRole('button', { name: 'Сохранить' }).click();
        await form.getByRole('status').waitFor();
        const t = await form.getByRole('status').textContent();
        await page.close();
        return t;
      },
    },
  ];

  it.each(PAGE_CASES)('page: $what', async (c) => {
    expectRussian(await c.run(), c.what);
  }, 90_000);
});
