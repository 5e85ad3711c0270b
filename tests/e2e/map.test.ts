import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launch, login } from './browser';

/** What the page shows: its total, the request behind it, and the hexagons MapLibre actually drew. */
interface MapState {
  total: number;
  query: string;
  rendered: { cells: number; sum: number };
}

/** Cells of the `hexagons` layer that are drawn now; a cell cut by tile edges comes back once per tile. */
const readRendered = () => {
  const map = window.__pmapMap!;
  const seen = new Map<string, number>();
  for (const f of map.queryRenderedFeatures({ layers: ['hexagons'] })) {
    seen.set(String(f.properties.h3), Number(f.properties.count));
  }
  return { cells: seen.size, sum: [...seen.values()].reduce((a, b) => a + b, 0) };
};

/** Resolves once the map has drawn the answer to the request the total element names, tiles included. */
async function waitForSettledMap(page: Page, notQuery?: string): Promise<MapState> {
  await page.waitForFunction(
    (previous) => {
      const el = document.querySelector('[data-testid="total"]');
      const map = window.__pmapMap;
      if (!el || !map || !window.__pmapMapReady) return false;
      const query = el.getAttribute('data-query');
      return (
        el.getAttribute('data-state') === 'ready' &&
        query !== null &&
        query !== previous &&
        window.__pmapHexagonsApplied === query &&
        map.loaded() &&
        map.areTilesLoaded() &&
        map.querySourceFeatures('hexagons').length > 0
      );
    },
    notQuery ?? null,
    { timeout: 60_000, polling: 200 },
  );
  const el = page.getByTestId('total');
  return {
    total: Number(await el.getAttribute('data-total')),
    query: (await el.getAttribute('data-query'))!,
    rendered: await page.evaluate(readRendered),
  };
}

async function apiTotal(page: Page, query: string): Promise<number> {
  const res = await page.request.get(new URL(query, BASE_URL).toString());
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { total: number; cells: { count: number }[] };
  expect(body.total).toBe(body.cells.reduce((s, c) => s + c.count, 0));
  return body.total;
}

describe.skipIf(!BASE_URL)('staff problem map /map', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'ru-RU' });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await login(page, 'analyst', '/map');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it(
    'draws hexagons whose counts add up to the total, and the total follows the topic filter',
    { timeout: 120_000 },
    async () => {
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Карта проблем');

      // The first view fits the data's extent, so no cell is cut off: every returned cell is drawn, and the
      // drawn counts add up exactly to the total the page shows, which is exactly what the API answers.
      const all = await waitForSettledMap(page);
      expect(all.total).toBeGreaterThan(0);
      expect(all.rendered.cells).toBeGreaterThan(0);
      expect(all.rendered.sum).toBe(all.total);
      expect(await apiTotal(page, all.query)).toBe(all.total);
      expect(await page.getByTestId('total').textContent()).toMatch(/^Обращений: [\d\s\u00a0]+/);

      const allParams = new URL(all.query, BASE_URL).searchParams;
      expect(allParams.get('topic')).toBeNull();
      expect(allParams.get('gratitude')).toBe('exclude');
      expect(allParams.get('from')).toBe(await page.getByTestId('date-from').getAttribute('data-value'));
      expect(allParams.get('to')).toBe(await page.getByTestId('date-to').getAttribute('data-value'));

      // Only roads: untick every other topic checkbox, as a user would.
      const boxes = page.locator('input[data-testid^="topic-"]');
      const codes = await boxes.evaluateAll((els) =>
        els.map((e) => e.getAttribute('data-testid')!.slice('topic-'.length)),
      );
      expect(codes).toContain('roads');
      for (const code of codes.filter((c) => c !== 'roads')) await page.getByTestId(`topic-${code}`).uncheck();
      expect(await page.getByTestId('topic-roads').isChecked()).toBe(true);

      const roads = await waitForSettledMap(page, all.query);
      const roadParams = new URL(roads.query, BASE_URL).searchParams;
      expect(roadParams.get('topic')).toBe('roads');
      expect(roadParams.get('res')).toBe(allParams.get('res'));
      expect(roadParams.get('bbox')).toBe(allParams.get('bbox'));
      expect(roads.total).toBeGreaterThan(0);
      expect(roads.total).toBeLessThan(all.total);
      expect(roads.rendered.sum).toBe(roads.total);
      expect(await apiTotal(page, roads.query)).toBe(roads.total);

      // The side panel's summary follows: once it is ready it shows the API's total for the roads filter.
      const summaryParams = new URLSearchParams(roadParams);
      summaryParams.delete('res');
      summaryParams.delete('bbox');
      const summaryRes = await page.request.get(new URL(`/api/summary?${summaryParams}`, BASE_URL).toString());
      expect(summaryRes.status()).toBe(200);
      const roadSummary = ((await summaryRes.json()) as { total: number }).total;
      await page.waitForFunction(
        () => document.querySelector('[data-testid="summary"]')?.getAttribute('data-state') === 'ready',
      );
      expect(await page.getByTestId('summary-total').getAttribute('data-total')).toBe(String(roadSummary));

      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/map.png' });
      expect(pageErrors).toEqual([]);
    },
  );

  it("dims the summary and says so while the new filter's figures load", { timeout: 60_000 }, async () => {
    const before = await page.getByTestId('summary-total').getAttribute('data-total');
    // Hold the summary's answer back, so the panel is caught between two filters.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/summary?**', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByTestId('topic-housing').check();
    const panel = page.getByTestId('summary');
    await expect.poll(() => panel.getAttribute('data-state')).toBe('updating');
    expect(await panel.getByRole('status').textContent()).toBe('Обновляется под новый фильтр…');
    // The old figures stay, dimmed, until the new ones arrive.
    expect(await page.getByTestId('summary-total').getAttribute('data-total')).toBe(before);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/map-summary-updating.png' });
    release();
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    expect(Number(await page.getByTestId('summary-total').getAttribute('data-total'))).toBeGreaterThan(Number(before));
    await page.unroute('**/api/summary?**');
    await page.getByTestId('topic-housing').uncheck();
  });

  it('shows a cell count in a popup when a hexagon is clicked', { timeout: 120_000 }, async () => {
    const target = await page.evaluate(() => {
      const map = window.__pmapMap!;
      const canvas = map.getCanvas().getBoundingClientRect();
      let best: { x: number; y: number; count: number } | null = null;
      // Probe a grid of points and keep the one over the cell with the largest count.
      for (let x = 20; x < canvas.width - 20; x += 25) {
        for (let y = 20; y < canvas.height - 20; y += 25) {
          const [f] = map.queryRenderedFeatures([x, y], { layers: ['hexagons'] });
          const count = Number(f?.properties.count);
          if (f && (!best || count > best.count)) best = { x: canvas.left + x, y: canvas.top + y, count };
        }
      }
      return best;
    });
    expect(target).not.toBeNull();
    await page.mouse.click(target!.x, target!.y);
    const popup = page.locator('.maplibregl-popup-content');
    await popup.waitFor({ timeout: 10_000 });
    const digits = (await popup.textContent())!.replace(/\D/g, '');
    expect(Number(digits)).toBe(target!.count);
  });
});
