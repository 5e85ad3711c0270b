import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launch, login, url } from './browser';

const SHOTS = path.resolve(__dirname, '../../test-results');

/** Issue 20, part 5: the appeals list, the hotspot list, the briefing and the vaccination list do their job. */
describe.skipIf(!BASE_URL)('pages that do their job', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
    await login(page, 'analyst', '/map');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(
    '/appeals: the map filters, oldest first, 25 a page, the total, an XLSX with the same filters',
    { timeout: 120_000 },
    async () => {
      await page.goto(url('/appeals'));
      const form = page.getByTestId('appeals-filters');
      await form.getByTestId('filter-channel').locator('summary').click();
      await form.getByLabel('ПОС').check();
      await form.getByTestId('filter-status').locator('summary').click();
      await form.getByLabel('Новое').check();
      await form.getByTestId('appeals-sort').selectOption('old');
      await form.getByTestId('appeals-page-size').selectOption('25');
      // Dates typed the Russian way; the page shows them back the same way.
      await form.getByTestId('filter-from').fill('01.02.2026');
      await form.getByTestId('filter-to').fill('31.10.2026');
      await form.getByTestId('appeals-apply').click();
      await page.waitForURL((u) => u.searchParams.get('sort') === 'old');
      expect(await page.getByTestId('filter-from').inputValue()).toBe('01.02.2026');
      expect(await page.getByTestId('filter-to').getAttribute('data-value')).toBe('2026-10-31');
      const rows = page.getByTestId('appeal-row');
      const attrs = await rows.evaluateAll((rs) =>
        rs.map((r) => [r.getAttribute('data-channel'), r.getAttribute('data-status'), r.getAttribute('data-created')]),
      );
      expect(attrs.length).toBe(25);
      expect(new Set(attrs.map((a) => `${a[0]}/${a[1]}`))).toEqual(new Set(['pos/new']));
      const dates = attrs.map((a) => a[2]!);
      expect(dates).toEqual([...dates].sort());
      expect(dates[0] >= '2026-01-31').toBe(true); // the period's first day, give or take the region's offset from UTC
      const total = (await page.getByTestId('appeals-total').textContent())!;
      expect(total).toMatch(/^Найдено: [\d\s ]+, показаны 1–25$/);
      expect(await page.getByTestId('page-of').textContent()).toMatch(/^Страница 1 из [\d\s ]+$/);
      const xlsx = page.getByTestId('appeals-export-xlsx');
      const href = (await xlsx.getAttribute('href'))!;
      expect(new URL(href, BASE_URL).searchParams.get('channel')).toBe('pos');
      expect(new URL(href, BASE_URL).searchParams.get('status')).toBe('new');
      const res = await page.request.get(url(href));
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain('spreadsheetml');
      await page.getByTestId('page-next').click();
      await page.waitForURL((u) => u.searchParams.get('page') === '2');
      expect(await page.getByTestId('appeals-total').textContent()).toMatch(/показаны 26–50$/);
      await page.screenshot({ path: path.join(SHOTS, 'appeals-list.png') });
    },
  );

  it("the map's hotspot list names places", { timeout: 120_000 }, async () => {
    await page.goto(url('/map'));
    const places = page.getByTestId('hotspot-place');
    await places.first().waitFor({ timeout: 90_000 });
    const texts = await places.allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    // At least one hotspot has a municipality and a street: «Оренбург, улица …».
    expect(texts.some((x) => /^[^,]+, .+/.test(x))).toBe(true);
    await page.getByTestId('hotspots').screenshot({ path: path.join(SHOTS, 'hotspot-places.png') });
  });

  it('the time slider stays inside the chosen period; trend labels are whole', { timeout: 120_000 }, async () => {
    // 2026-01-07 is a Wednesday: the first week's Monday is before the period.
    await page.goto(url('/map?from=2026-01-07&to=2026-03-31'));
    await page.getByTestId('trend').waitFor({ timeout: 90_000 });
    await page.getByTestId('time-on').check();
    const week = page.getByTestId('time-week');
    await expect.poll(() => week.textContent()).toContain('2026-01-07 — 2026-01-11');
    expect(await week.getAttribute('data-week')).toBe('2026-01-05');
    const cut = await page
      .getByTestId('trend')
      .locator('th')
      .evaluateAll((ths) => ths.filter((th) => th.scrollWidth > th.clientWidth + 1).map((th) => th.textContent));
    expect(cut).toEqual([]);
    await page.getByTestId('side-panel').screenshot({ path: path.join(SHOTS, 'map-trend.png') });
    await page.getByTestId('time-panel').screenshot({ path: path.join(SHOTS, 'map-time.png') });
  });

  it(
    'the briefing: no cell ids or test names in the body, a methods footnote, local time, each problem once',
    { timeout: 180_000 },
    async () => {
      // (The form is tested in drill.test.ts; here the page for its parameters.)
      await page.goto(url(`/briefing?municipality=${encodeURIComponent('Оренбург')}&from=2026-08-01&to=2026-10-31`), {
        timeout: 170_000,
      });
      await page
        .locator('[data-testid="briefing"], [data-testid="briefing-error"]')
        .first()
        .waitFor({ timeout: 150_000 });
      await page.screenshot({ path: path.join(SHOTS, 'briefing-top.png') });
      expect(await page.getByTestId('briefing-error').count()).toBe(0);
      const body = await page.evaluate(() => {
        const a = document.querySelector('[data-testid="briefing"]')!.cloneNode(true) as HTMLElement;
        a.querySelector('[data-testid="briefing-methods"]')?.remove();
        return a.textContent ?? '';
      });
      expect(body).not.toMatch(/\b8[0-9a-f]{14}\b/); // an H3 cell id
      for (const word of ['Gi*', 'Getis', 'Кендалл', 'H3', 'UTC', 'группа №']) expect(body, word).not.toContain(word);
      expect(await page.getByTestId('briefing-methods').textContent()).toContain('Getis-Ord Gi*');
      // Each problem row once: topic + place pairs are unique.
      const rows = await page
        .getByTestId('briefing-problems')
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => `${tr.children[1]?.firstChild?.textContent}|${tr.children[2]?.textContent}`),
        );
      expect(new Set(rows).size).toBe(rows.length);
      await page.getByTestId('briefing-methods').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, 'briefing-methods.png') });
    },
  );

  it('vaccination: a route link, one phrase for booking, freshness in plain words', { timeout: 120_000 }, async () => {
    await page.goto(url('/vaccination'));
    const item = page.getByTestId('point-item').first();
    await item.waitFor({ timeout: 60_000 });
    expect(await item.getByTestId('route-yandex').getAttribute('href')).toMatch(
      /^https:\/\/yandex\.ru\/maps\/\?rtext=~\d+\.\d+,\d+\.\d+&rtt=auto$/,
    );
    const badges = await page
      .getByTestId('point-item')
      .evaluateAll((items) => items.map((i) => [...i.querySelectorAll('ul li')].map((li) => li.textContent)));
    for (const b of badges) expect(b.includes('без записи') && b.includes('по записи')).toBe(false);
    const fresh = await page.getByTestId('freshness').allTextContents();
    for (const f of fresh)
      expect(f).toMatch(/^(Проверено (сегодня|вчера|\d+ (день|дня|дней) назад)|Данные могли устареть — позвоните)$/);
    await item.screenshot({ path: path.join(SHOTS, 'vaccination-item.png') });
  });
});
