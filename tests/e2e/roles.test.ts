import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, DEMO, launch, testClientIp, url } from './browser';

describe.skipIf(!BASE_URL)('each role lands where it works', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a road agency signs in at /login to /roads, has no map in its header, and finds its way home from /forbidden', async () => {
    const page = await browser.newPage({
      viewport: { width: 1366, height: 768 },
      extraHTTPHeaders: { 'X-Forwarded-For': testClientIp() },
    });
    await page.goto(url('/login'));
    await page.getByLabel('Email').fill(DEMO.road_agency.email);
    await page.getByLabel('Пароль').fill(DEMO.road_agency.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL((u) => u.pathname === '/roads', { timeout: 30_000 });
    const nav = page.getByRole('navigation', { name: 'Разделы' });
    expect(await nav.locator('a[href="/map"]').count()).toBe(0);
    expect(await nav.locator('a[href="/appeals"]').count()).toBe(0);
    expect(await nav.locator('a[href="/roads"]').count()).toBe(1);

    await page.goto(url('/map'));
    expect(new URL(page.url()).pathname).toBe('/forbidden');
    await page.getByRole('link', { name: 'Перейти на вашу страницу' }).click();
    await page.waitForURL((u) => u.pathname === '/roads');
    await page.screenshot({ path: 'test-results/roles-road-home.png' });
    await page.close();
  });

  it('a road agency sent to /login?next=/map (the old default) still lands on /roads', async () => {
    const page = await browser.newPage({ extraHTTPHeaders: { 'X-Forwarded-For': testClientIp() } });
    await page.goto(url('/login?next=%2Fmap'));
    await page.getByLabel('Email').fill(DEMO.road_agency.email);
    await page.getByLabel('Пароль').fill(DEMO.road_agency.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL((u) => u.pathname === '/roads', { timeout: 30_000 });
    await page.close();
  });

  it('an analyst sent to /appeals lands there; at / goes to the map', async () => {
    const page = await browser.newPage({ extraHTTPHeaders: { 'X-Forwarded-For': testClientIp() } });
    await page.goto(url('/login?next=%2Fappeals'));
    await page.getByLabel('Email').fill(DEMO.analyst.email);
    await page.getByLabel('Пароль').fill(DEMO.analyst.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL((u) => u.pathname === '/appeals', { timeout: 30_000 });
    await page.goto(url('/'));
    expect(new URL(page.url()).pathname).toBe('/map');
    await page.close();
  });

  it('a visitor at / sees the public entry with the staff login beside it', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(url('/'));
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('link', { name: /^Пункты вакцинации Ближайший пункт/ }).waitFor();
    await page.getByRole('heading', { name: 'Вход для сотрудников' }).waitFor();
    await page.getByRole('link', { name: /^Пункты вакцинации Ближайший пункт/ }).click();
    await page.waitForURL((u) => u.pathname === '/vaccination');
    await page.close();
  });
});
