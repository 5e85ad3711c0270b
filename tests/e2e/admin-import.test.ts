import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launch, login } from './browser';

const DIR = path.resolve(__dirname, '../fixtures/import');
const FILE = path.join(DIR, 'appeals_upload.csv');
const mapping = fs.readFileSync(path.join(DIR, 'appeals_upload.mapping.json'), 'utf8');
const E2E_DB = process.env.E2E_DATABASE_URL;

/**
 * A file big enough for its saving steps to last seconds: appeals with our own field names, in Orenburg, in March
 * 2015 (far from the demo's period, so no other page's figures move while they exist; the test removes them).
 */
function bigFile(rows: number): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-e2e-import-')), 'e2e_big_appeals.csv');
  const texts = ['Яма на дороге у дома', 'Нет горячей воды', 'Не вывозят мусор', 'Не убран снег во дворе'];
  const topics = ['roads', 'housing', 'waste', 'improvement'];
  const lines = ['external_id,created_at,channel,status,topic,text,lat,lon'];
  for (let i = 0; i < rows; i++) {
    const k = i % 4;
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(
      `BIG-${i},2015-03-${day}T10:00:00Z,portal,closed,${topics[k]},${texts[k]} ${i % 89},${(51.7 + ((i * 7919) % 1000) / 10_000).toFixed(5)},${(55.05 + ((i * 104_729) % 1000) / 8_000).toFixed(5)}`,
    );
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe.skipIf(!BASE_URL)('admin import page', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU', acceptDownloads: true });
    await login(page, 'admin', '/map');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is one click away in the admin menu of the header, which stays on one line', async () => {
    const nav = page.getByRole('navigation', { name: 'Разделы' });
    expect((await nav.boundingBox())!.height).toBeLessThan(50);
    // …with sign-out inside the window.
    const out = (await nav.getByRole('button', { name: 'Выйти' }).boundingBox())!;
    expect(out.x + out.width).toBeLessThanOrEqual(1280);
    await nav.getByText('Администрирование').click();
    await page.screenshot({ path: 'test-results/admin-menu.png', clip: { x: 0, y: 0, width: 1280, height: 200 } });
    await nav.getByRole('menuitem', { name: 'Импорт' }).click();
    await page.waitForURL('**/admin/import');
  });

  it('lists the shipped profiles and fills the mapping from one', async () => {
    await page.getByRole('heading', { name: 'Импорт данных' }).waitFor();
    const profile = page.getByLabel('Профиль сопоставления');
    const options = await profile.locator('option').allTextContents();
    expect(options.some((o) => o.includes('profiles/pos-gosuslugi.json'))).toBe(true);
    expect(options.some((o) => o.includes('profiles/incident-management.json'))).toBe(true);
    await profile.selectOption('profiles/pos-gosuslugi.json');
    expect(await page.getByLabel('Сопоставление (JSON)').inputValue()).toContain('"Номер обращения"');
  });

  it('shows a mapping error clearly, then imports the fixed mapping to 100 % with its counts', async () => {
    await page.locator('input[type=file]').setInputFiles(FILE);
    await page.getByLabel('Сопоставление (JSON)').fill(mapping.replace('"fields"', '"chanel": "x", "fields"'));
    await page.getByRole('button', { name: 'Загрузить и импортировать' }).click();
    await expect
      .poll(() => page.locator('#import-error').textContent(), { timeout: 30_000 })
      .toContain('В сопоставлении неизвестные ключи: «chanel»');
    await page.screenshot({ path: 'test-results/admin-import-error.png' });

    await page.getByLabel('Сопоставление (JSON)').fill(mapping);
    await page.getByRole('button', { name: 'Загрузить и импортировать' }).click();
    const progress = page.getByTestId('import-progress');
    await progress.waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=import-progress][data-status=done]').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('import-percent').textContent()).toBe('100 %');
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByTestId('import-stats').textContent()).toMatch(/12 строк · [\d\s ]+ строк\/с · Готово/);
    const count = (k: string) => page.getByTestId(`count-${k}`).textContent();
    expect([
      await count('read'),
      await count('inserted'),
      await count('updated'),
      await count('unchanged'),
      await count('rejected'),
    ]).toEqual(['12', '9', '0', '0', '3']);
    await page.screenshot({ path: 'test-results/admin-import-done.png', fullPage: true });
  });

  it('downloads the rejected rows as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Скачать отклонённые строки (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^import-\d+-rejects\.csv$/);
    const rows = parse(fs.readFileSync(await download.path()), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.row, r.id])).toEqual([
      ['10', 'U-10'],
      ['11', 'U-11'],
      ['5', 'U-5'],
    ]);
    expect(rows[0].reason).toBe('column "дата": cannot parse date "03.04.2025" as the format "yyyy-MM-dd HH:mm"');
    expect(rows[2].reason).toBe('duplicate external id "U-5" in the file: row 12 is kept');
  });

  it('lists the job in the history, newest first, with who started it; columns sort', async () => {
    const history = page.getByTestId('import-history');
    const first = history.getByTestId('import-row').first();
    await expect.poll(() => first.textContent()).toContain('appeals_upload.csv');
    expect(await first.textContent()).toContain('admin@demo.pmap');
    expect(await first.getAttribute('data-status')).toBe('done');
    // The demo seed's command-line imports are there too, with their host and pid.
    expect(await history.getByTestId('import-row').count()).toBeGreaterThan(1);
    await history.getByRole('button', { name: 'Сортировать по столбцу «Прочитано»' }).click();
    // Counts carry thousands separators (90 343).
    const reads = (await history.locator('tbody tr td:nth-child(7)').allTextContents()).map((x) =>
      Number(x.replace(/\D/g, '')),
    );
    expect(reads.some((x) => x > 9999)).toBe(true);
    expect(reads).toEqual([...reads].sort((a, b) => b - a));
    await page.screenshot({ path: 'test-results/admin-import-history.png', fullPage: true });
    // All twelve columns fit the 1280 px window: the table does not scroll sideways.
    expect(
      await history.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth),
    ).toBeLessThanOrEqual(0);
    expect(await page.locator('th[aria-sort=descending]').textContent()).toContain('Прочитано');
  });

  it.skipIf(!E2E_DB)(
    'names each saving step of a big file while it runs, then reaches 100 %',
    async () => {
      const ROWS = 60_000;
      const file = bigFile(ROWS);
      const db = new pg.Client({ connectionString: E2E_DB });
      await db.connect();
      try {
        await page
          .getByLabel('Профиль сопоставления')
          .selectOption({ label: 'Без профиля: колонки названы нашими полями' });
        expect(await page.getByLabel('Сопоставление (JSON)').inputValue()).toBe('');
        await page.locator('input[type=file]').setInputFiles(file);
        await page.getByRole('button', { name: 'Загрузить и импортировать' }).click();
        // The file is read first; then the bar stays full and the line says which saving step is under way.
        const saving = page.locator('[data-testid=import-progress][data-status=running][data-step]');
        await saving.waitFor({ timeout: 120_000 });
        const step = await saving.getAttribute('data-step');
        expect(['duplicates', 'problems', 'merge', 'places', 'indexes', 'grouping']).toContain(step);
        expect(await page.getByTestId('import-stats').textContent()).toMatch(
          /Файл прочитан, сохранение в базу: шаг [1-6] из 6 — .+…/,
        );
        expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
        await page.screenshot({ path: 'test-results/admin-import-saving.png' });
        await page.locator('[data-testid=import-progress][data-status=done]').waitFor({ timeout: 180_000 });
        expect((await page.getByTestId('count-inserted').textContent())!.replace(/\D/g, '')).toBe(String(ROWS));
      } finally {
        // Leave the demo as the other tests expect it: the appeals, then the problems they alone made up.
        await db.query(
          `DELETE FROM appeals WHERE source_id IN (SELECT id FROM sources WHERE code = 'e2e_big_appeals')`,
        );
        await db.query(`DELETE FROM problems p WHERE NOT EXISTS (SELECT 1 FROM appeals a WHERE a.problem_id = p.id)`);
        await db.end();
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
      }
    },
    300_000,
  );
});
