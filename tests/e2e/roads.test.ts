import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launch, login } from './browser';

const SHOTS = path.resolve(__dirname, '../../test-results');

/** Waits until the roads map has drawn its segments, and returns how many segment lines it renders. */
async function waitForRoadsMap(page: Page): Promise<number> {
  await page.waitForFunction(
    () => {
      const m = window.__pmapRoadsMap;
      return (
        !!m &&
        m.loaded() &&
        m.areTilesLoaded() &&
        m.queryRenderedFeatures({ layers: ['road-segments-line'] }).length > 0
      );
    },
    null,
    { timeout: 60_000, polling: 250 },
  );
  return page.evaluate(
    () =>
      new Set(
        window.__pmapRoadsMap!.queryRenderedFeatures({ layers: ['road-segments-line'] }).map((f) => f.properties.id),
      ).size,
  );
}

const rowAttrs = (page: Page, attr: string) =>
  page.$$eval('[data-testid="segment-row"]', (rows, a) => rows.map((r) => r.getAttribute(a) ?? ''), attr);

describe.skipIf(!BASE_URL)('road-agency priority page /roads', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU', acceptDownloads: true });
    await login(page, 'road_agency', '/roads');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows only the segments of its owner, in the table, on the map and through the API', async () => {
    await page.getByTestId('segment-row').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('roads-scope').textContent()).toContain('муниципальная');
    const owners = await rowAttrs(page, 'data-owner');
    // One page of the list: the server cuts it (thousands of segments do not go to the browser).
    expect(owners.length).toBe(50);
    expect(new Set(owners)).toEqual(new Set(['municipal']));
    // Asking the API for another owner still gives the agency its own segments only.
    const api = await page.request.get(new URL('/api/roads/priorities?owner=federal', BASE_URL).toString());
    expect(api.status()).toBe(200);
    const body = (await api.json()) as {
      owner: string;
      total: number;
      counts: { all: number };
      segments: { owner: string }[];
    };
    expect(body.owner).toBe('municipal');
    expect(body.segments.length).toBe(owners.length);
    expect(body.total).toBe(body.counts.all);
    expect(body.total).toBeGreaterThan(50);
    expect(new Set(body.segments.map((s) => s.owner))).toEqual(new Set(['municipal']));
    expect(await page.getByTestId('roads-shown').textContent()).toBe(
      `Показаны 1–50 из ${body.total.toLocaleString('ru-RU')}`,
    );
    const geo = (await (
      await page.request.get(new URL('/api/roads/geojson?owner=federal&page_size=5000', BASE_URL).toString())
    ).json()) as { numberMatched: number; features: { properties: { owner: string } }[] };
    expect(geo.numberMatched).toBe(body.total);
    expect(geo.features.length).toBe(Math.min(5000, body.total));
    expect(new Set(geo.features.map((f) => f.properties.owner))).toEqual(new Set(['municipal']));
    expect(await waitForRoadsMap(page)).toBeGreaterThan(0);
    // The map's tiles hold the agency's own segments only, as the table does.
    const mapOwners = await page.evaluate(() => [
      ...new Set(
        window.__pmapRoadsMap!.queryRenderedFeatures({ layers: ['road-segments-line'] }).map((f) => f.properties.owner),
      ),
    ]);
    expect(mapOwners).toEqual(['municipal']);
    // The period reads ДД.ММ.ГГГГ whatever the browser's locale.
    expect(await page.getByTestId('roads-from').inputValue()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(await page.getByTestId('roads-to').inputValue()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    await page.screenshot({ path: path.join(SHOTS, 'roads-list.png') });
  });

  it('dims the list and says so while another period is computed', async () => {
    const from = page.getByTestId('roads-from');
    const was = await from.inputValue();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/roads/priorities?**', async (route) => {
      await held;
      await route.continue();
    });
    await from.fill('2026-06-01');
    await from.press('Enter');
    const layout = page.getByTestId('roads-layout');
    await expect.poll(() => layout.getAttribute('data-state')).toBe('updating');
    expect(await page.getByRole('status').filter({ hasText: 'Список пересчитывается' }).count()).toBe(1);
    release();
    await expect.poll(() => layout.getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    await page.unroute('**/api/roads/priorities?**');
    await from.fill(was);
    await from.press('Enter');
    await expect.poll(() => layout.getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    expect(await from.inputValue()).toBe(was);
  });

  it('pages through the list: the next page continues the ranks, the previous one comes back', async () => {
    const shown = page.getByTestId('roads-shown');
    const total = /из ([\d\s\u00a0]+)$/.exec((await shown.textContent())!)![1];
    await page.getByTestId('page-next').click();
    await expect.poll(() => shown.textContent(), { timeout: 30_000 }).toBe(`Показаны 51–100 из ${total}`);
    await expect
      .poll(async () => (await page.getByTestId('segment-row').first().locator('td').first().textContent())!.trim())
      .toBe('51');
    await page.getByTestId('page-prev').click();
    await expect.poll(() => shown.textContent(), { timeout: 30_000 }).toBe(`Показаны 1–50 из ${total}`);
  });

  it('sorts by score', async () => {
    await page.getByTestId('sort-score').click();
    await expect.poll(() => page.locator('th[aria-sort="descending"]').textContent()).toContain('Балл');
    const scores = (await rowAttrs(page, 'data-score')).map(Number);
    expect(scores.length).toBe(50);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBeGreaterThan(scores[scores.length - 1]);
  });

  it('opens a segment: the map highlights it, the detail lists its appeals and plan history', async () => {
    const first = page.getByTestId('segment-row').first();
    const id = Number(await first.getAttribute('data-id'));
    await first.getByTestId('open-segment').click();
    const detail = page.getByTestId('segment-detail');
    await detail.getByRole('heading', { name: /Обращения о дороге/ }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => window.__pmapRoadsSelected)).toBe(id);
    await expect.poll(() => first.getAttribute('class')).toMatch(/selectedRow/);
    expect(await detail.getByTestId('segment-appeals').locator('li').count()).toBeGreaterThan(0);
    expect(await detail.textContent()).toContain('История планов ремонта');
    await page.waitForFunction(
      (sid) => {
        const m = window.__pmapRoadsMap!;
        return (
          !m.isMoving() &&
          m.areTilesLoaded() &&
          m.queryRenderedFeatures({ layers: ['road-segments-selected'] }).some((f) => f.properties.id === sid)
        );
      },
      id,
      { timeout: 30_000 },
    );
    await page.screenshot({ path: path.join(SHOTS, 'roads-segment.png') });
  });

  it('counts one number of complaints for a segment: the table, the statistics line and the appeals heading', async () => {
    const row = page.locator('[data-testid="segment-row"][class*="selectedRow"]');
    const inTable = Number((await row.locator('td').nth(4).textContent())!.trim());
    const detail = page.getByTestId('segment-detail');
    const stats = (await detail.getByTestId('segment-stats').textContent())!;
    const head = (await detail.getByTestId('segment-appeals-head').textContent())!;
    expect(Number(/Жалоб (\d+)/.exec(stats)![1])).toBe(inTable);
    expect(Number(/жалоб (\d+)/.exec(head)![1])).toBe(inTable);
    // The heading names the period of the statistics line.
    const period = /с (\d\d\.\d\d\.\d{4}) по (\d\d\.\d\d\.\d{4})/.exec(stats)!;
    expect(head).toContain(`${period[1]}–${period[2]}`);
  });

  it('colours segments by quantile bands, with the legend below the map and the plan column in view', async () => {
    const legend = page.getByTestId('roads-legend');
    const items = legend.locator('li[data-color]');
    expect(await items.count()).toBeGreaterThanOrEqual(4);
    const canvas = (await page.locator('canvas.maplibregl-canvas').boundingBox())!;
    const box = (await legend.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(canvas.y + canvas.height - 1);
    // The segments fall into more than two of the legend's bands.
    const lows = (await items.evaluateAll((li) => li.map((x) => Number(x.getAttribute('data-from'))))).reverse();
    // (The map shows the list's scores: every segment's, as the page asks for them; one page of the table holds the top ones only.)
    const all = (await (
      await page.request.get(new URL('/api/roads/priorities?scores=1&page_size=1', BASE_URL).toString())
    ).json()) as { scores: Record<string, number> };
    const scores = Object.values(all.scores);
    expect(new Set(scores.map((x) => lows.find((l) => x >= l))).size).toBeGreaterThan(2);
    const plan = (await page.getByTestId('plan-cell').first().boundingBox())!;
    const wrap = (await page.getByTestId('priority-table').locator('xpath=..').boundingBox())!;
    expect(plan.x + plan.width).toBeLessThanOrEqual(wrap.x + wrap.width);
    await legend.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'roads-legend.png') });
  });

  it('shows the exception lists and what a weight does to the order', async () => {
    // The server cuts the list: wait for list c's page to be drawn.
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/roads/priorities') && r.url().includes('list=c')),
      page.getByTestId('tab-c').click(),
    ]);
    await expect.poll(() => page.getByTestId('roads-layout').getAttribute('data-state')).toBe('ready');
    const plans = await page.$$eval('[data-testid="segment-row"] [data-testid="plan-cell"]', (tds) =>
      tds.map((t) => t.textContent ?? ''),
    );
    expect(plans.length).toBeGreaterThan(0);
    for (const p of plans) expect(p).toContain('на гарантии');
    await page.screenshot({ path: path.join(SHOTS, 'roads-warranty.png') });
    await page.getByTestId('tab-all').click();
    await page.getByTestId('weight-condition').fill('20');
    await expect.poll(() => page.getByTestId('weights-effect').textContent()).toMatch(/меняется у \d+ участков/);
    await page.getByTestId('weights-effect').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'roads-weights.png') });
    await page.getByRole('button', { name: 'Отменить изменения' }).click();
  });

  it('keeps the weights being edited while the period changes', async () => {
    const input = page.getByTestId('weight-condition');
    const stored = await input.inputValue();
    const edited = stored === '20' ? '25' : '20';
    await input.fill(edited);
    const from = page.getByTestId('roads-from');
    const was = await from.inputValue();
    const scope = page.getByTestId('roads-scope');
    await from.fill('2026-06-01');
    await from.press('Enter');
    await expect.poll(() => scope.textContent(), { timeout: 30_000 }).toContain('жалобы с 01.06.2026');
    await expect.poll(() => page.getByTestId('roads-layout').getAttribute('data-state')).toBe('ready');
    expect(await input.inputValue()).toBe(edited);
    expect(await page.getByTestId('weights-effect').textContent()).toMatch(/меняется у \d+ участков/);
    await from.fill(was);
    await from.press('Enter');
    await expect.poll(() => scope.textContent(), { timeout: 30_000 }).not.toContain('жалобы с 01.06.2026');
    await page.getByRole('button', { name: 'Отменить изменения' }).click();
    expect(await input.inputValue()).toBe(stored);
  });

  it('saves the weights: the stored weights and the server-side list follow, then the old ones come back', async () => {
    const weightsUrl = new URL('/api/roads/weights', BASE_URL).toString();
    const before = ((await (await page.request.get(weightsUrl)).json()) as { weights: Record<string, number> }).weights;
    // The agency edits its own owner's weights (other owners' lists keep theirs: roads-weights-owner.test.ts).
    expect(await page.getByTestId('weights-scope').textContent()).toContain('Веса для владельца «муниципальная»');
    const input = page.getByTestId('weight-condition');
    const save = page.getByRole('button', { name: 'Сохранить веса' });
    const saveAndReload = async (value: number) => {
      await input.fill(String(value));
      // Saving refetches the list: the server scores it with the stored weights (the baseline of the rank shifts).
      const [list] = await Promise.all([
        // (Not a preview of the edited weights, weights=…: that one is scored with the stored weights before the save.)
        page.waitForResponse(
          (r) =>
            r.url().includes('/api/roads/priorities') &&
            !r.url().includes('weights=') &&
            r.request().method() === 'GET',
        ),
        save.click(),
      ]);
      expect(((await list.json()) as { weights: Record<string, number> }).weights.condition).toBe(value);
      await page.getByRole('status').filter({ hasText: 'Веса сохранены' }).waitFor();
      // The edited weights are the stored ones again: nothing to save, nothing moved.
      await expect.poll(() => save.isDisabled()).toBe(true);
      expect(await page.getByTestId('weights-effect').textContent()).toContain('Измените вес');
    };
    const changed = before.condition === 20 ? 25 : 20;
    await saveAndReload(changed);
    expect(
      ((await (await page.request.get(weightsUrl)).json()) as { weights: Record<string, number> }).weights.condition,
    ).toBe(changed);
    await saveAndReload(before.condition!);
    expect(
      ((await (await page.request.get(weightsUrl)).json()) as { weights: Record<string, number> }).weights,
    ).toEqual(before);
  });

  it('downloads the XLSX: one sheet per list, the score sheet, only its owner', async () => {
    // The whole list, not the page on screen.
    const rows = (
      (await (await page.request.get(new URL('/api/roads/priorities', BASE_URL).toString())).json()) as {
        total: number;
      }
    ).total;
    expect(rows).toBeGreaterThan((await rowAttrs(page, 'data-id')).length);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const file = path.join(SHOTS, 'roads-priorities.xlsx');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toBe('priorities-municipal.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Приоритеты',
      'а) Горячие без плана',
      'б) В плане без жалоб',
      'в) Жалобы на гарантии',
      'Как считается балл',
    ]);
    const main = wb.getWorksheet('Приоритеты')!;
    expect(main.getRow(2).getCell(4).value).toBe('Владелец');
    expect(main.rowCount - 2).toBe(rows);
    const owners = new Set<unknown>();
    for (let r = 3; r <= main.rowCount; r++) owners.add(main.getRow(r).getCell(4).value);
    expect(owners).toEqual(new Set(['municipal']));
    expect(main.getRow(3).getCell(1).value).toBe(1);
  });
});
