import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launch, login, ORIGIN, sessionCookie, url } from './browser';

/*
 * Issue 26: the map counts the appeals without a location; /appeals?location=none lists them, and each row has
 * «Указать место». The analyst fixes one by an address of the demo gazetteer, and after a reload it is no longer in
 * the list. The test submits its own appeal without any location (the bot API), so a kept database serves again.
 */
describe.skipIf(!BASE_URL)('placing an unlocated appeal by hand from the appeals list', () => {
  const run = Date.now().toString(36);
  let sql: pg.Client;
  let browser: Browser;
  let page: Page;
  let id: number;
  let address: string;
  const pageErrors: string[] = [];
  const row = () => page.locator(`tr[data-testid="appeal-row"][data-id="${id}"]`);

  beforeAll(async () => {
    const cookie = await sessionCookie('analyst');
    const res = await fetch(url('/api/bot/appeals'), {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: ORIGIN, 'idempotency-key': `relocate-${run}` },
      body: JSON.stringify({ text: `Яма на дороге, место не указано (${run})`, channel: 'hotline', topic: 'roads' }),
    });
    expect(res.status).toBe(201);
    id = ((await res.json()) as { id: number }).id;
    sql = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
    await sql.connect();
    // A house of the demo gazetteer in Orenburg, as the register writes it.
    const [a] = (
      await sql.query<{ text: string }>(
        `SELECT text FROM addresses WHERE text LIKE '%Оренбург%' AND house ~ '^[0-9]+$' ORDER BY id LIMIT 1`,
      )
    ).rows;
    expect(a, 'the demo gazetteer has no Orenburg house').toBeDefined();
    address = a!.text;
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'ru-RU' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await login(page, 'analyst', '/appeals');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sql?.end();
  });

  it('lists the new appeal under location=none with «Указать место»', async () => {
    const [a] = (await sql.query<{ geocode_level: string }>(`SELECT geocode_level FROM appeals WHERE id = $1`, [id]))
      .rows;
    expect(a?.geocode_level).toBe('none');
    await page.goto(url('/appeals?location=none&sort=new'));
    await expect.poll(() => row().count()).toBe(1);
    expect(await row().getAttribute('data-level')).toBe('none');
    await row().getByRole('button', { name: 'Указать место' }).click();
    await row().getByLabel('Адрес (до дома)').waitFor();
  }, 60_000);

  it("refuses a point outside the data's region, in Russian, and keeps the form", async () => {
    await row().getByLabel('или широта, долгота').fill('55.75, 37.62');
    await row().getByRole('button', { name: 'Сохранить место' }).click();
    const alert = row().getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Не сохранено: .*вне района данных/);
    const [a] = (await sql.query<{ geocode_level: string }>(`SELECT geocode_level FROM appeals WHERE id = $1`, [id]))
      .rows;
    expect(a?.geocode_level).toBe('none');
  }, 60_000);

  it('places it by a gazetteer address (keyboard: Enter submits); after a reload it has left the list', async () => {
    await row().getByLabel('или широта, долгота').fill('');
    await row().getByLabel('Адрес (до дома)').fill(address);
    await row().getByLabel('Адрес (до дома)').press('Enter');
    const saved = row().getByTestId('location-saved');
    await saved.waitFor({ timeout: 30_000 });
    expect(await saved.textContent()).toContain('Место указано');
    const [a] = (
      await sql.query<{ geocode_level: string; location_source: string; res: number }>(
        `SELECT geocode_level, location_source, ((h3 >> 52) & 15)::int AS res FROM appeals WHERE id = $1`,
        [id],
      )
    ).rows;
    expect(a).toMatchObject({ geocode_level: 'house', location_source: 'manual', res: 9 });
    const [log] = (
      await sql.query<{ actor: string }>(
        `SELECT actor FROM audit_log WHERE action = 'appeal location' AND (filter->>'appeal')::bigint = $1`,
        [id],
      )
    ).rows;
    expect(log?.actor).toContain('analyst');
    await page.reload();
    await page.getByTestId('appeals-total').waitFor();
    expect(await row().count()).toBe(0);
    // Still in the list of precisely placed ones.
    await page.goto(url('/appeals?location=precise&sort=new'));
    await expect.poll(() => row().count()).toBe(1);
    expect(await row().getAttribute('data-level')).toBe('house');
    expect(await row().getByTestId('location-fixer').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
