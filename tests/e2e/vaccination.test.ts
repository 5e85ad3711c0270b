import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS } from '../../lib/auth/policy';
import { demoPoints } from '../../lib/demo';
import { parseWeek } from '../../lib/hours/parse';
import { openState } from '../../lib/hours/status';
import { routesFromCode } from '../helpers/routes';
import { BASE_URL, launch, login, sessionCookie, testClientIp, url } from './browser';
import { withoutRequestBodies } from '../helpers/openapi';

/*
 * The public vaccination page against a server seeded with the demo (100 Orenburg points). The browser clock is
 * fixed so "open now" is deterministic: the demo points keep Orenburg time (Asia/Yekaterinburg, UTC+5).
 */

const TZ = 'Asia/Yekaterinburg';
const WEDNESDAY_1630 = new Date('2026-11-25T11:30:00Z'); // Wednesday 16:30 in Orenburg: clinics open, most ФАПs closed
const SUNDAY_23 = new Date('2026-11-29T18:00:00Z'); // Sunday 23:00 in Orenburg
const DEMO = demoPoints();

function openCount(at: Date): number {
  return DEMO.filter((p) => {
    const w = parseWeek(p.hours);
    if (!w.ok) throw new Error(w.reason);
    return openState(w.week, TZ, at).state === 'open';
  }).length;
}

interface Open {
  viewport?: { width: number; height: number };
  mobile?: boolean;
  at?: Date;
  lang?: 'en';
  extra?: BrowserContextOptions;
}

/** Waits until MapLibre has drawn exactly `n` points (clusters included) and the list shows `n`. */
async function settled(page: Page, n: number): Promise<void> {
  const state = () =>
    page.evaluate(() => ({
      count: document.querySelector('[data-testid="points-count"]')?.getAttribute('data-count'),
      ready: window.__pmapPointsReady,
      applied: window.__pmapPointsApplied,
      loaded: window.__pmapPointsMap?.loaded(),
      tiles: window.__pmapPointsMap?.areTilesLoaded(),
    }));
  await page
    .waitForFunction(
      (want) => {
        const el = document.querySelector('[data-testid="points-count"]');
        const m = window.__pmapPointsMap;
        return (
          el?.getAttribute('data-count') === String(want) &&
          !!m &&
          window.__pmapPointsReady === true &&
          window.__pmapPointsApplied === want &&
          m.loaded() &&
          m.areTilesLoaded()
        );
      },
      n,
      { timeout: 60_000, polling: 200 },
    )
    .catch(async (e: Error) => {
      throw new Error(`map/list not settled on ${n} points: ${JSON.stringify(await state())} (${e.message})`);
    });
}

async function count(page: Page): Promise<number> {
  return Number(await page.getByTestId('points-count').getAttribute('data-count'));
}

/** Points MapLibre drew: single points plus the points inside drawn clusters (each counted once). */
const renderedPoints = () => {
  const m = window.__pmapPointsMap!;
  const seen = new Map<string, number>();
  for (const f of m.queryRenderedFeatures({ layers: ['points', 'points-clusters'] })) {
    const p = f.properties;
    if (p.cluster) seen.set(`c${p.cluster_id}`, Number(p.point_count));
    else seen.set(`p${p.id}`, 1);
  }
  return [...seen.values()].reduce((a, b) => a + b, 0);
};

describe.skipIf(!BASE_URL)('public vaccination map /vaccination', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(o: Open = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport: o.viewport ?? { width: 1280, height: 800 },
      ...(o.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
      extraHTTPHeaders: { 'X-Forwarded-For': testClientIp() },
      ...o.extra,
    });
    const page = await context.newPage();
    await page.clock.setFixedTime(o.at ?? WEDNESDAY_1630);
    await page.goto(url(`/vaccination${o.lang ? `?lang=${o.lang}` : ''}`));
    await settled(page, DEMO.length);
    return page;
  }

  it('desktop: all demo points in the list and on the map; selecting in one highlights the other', async () => {
    const page = await open();
    expect(await count(page)).toBe(DEMO.length);
    expect(await page.getByTestId('point-item').count()).toBe(50); // the first page of the list
    expect(await page.evaluate(renderedPoints)).toBe(DEMO.length);
    await page.screenshot({ path: 'test-results/vaccination-desktop.png' });

    // List → map: the selected point is drawn in the highlight layer and its details open.
    const item = page.getByTestId('point-item').nth(2);
    const id = Number(await item.getAttribute('data-id'));
    await item.getByRole('button').first().click();
    await expect.poll(() => item.getAttribute('aria-current')).toBe('true');
    expect(await item.getByRole('button').first().getAttribute('aria-expanded')).toBe('true');
    await item.getByTestId('point-details').waitFor();
    await page.waitForFunction(
      () => {
        const m = window.__pmapPointsMap!;
        return !m.isMoving() && m.queryRenderedFeatures({ layers: ['points-selected'] }).length === 1;
      },
      null,
      { timeout: 20_000 },
    );
    const demo = DEMO[id - 1];
    const selected = await page.evaluate(
      () => window.__pmapPointsMap!.querySourceFeatures('selected-point')[0]?.geometry,
    );
    expect(selected).toMatchObject({ type: 'Point' });
    const [lon, lat] = (selected as { coordinates: number[] }).coordinates;
    expect(lon).toBeCloseTo(demo.lon, 4);
    expect(lat).toBeCloseTo(demo.lat, 4);
    await page.screenshot({ path: 'test-results/vaccination-desktop-selected.png' });

    // Map → list: clicking a single point marks its item in the list.
    const target = await page.evaluate(() => {
      const m = window.__pmapPointsMap!;
      const f = m.queryRenderedFeatures({ layers: ['points'] }).find((x) => x.geometry.type === 'Point');
      if (!f || f.geometry.type !== 'Point') return null;
      const px = m.project(f.geometry.coordinates as [number, number]);
      return { id: Number(f.properties.id), x: px.x, y: px.y };
    });
    expect(target).not.toBeNull();
    const box = (await page.getByTestId('points-map').boundingBox())!;
    await page.mouse.click(box.x + target!.x, box.y + target!.y);
    const clicked = page.locator(`[data-testid="point-item"][data-id="${target!.id}"]`);
    await expect.poll(() => clicked.getAttribute('aria-current')).toBe('true');
    await page.context().close();
  });

  it('mobile: controls, map and list stack in one column without horizontal scrolling', async () => {
    const page = await open({ viewport: { width: 390, height: 844 }, mobile: true });
    const [controls, map, list] = await Promise.all([
      page.locator('form[role="search"]').boundingBox(),
      page.getByTestId('points-map').boundingBox(),
      page.locator('#points-list').boundingBox(),
    ]);
    expect(map!.y).toBeGreaterThanOrEqual(controls!.y + controls!.height - 1);
    expect(list!.y).toBeGreaterThanOrEqual(map!.y + map!.height - 1);
    expect(map!.width).toBeGreaterThan(350);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: 'test-results/vaccination-mobile.png' });
    await page.locator('#points-list').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/vaccination-mobile-list.png' });
    await page.context().close();
  });

  it('the open-now filter keeps exactly the points open at that moment, in their own time zone', async () => {
    const expected = openCount(WEDNESDAY_1630);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(DEMO.length);
    const page = await open();
    await page.getByLabel('Открыто сейчас').check();
    await settled(page, expected);
    const states = await page
      .getByTestId('point-item')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-open')));
    expect(new Set(states)).toEqual(new Set(['open']));
    expect(await page.getByTestId('point-status').first().textContent()).toMatch(/^Открыто до \d\d:\d\d$/);
    await page.getByLabel('Открыто сейчас').uncheck();
    await settled(page, DEMO.length);
    await page.context().close();

    // Sunday 23:00: everything is closed, and the list says when each point opens.
    const night = await open({ at: SUNDAY_23 });
    expect(openCount(SUNDAY_23)).toBe(0);
    expect(await night.getByTestId('point-status').first().textContent()).toMatch(
      /^(Закрыто · откроется (завтра|в|во) .*\d\d:\d\d|Часы работы не указаны|Закрыто)$/,
    );
    await night.getByLabel('Открыто сейчас').check();
    await settled(night, 0);
    await expect.poll(() => night.getByText('Нет пунктов, подходящих под выбранные фильтры.').count()).toBe(1);
    await night.context().close();
  });

  it('keyboard only: Tab to a filter, Space toggles it, Tab reaches the list, Enter opens a point', async () => {
    const page = await open();
    const active = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const s = el ? getComputedStyle(el) : null;
        return {
          label:
            el?.closest('label')?.textContent?.trim() ??
            el?.getAttribute('aria-label') ??
            el?.textContent?.trim() ??
            '',
          tag: el?.tagName ?? '',
          inItem: !!el?.closest('[data-testid="point-item"]'),
          outline: s ? `${s.outlineStyle} ${s.outlineWidth}` : '',
        };
      });
    let a = await active();
    for (let i = 0; i < 30 && a.label !== 'Открыто сейчас'; i++) {
      await page.keyboard.press('Tab');
      a = await active();
    }
    expect(a.label).toBe('Открыто сейчас');
    expect(a.outline).toMatch(/^solid [3-9]px$/); // a visible focus ring
    await page.keyboard.press('Space');
    await settled(page, openCount(WEDNESDAY_1630));
    expect(await page.getByLabel('Открыто сейчас').isChecked()).toBe(true);
    await page.keyboard.press('Space');
    await settled(page, DEMO.length);

    for (let i = 0; i < 40 && !a.inItem; i++) {
      await page.keyboard.press('Tab');
      a = await active();
    }
    expect(a.inItem).toBe(true);
    expect(a.tag).toBe('BUTTON');
    expect(a.outline).toMatch(/^solid [3-9]px$/);
    await page.keyboard.press('Enter');
    const item = page.locator('[data-testid="point-item"][aria-current="true"]');
    await item.getByTestId('point-details').waitFor();
    // The next Tab stops are inside the open details: links, then "report a mistake".
    for (let i = 0; i < 6 && a.label !== 'Сообщить об ошибке'; i++) {
      await page.keyboard.press('Tab');
      a = await active();
    }
    expect(a.label).toBe('Сообщить об ошибке');
    await page.keyboard.press('Enter');
    await item.getByTestId('report-form').waitFor();
    await page.screenshot({ path: 'test-results/vaccination-keyboard.png' });
    await page.context().close();
  });

  it('axe: no serious or critical accessibility violations (Russian, English, with a point open)', async () => {
    for (const lang of [undefined, 'en'] as const) {
      const page = await open({ lang });
      await page.getByTestId('point-item').first().getByRole('button').first().click();
      await page.getByTestId('point-details').waitFor();
      await page.getByRole('button', { name: lang ? 'Report a mistake' : 'Сообщить об ошибке' }).click();
      const r = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      const bad = r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${v.id}: ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(' | ')}`,
        );
      expect(bad, lang ?? 'ru').toEqual([]);
      await page.context().close();
    }
  });

  it('switches the language to English and back', async () => {
    const page = await open();
    expect(await page.locator('h1').textContent()).toBe('Пункты вакцинации');
    await page.getByTestId('lang-switch').click();
    await page.waitForURL((u) => u.searchParams.get('lang') === 'en');
    await settled(page, DEMO.length);
    expect(await page.locator('h1').textContent()).toBe('Vaccination points');
    expect(await page.locator('div[lang="en"] h1').count()).toBe(1);
    expect(await page.getByTestId('points-count').textContent()).toContain(`${DEMO.length} points found`);
    expect(await page.getByLabel('Open now').count()).toBe(1);
    expect(await page.getByTestId('point-status').first().textContent()).toMatch(
      /^(Open until|Closed|Opening hours unknown)/,
    );
    expect(await page.title()).toContain('Vaccination points');
    await page.screenshot({ path: 'test-results/vaccination-en.png' });
    await page.getByTestId('lang-switch').click();
    await page.waitForURL((u) => u.searchParams.get('lang') === 'ru');
    expect(await page.locator('h1').textContent()).toBe('Пункты вакцинации');
    await page.context().close();
  });

  it('search by address and "near me" sort the list by distance', async () => {
    const page = await open({
      extra: { permissions: ['geolocation'], geolocation: { latitude: DEMO[40].lat, longitude: DEMO[40].lon } },
    });
    await page.getByLabel('Адрес').fill('Оренбург, ул. Советская, 10');
    await page.getByRole('button', { name: 'Найти' }).click();
    await expect
      .poll(() => page.getByTestId('search-status').textContent())
      .toMatch(/^(Ближайшие к адресу|Адрес «.*» не найден в справочнике)/);
    const kms = await page
      .getByTestId('point-item')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-km'))));
    expect(kms.length).toBe(50);
    expect(kms).toEqual([...kms].sort((x, y) => x - y));
    expect(kms[0]).toBeLessThan(3); // Советская is in the city centre, among the clinics

    await page.getByRole('button', { name: 'Рядом со мной' }).click();
    await expect.poll(() => page.getByTestId('search-status').textContent()).toBe('Ближайшие к вам пункты');
    const first = page.getByTestId('point-item').first();
    await expect.poll(() => first.getAttribute('data-id')).toBe(String(40 + 1));
    expect(Number(await first.getAttribute('data-km'))).toBeLessThan(0.01);
    expect(await first.textContent()).toMatch(/· \d+ м/);
    // The map marks the visitor's position with «Вы здесь» (drawn with the basemap's glyphs).
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const map = window.__pmapPointsMap!;
            return map.queryRenderedFeatures(undefined, { layers: ['origin-label'] }).map((f) => f.properties.label);
          }),
        { timeout: 15_000 },
      )
      .toEqual(['Вы здесь']);
    await page.screenshot({ path: 'test-results/vaccination-you-are-here.png' });
    await page.context().close();
  });

  it('report a mistake: the visitor gets a thank-you only, staff see the report', async () => {
    const page = await open();
    const item = page.getByTestId('point-item').nth(1);
    const name = (await item.getByRole('button').first().textContent())!;
    await item.getByRole('button').first().click();
    await item.getByRole('button', { name: 'Сообщить об ошибке' }).click();
    const comment = `По субботам закрыто, проверка ${Date.now()}`;
    await item.getByLabel('Что не так?').selectOption('wrong_hours');
    await item.getByLabel('Комментарий (необязательно)').fill(comment);
    await item.getByRole('button', { name: 'Отправить' }).click();
    await expect
      .poll(() => item.getByTestId('report-sent').textContent())
      .toBe('Спасибо! Сообщение передано сотрудникам ЦУР.');
    await page.context().close();

    const anon = await fetch(url('/points/reports'), {
      redirect: 'manual',
      headers: { 'X-Forwarded-For': testClientIp() },
    });
    expect(anon.headers.get('location') ?? '').toContain('/login?next=');
    const staff = await (await browser.newContext()).newPage();
    await login(staff, 'analyst', '/points/reports');
    const row = staff.getByTestId('report-row').filter({ hasText: comment });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(name);
    expect(await row.textContent()).toContain('Неверные часы работы');
    await staff.context().close();
  });

  it('privacy: no public route or page carries appeal text, authors or anyone’s phone but a point’s own', async () => {
    // What must never show: real appeal texts and authors' raw contacts, read through the admin API.
    const cookie = await sessionCookie('admin');
    const secrets = new Set<string>();
    for (const page of [1, 2]) {
      const res = await fetch(url(`/api/appeals?page=${page}&page_size=200&gratitude=include`), {
        headers: { cookie },
      });
      const body = (await res.json()) as { items: { text: string | null; authorContact: string | null }[] };
      for (const a of body.items) {
        if (a.text && a.text.length >= 20) secrets.add(a.text.slice(0, 40));
        if (a.authorContact && a.authorContact.length >= 6) secrets.add(a.authorContact);
      }
    }
    expect(secrets.size).toBeGreaterThan(200);
    const pointPhones = new Set(DEMO.map((p) => p.phone).filter((p): p is string => !!p));

    const samples: Record<string, string[]> = {
      '/api/auth/[...all]': ['/api/auth/get-session'],
      '/api/public/hexagons': ['/api/public/hexagons?res=7'],
      '/api/boundaries': ['/api/boundaries?level=municipality'],
      '/api/public/points': [
        '/api/public/points',
        '/api/public/points?open_now=1&walk_in=1',
        ...DEMO.slice(0, 10).map((_, i) => `/api/public/points?id=${i + 1}`),
      ],
      '/api/public/geocode': ['/api/public/geocode?q=' + encodeURIComponent('Оренбург, ул. Советская, 10')],
      '/vaccination': ['/vaccination', '/vaccination?lang=en'],
    };
    const publicRoutes = routesFromCode().filter((r) => ACCESS[r.pattern]?.includes('public'));
    expect(publicRoutes.map((r) => r.pattern)).toEqual(
      expect.arrayContaining([
        '/vaccination',
        '/api/public/points',
        '/api/public/geocode',
        '/api/public/point-reports',
      ]),
    );
    const bodies: [string, string][] = [];
    for (const r of publicRoutes) {
      for (const u of samples[r.pattern] ?? [r.pattern]) {
        const res = await fetch(url(u), { headers: { 'X-Forwarded-For': testClientIp() } });
        bodies.push([u, await res.text()]);
      }
    }
    // The page as a visitor sees it, with a point's details open.
    const page = await open();
    await page.getByTestId('point-item').first().getByRole('button').first().click();
    await page.getByTestId('point-details').waitFor();
    bodies.push(['/vaccination (rendered)', await page.locator('body').innerText()]);
    await page.context().close();

    for (const [u, body] of bodies) {
      for (const s of secrets) expect(body.includes(s), `${u} contains "${s}"`).toBe(false);
      // The OpenAPI document's request-body schemas name the fields a client sends (the bot API's text and author):
      // names, not data. Everything else in it is scanned like any answer.
      const scannedBody = u === '/api/openapi.json' ? withoutRequestBodies(body) : body;
      expect(scannedBody, u).not.toMatch(/"(text|author|author_pseudonym|author_contact|authorContact|raw)"\s*:/);
      for (const phone of body.match(/\+7\s?\(\d{3,4}\)\s?[\d-]+/g) ?? []) {
        expect(pointPhones.has(phone), `${u}: ${phone} is not a point's phone`).toBe(true);
      }
    }

    // The report endpoint answers without repeating the (possibly personal) comment.
    const res = await fetch(url('/api/public/point-reports'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Forwarded-For': testClientIp() },
      body: JSON.stringify({ point_id: 1, reason: 'other', comment: 'Иванов Иван, +7 (912) 000-00-00' }),
    });
    expect(res.status).toBe(201);
    expect(await res.text()).toBe('{"status":"received"}');
    const tooBig = await fetch(url('/api/public/point-reports'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Forwarded-For': testClientIp() },
      body: JSON.stringify({ point_id: 1, reason: 'other', comment: 'x'.repeat(10_000) }),
    });
    expect(tooBig.status).toBe(413);
    const extra = await fetch(url('/api/public/point-reports'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Forwarded-For': testClientIp() },
      body: JSON.stringify({ point_id: 1, reason: 'other', phone: '+7 (912) 000-00-00' }),
    });
    expect(extra.status).toBe(400);
    expect(await extra.text()).not.toContain('912');
  });

  it('public point responses are cacheable', async () => {
    const list = await fetch(url('/api/public/points'), { headers: { 'X-Forwarded-For': testClientIp() } });
    expect(list.headers.get('cache-control')).toMatch(/^public, max-age=300/);
    const open = await fetch(url('/api/public/points?open_now=1'), { headers: { 'X-Forwarded-For': testClientIp() } });
    expect(open.headers.get('cache-control')).toMatch(/^public, max-age=60/);
    const body = (await list.json()) as { columns: string[]; points: unknown[][] };
    expect(body.points).toHaveLength(DEMO.length);
    expect(body.columns).not.toContain('phone');
  });

  it('stays smooth with 20,000 points: loads, clusters and filters in the browser', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      extraHTTPHeaders: { 'X-Forwarded-For': testClientIp() },
    });
    const page = await context.newPage();
    await page.clock.setFixedTime(WEDNESDAY_1630);
    const N = 20_000;
    const hours = [
      ['08:00-20:00', '08:00-20:00', '08:00-20:00', '08:00-20:00', '08:00-20:00', '09:00-14:00', 'closed'],
      [
        '09:00-13:00,14:00-18:00',
        '09:00-13:00,14:00-18:00',
        '09:00-13:00,14:00-18:00',
        'closed',
        '09:00-13:00,14:00-18:00',
        'closed',
        'closed',
      ],
      ['22:00-06:00', '22:00-06:00', '22:00-06:00', '22:00-06:00', '22:00-06:00', '', ''],
    ];
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const points = Array.from({ length: N }, (_, i) => [
      i + 1,
      50 + rnd() * 10,
      50 + rnd() * 4,
      `Пункт ${i + 1}`,
      `ул. Тестовая, д. ${i + 1}`,
      rnd() < 0.3,
      true,
      rnd() < 0.5,
      rnd() < 0.5 ? ['flu'] : ['flu', 'covid'],
      i % 3,
      0,
      '2026-11-20',
    ]);
    const payload = JSON.stringify({ columns: [], hours, zones: [TZ], points, total: N });
    await page.route('**/api/public/points', (r) => r.fulfill({ contentType: 'application/json', body: payload }));
    const t0 = Date.now();
    await page.goto(url('/vaccination'));
    await settled(page, N);
    const loadMs = Date.now() - t0;
    const t1 = Date.now();
    await page.getByLabel('Открыто сейчас').check();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="points-count"]')?.getAttribute('data-count') !== '20000',
      null,
      { timeout: 30_000 },
    );
    const filterMs = Date.now() - t1;
    await page.screenshot({ path: 'test-results/vaccination-20k.png' });
    console.log(`20k points: ready in ${loadMs} ms, open-now filter in ${filterMs} ms`);
    expect(loadMs).toBeLessThan(30_000);
    expect(filterMs).toBeLessThan(3_000);
    expect(await page.getByTestId('point-item').count()).toBe(50);
    await context.close();
  });
});
