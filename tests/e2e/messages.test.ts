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

interface ApiCase {
  what: string;
  role: DemoRole | null;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  status: number;
  contains: string;
}
const API_CASES: ApiCase[] = [
  {
    what: 'appeals filter: impossible date',
    role: 'analyst',
    method: 'GET',
    path: '/api/appeals?from=2026-02-30',
    status: 400,
    contains: 'Начало периода',
  },
  {
    what: 'appeals filter: unknown parameter',
    role: 'analyst',
    method: 'GET',
    path: '/api/appeals?colour=red',
    status: 400,
    contains: 'Неизвестные параметры',
  },
  {
    what: 'map hexagons: bad resolution',
    role: 'analyst',
    method: 'GET',
    path: '/api/appeals/hexagons?res=99',
    status: 400,
    contains: 'res',
  },
  {
    what: 'summary: reversed period',
    role: 'analyst',
    method: 'GET',
    path: '/api/summary?from=2026-03-01&to=2026-01-01',
    status: 400,
    contains: 'период',
  },
  {
    what: 'weights: a weight out of range',
    role: 'road_agency',
    method: 'POST',
    path: '/api/roads/weights',
    body: { per_km: 'много' },
    status: 400,
    contains: 'per_km',
  },
  {
    what: 'weights: another owner',
    role: 'road_agency',
    method: 'POST',
    path: '/api/roads/weights',
    body: { per_km: 1, citizens: 1, trend: 1, condition: 1, road_class: 1, facilities: 1, owner: 'federal' },
    status: 403,
    contains: 'своего владельца',
  },
  {
    what: 'weights: not JSON',
    role: 'road_agency',
    method: 'POST',
    path: '/api/roads/weights',
    body: '{',
    status: 400,
    contains: 'не JSON',
  },
  {
    what: 'users: short password',
    role: 'admin',
    method: 'POST',
    path: '/api/admin/users',
    body: { email: 'x@example.org', password: 'short', role: 'analyst' },
    status: 400,
    contains: 'Пароль',
  },
  {
    what: 'users: road agency without owner',
    role: 'admin',
    method: 'POST',
    path: '/api/admin/users',
    body: { email: 'r@example.org', password: 'long-enough-1', role: 'road_agency' },
    status: 400,
    contains: 'владельца',
  },
  {
    what: 'import: unknown upload',
    role: 'admin',
    method: 'POST',
    path: '/api/admin/imports',
    body: { upload: '00000000-0000-0000-0000-000000000000', kind: 'appeals' },
    status: 404,
    contains: 'загрузите',
  },
  {
    what: 'import: unknown kind',
    role: 'admin',
    method: 'POST',
    path: '/api/admin/imports',
    body: { upload: 'nope', kind: 'cats' },
    status: 400,
    contains: 'допустимые',
  },
  {
    what: 'import: no job',
    role: 'admin',
    method: 'GET',
    path: '/api/admin/imports/999999',
    status: 404,
    contains: '999999',
  },
  {
    what: 'road agency at a staff API',
    role: 'road_agency',
    method: 'GET',
    path: '/api/appeals',
    status: 403,
    contains: 'роли',
  },
  {
    what: 'anonymous at a staff API',
    role: null,
    method: 'GET',
    path: '/api/appeals',
    status: 401,
    contains: 'Войдите',
  },
];

/*
 * Every error of the API in the language the client asks for (Accept-Language), under one key: the pages show the key's
 * Russian text whatever the browser asks; other clients read `message` (Open311: GeoReport's `description`).
 */
interface LangCase {
  what: string;
  role: DemoRole | null;
  method?: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
  status: number;
  key?: string;
  ru: string;
  en: string;
  open311?: 'json' | 'xml';
}
const BIG = JSON.stringify({ per_km: 'x'.repeat(70 * 1024) });
const LANG_CASES: LangCase[] = [
  {
    what: 'CSRF: another origin',
    role: 'road_agency',
    method: 'POST',
    path: '/api/roads/weights',
    body: '{}',
    headers: { Origin: 'http://evil.example', 'content-type': 'application/json' },
    status: 403,
    key: 'request.cross_origin',
    ru: 'Запрос с чужого адреса отклонён',
    en: 'cross-origin request refused',
  },
  {
    what: 'CSRF: a session without Origin',
    role: 'road_agency',
    method: 'POST',
    path: '/api/roads/weights',
    body: '{}',
    headers: { 'content-type': 'application/json' },
    status: 403,
    key: 'request.no_origin',
    ru: 'без заголовка Origin',
    en: 'the Origin header is missing',
  },
  {
    what: 'CSRF: another site',
    role: null,
    method: 'POST',
    path: '/api/public/point-reports',
    body: '{}',
    headers: { 'Sec-Fetch-Site': 'cross-site', 'content-type': 'application/json' },
    status: 403,
    key: 'request.cross_site',
    ru: 'с другого сайта',
    en: 'cross-site request refused',
  },
  {
    what: 'sign-in from another origin (the auth route)',
    role: null,
    method: 'POST',
    path: '/api/auth/sign-in/email',
    body: '{"email":"a@b.c","password":"x"}',
    headers: { Origin: 'http://evil.example', 'content-type': 'application/json' },
    status: 403,
    key: 'request.cross_origin',
    ru: 'чужого адреса',
    en: 'cross-origin request refused',
  },
  {
    what: 'body: a form, not JSON',
    role: 'road_agency',
    method: 'POST',
    path: '/api/roads/weights',
    body: 'per_km=1',
    headers: { Origin: '', 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    key: 'request.json_only',
    ru: 'должно быть JSON',
    en: 'not application/x-www-form-urlencoded',
  },
  {
    what: 'body: not JSON',
    role: 'road_agency',
    method: 'POST',
    path: '/api/roads/weights',
    body: '{',
    headers: { Origin: '', 'content-type': 'application/json' },
    status: 400,
    key: 'request.not_json',
    ru: 'не JSON',
    en: 'not valid JSON',
  },
  {
    what: 'body: too large',
    role: 'road_agency',
    method: 'POST',
    path: '/api/roads/weights',
    body: BIG,
    headers: { Origin: '', 'content-type': 'application/json' },
    status: 413,
    key: 'request.too_large',
    ru: 'больше 65536 байт',
    en: 'over 65536 bytes',
  },
  {
    what: 'a path that is not UTF-8 (the custom server)',
    role: 'analyst',
    path: '/api/roads/segments/%FF',
    status: 400,
    key: 'request.bad_path',
    ru: 'не UTF-8',
    en: 'not valid UTF-8',
  },
  {
    what: 'tiles: unknown layer',
    role: 'analyst',
    path: '/api/tiles/cats/1/1/1.pbf',
    status: 404,
    key: 'tiles.no_layer',
    ru: 'Нет слоя «cats»',
    en: 'no tile layer "cats"',
  },
  {
    what: 'tiles: zoom out of range',
    role: 'analyst',
    path: '/api/tiles/appeals/99/0/0.pbf',
    status: 400,
    key: 'tiles.bad_z',
    ru: 'Масштаб z',
    en: 'z: expected an integer',
  },
  {
    what: 'tiles: TileJSON without .json',
    role: 'analyst',
    path: '/api/tiles/appeals',
    status: 404,
    key: 'tiles.expected_json',
    ru: 'Ожидается адрес',
    en: 'expected /api/tiles/<layer>.json',
  },
  {
    what: 'tiles: road agency on the appeals layer',
    role: 'road_agency',
    path: '/api/tiles/appeals.json',
    status: 403,
    key: 'tiles.roads_only',
    ru: 'только слой дорог',
    en: 'roads layer only',
  },
  {
    what: 'basemap tile: x out of range',
    role: null,
    path: '/api/basemap/tiles/2/9/0.pbf',
    status: 400,
    key: 'tiles.bad_xy',
    ru: 'на масштабе 2',
    en: 'x: expected an integer 0..3 at z 2',
  },
  {
    what: 'basemap style: unknown variant',
    role: null,
    path: '/api/basemap/style.json?variant=neon',
    status: 400,
    key: 'input.invalid_value',
    ru: 'допустимые значения',
    en: 'variant',
  },
  {
    what: 'drill: no target',
    role: 'analyst',
    path: '/api/appeals/drill',
    status: 400,
    key: 'drill.one_of',
    ru: 'Укажите ровно одно',
    en: 'give exactly one of',
  },
  {
    what: 'road segment not found',
    role: 'analyst',
    path: '/api/roads/segments/999999',
    status: 404,
    key: 'roads.no_segment',
    ru: 'Участок дороги 999999 не найден',
    en: 'no road segment 999999',
  },
  {
    what: 'public point not found',
    role: null,
    path: '/api/public/points?id=999999',
    status: 404,
    key: 'points.no_point',
    ru: 'Пункт 999999 не найден',
    en: 'no public point 999999',
  },
  {
    what: 'summary: reversed period',
    role: 'analyst',
    path: '/api/summary?from=2026-03-01&to=2026-01-01',
    status: 400,
    key: 'input.period_reversed',
    ru: 'Конец периода раньше начала',
    en: 'to: the period ends before it starts',
  },
  {
    what: 'anonymous at a staff API',
    role: null,
    path: '/api/appeals',
    status: 401,
    key: 'auth.sign_in_first',
    ru: 'Войдите',
    en: 'sign in first',
  },
  {
    what: 'Open311: a bad date',
    role: 'analyst',
    path: '/open311/v2/requests.json?start_date=yesterday',
    status: 400,
    open311: 'json',
    ru: 'ожидается дата и время',
    en: 'start_date: expected an ISO 8601 date-time',
  },
  {
    what: 'Open311: not <id>.json',
    role: 'analyst',
    path: '/open311/v2/requests/abc.json',
    status: 404,
    open311: 'json',
    ru: '<номер>.json',
    en: 'expected <id>.json or <id>.xml',
  },
  {
    what: 'Open311: no such request',
    role: 'analyst',
    path: '/open311/v2/requests/999999999.xml',
    status: 404,
    open311: 'xml',
    ru: 'Обращение 999999999 не найдено',
    en: 'no service request 999999999',
  },
  {
    what: 'Open311: anonymous (the route wrapper)',
    role: null,
    path: '/open311/v2/requests.json',
    status: 401,
    open311: 'json',
    ru: 'Войдите',
    en: 'sign in first',
  },
  {
    what: 'Open311: POST without a place',
    role: 'analyst',
    method: 'POST',
    path: '/open311/v2/requests.xml',
    body: 'service_code=roads',
    headers: { Origin: '', 'content-type': 'application/x-www-form-urlencoded' },
    status: 400,
    open311: 'xml',
    ru: 'Укажите место',
    en: 'a location is required',
  },
];

describe.skipIf(!BASE_URL)('server errors in the language asked for', () => {
  const cookies = new Map<DemoRole, string>();
  beforeAll(async () => {
    for (const r of ['analyst', 'road_agency'] as const) cookies.set(r, await sessionCookie(r));
  });

  /** The message of an answer: ours ({message, key}) or GeoReport's description (JSON or XML). */
  async function said(res: Response, c: LangCase): Promise<{ message: string; key?: string }> {
    if (c.open311 === 'xml') {
      const xml = await res.text();
      expect(xml, c.what).toMatch(new RegExp(`^<\\?xml[^>]*\\?><errors><error><code>${c.status}</code><description>`));
      return {
        message: /<description>(.*)<\/description>/
          .exec(xml)![1]
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"'),
      };
    }
    const body = await res.json();
    if (c.open311) {
      expect(body, c.what).toEqual([{ code: c.status, description: expect.any(String) }]);
      return { message: body[0].description };
    }
    return body;
  }

  it.each(LANG_CASES)('$what', async (c) => {
    const answers: Record<string, { message: string; key?: string }> = {};
    for (const lang of ['ru-RU,ru;q=0.9,en;q=0.5', 'en-US,en;q=0.9']) {
      const headers: Record<string, string> = {
        'Accept-Language': lang,
        'X-Forwarded-For': testClientIp(),
        ...c.headers,
      };
      if (headers.Origin === '') headers.Origin = ORIGIN;
      if (c.role) headers.cookie = cookies.get(c.role)!;
      const res = await fetch(url(c.path), { method: c.method ?? 'GET', headers, body: c.body });
      expect(res.status, `${c.what} (${lang})`).toBe(c.status);
      answers[lang.slice(0, 2)] = await said(res, c);
    }
    const { ru, en } = answers;
    expectRussian(ru.message, c.what);
    expect(ru.message, c.what).toContain(c.ru);
    expect(en.message, c.what).not.toMatch(/[а-яё]/i);
    expect(en.message, c.what).toContain(c.en);
    if (c.key) expect([ru.key, en.key], c.what).toEqual([c.key, c.key]);
  });
});

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
        ...(c.role ? { cookie: cookies.get(c.role)! } : {}),
        'X-Forwarded-For': testClientIp(),
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
    const res = await fetch(url('/api/appeals?from=2026-02-30'), {
      headers: { cookie: cookies.get('analyst')!, 'Accept-Language': 'en-US,en;q=0.9' },
    });
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

  interface PageCase {
    what: string;
    run: () => Promise<string | null>;
  }
  const PAGE_CASES: PageCase[] = [
    {
      what: 'login: wrong password',
      run: async () => {
        const page = await browser.newPage({
          locale: 'en-US',
          extraHTTPHeaders: { 'X-Forwarded-For': testClientIp() },
        });
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
        await page
          .getByLabel('Сопоставление (JSON)')
          .fill(fs.readFileSync(path.join(FIXTURES, 'appeals_ru.mapping.json'), 'utf8'));
        await page.getByRole('button', { name: 'Загрузить и импортировать' }).click();
        await page.getByTestId('import-error').waitFor({ timeout: 60_000 });
        const t = await page.getByTestId('import-error').textContent();
        await page.screenshot({ path: 'test-results/messages-import-failed.png' });
        await page.close();
        return t;
      },
    },
    {
      what: 'admin import: the notes of a finished import (a Windows-1251 file)',
      run: async () => {
        const page = await pageAs('admin', '/admin/import');
        await page.locator('input[type=file]').setInputFiles(path.join(FIXTURES, 'appeals_ru_cp1251.csv'));
        await page
          .getByLabel('Сопоставление (JSON)')
          .fill(fs.readFileSync(path.join(FIXTURES, 'appeals_ru.mapping.json'), 'utf8'));
        await page.getByRole('button', { name: 'Загрузить и импортировать' }).click();
        await page.getByTestId('import-notes').waitFor({ timeout: 60_000 });
        const notes = await page.getByTestId('import-notes').locator('li').allTextContents();
        await page.close();
        expect(notes.join(' | ')).toContain('Файл прочитан в кодировке');
        for (const n of notes) expectRussian(n, `note: ${n}`);
        return notes.join(' | ');
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

  it.each(PAGE_CASES)(
    'page: $what',
    async (c) => {
      expectRussian(await c.run(), c.what);
    },
    90_000,
  );
});
