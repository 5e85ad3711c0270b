import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cellToParent } from 'h3-js';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launch, login } from './browser';
import { startServer, type Started } from './server';

const E2E_DB = process.env.E2E_DATABASE_URL;
const SOURCE = 'e2e_grouping_appeals';
const PERIOD = 'from=2015-04-01&to=2015-04-30';
/** lib/enrich/problems/group.ts lockProblems: grouping waits for it, so the test decides when grouping may run. */
const PROBLEMS_LOCK = `hashtext('pmap problems')`;

/**
 * Appeals in Orenburg in April 2015 (no other page's figures move while they exist; the test removes them): every
 * tenth without coordinates, every tenth after that a thanks; the rest are located complaints.
 */
function groupingFile(rows: number): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-e2e-grouping-')), `${SOURCE}.csv`);
  const lines = ['external_id,created_at,channel,status,topic,text,is_gratitude,lat,lon'];
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const thanks = i % 10 === 1;
    const at =
      i % 10 === 0
        ? ','
        : `${(51.7 + ((i * 7919) % 1000) / 10_000).toFixed(5)},${(55.05 + ((i * 104_729) % 1000) / 8_000).toFixed(5)}`;
    lines.push(
      `GR-${i},2015-04-${day}T10:00:00Z,portal,new,roads,${thanks ? 'Спасибо за ремонт' : `Яма на дороге у дома ${i % 13}`},${thanks},${at}`,
    );
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/**
 * Issue 21: a big appeal import commits its appeals and groups them into problems after the commit (a job the app
 * server's worker runs). A server of its own with PMAP_GROUP_INLINE_MAX=0 sends a small file that way; the test holds
 * the problems lock so the step is seen waiting, then lets it go and the page says done by itself.
 */
describe.skipIf(!BASE_URL || !E2E_DB)('admin import page: grouping after the commit', () => {
  let browser: Browser;
  let page: Page;
  let server: Started;
  let db: pg.Client;
  let file: string;

  beforeAll(async () => {
    server = await startServer({ PMAP_GROUP_INLINE_MAX: '0' });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
    // Signed in on the main e2e server: the session cookie (same host, same secret) serves the second one too.
    await login(page, 'admin', '/map');
    db = new pg.Client({ connectionString: E2E_DB });
    await db.connect();
    file = groupingFile(400);
  }, 180_000);
  afterAll(async () => {
    if (db) {
      await db.query(`SELECT pg_advisory_unlock_all()`);
      await db.query(`DELETE FROM appeals WHERE source_id IN (SELECT id FROM sources WHERE code = $1)`, [SOURCE]);
      await db.query(`DELETE FROM problems p WHERE NOT EXISTS (SELECT 1 FROM appeals a WHERE a.problem_id = p.id)`);
      await db.end();
    }
    await browser?.close();
    server?.stop();
    if (file) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('shows the grouping step after 100 % while appeals wait, then «готово»', async () => {
    await db.query(`SELECT pg_advisory_lock(${PROBLEMS_LOCK})`);
    await page.goto(`${server.base}/admin/import`);
    await page.getByRole('heading', { name: 'Импорт данных' }).waitFor();
    await page
      .getByLabel('Профиль сопоставления')
      .selectOption({ label: 'Без профиля: колонки названы нашими полями' });
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: 'Загрузить и импортировать' }).click();
    await page.locator('[data-testid=import-progress][data-status=done]').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('import-percent').textContent()).toBe('100 %');

    // Committed: on the map, in no problem yet. Counted from the table by the definition itself.
    const [{ n }] = (
      await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM appeals a JOIN sources s ON s.id = a.source_id
       WHERE s.code = $1 AND a.geom IS NOT NULL AND NOT a.is_gratitude AND a.problem_id IS NULL`,
        [SOURCE],
      )
    ).rows;
    const located = Number(n);
    expect(located).toBe(320);
    const step = page.getByTestId('import-grouping');
    await page.locator('[data-testid=import-grouping][data-state=waiting]').waitFor({ timeout: 30_000 });
    expect(await step.textContent()).toBe(`Объединение в проблемы после записи: ждут ${located} обращений`);
    expect(Number(await step.getAttribute('data-awaiting'))).toBe(located);
    // The step sits under the 100 % line, inside the progress block, which does not overflow.
    const stats = (await page.getByTestId('import-stats').boundingBox())!;
    const box = (await step.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(stats.y + stats.height);
    const progress = page.getByTestId('import-progress');
    expect(await progress.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    await progress.scrollIntoViewIfNeeded();
    await progress.screenshot({ path: 'test-results/admin-import-grouping-waiting.png' });

    // Meanwhile the map's panel and the export say so too.
    const summary = await page.request.get(`${server.base}/api/summary?${PERIOD}`);
    expect((await summary.json()).awaitingGrouping).toBe(located);
    const exp = await page.request.get(`${server.base}/api/appeals/export?format=csv&${PERIOD}`);
    expect(exp.status()).toBe(200);
    expect(exp.headers()['x-pmap-awaiting-grouping']).toBe(String(located));
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
    await ctx.addCookies(await page.context().cookies());
    const mapPage = await ctx.newPage();
    await mapPage.goto(`${server.base}/map?${PERIOD}`);
    const line = mapPage.getByTestId('summary-awaiting-grouping');
    await line.waitFor({ timeout: 60_000 });
    expect(await line.textContent()).toBe(`Ещё ${located} обращений объединяются в проблемы`);
    expect(await mapPage.getByTestId('export-awaiting-grouping').getAttribute('data-count')).toBe(String(located));
    await mapPage.screenshot({ path: 'test-results/map-awaiting-grouping.png' });
    await mapPage.getByTestId('export-awaiting-grouping').scrollIntoViewIfNeeded();
    await mapPage.getByTestId('side-panel').screenshot({ path: 'test-results/map-export-awaiting-grouping.png' });
    // The drill-down of a res-7 cell around one of them: its own located complaints, by each stored cell's parent.
    const cells = (
      await db.query<{ h3: string; thanks: boolean }>(
        `SELECT a.h3::text AS h3, a.is_gratitude AS thanks FROM appeals a JOIN sources s ON s.id = a.source_id
       WHERE s.code = $1 AND a.geom IS NOT NULL ORDER BY a.id`,
        [SOURCE],
      )
    ).rows;
    const parent = (h: string) => cellToParent(BigInt(h).toString(16), 7);
    const cell = parent(cells.find((c) => !c.thanks)!.h3);
    const inCell = cells.filter((c) => !c.thanks && parent(c.h3) === cell).length;
    await mapPage.goto(`${server.base}/map?${PERIOD}&cell=${cell}`);
    const drillLine = mapPage.getByTestId('drill-awaiting-grouping');
    await drillLine.waitFor({ timeout: 60_000 });
    expect(Number(await drillLine.getAttribute('data-count'))).toBe(inCell);
    expect(await drillLine.textContent()).toMatch(
      new RegExp(`^Ещё ${inCell} обращени[еяй] объединя(ется|ются) в проблемы$`),
    );
    await mapPage.getByTestId('drill').screenshot({ path: 'test-results/drill-awaiting-grouping.png' });
    await ctx.close();

    // Grouping may run now: the server's worker finishes the job and the page, still polling, says done.
    await db.query(`SELECT pg_advisory_unlock(${PROBLEMS_LOCK})`);
    await page.locator('[data-testid=import-grouping][data-state=done]').waitFor({ timeout: 120_000 });
    expect(await step.textContent()).toBe('Объединение в проблемы после записи: готово');
    await progress.screenshot({ path: 'test-results/admin-import-grouping-done.png' });
    const [{ left }] = (
      await db.query<{ left: string }>(
        `SELECT count(*) AS left FROM appeals a JOIN sources s ON s.id = a.source_id
       WHERE s.code = $1 AND a.geom IS NOT NULL AND NOT a.is_gratitude AND a.problem_id IS NULL`,
        [SOURCE],
      )
    ).rows;
    expect(Number(left)).toBe(0);
  }, 300_000);
});
