import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launch, login } from './browser';

interface Settled {
  total: number;
  query: string;
}

/** Resolves once the total names a hexagon request other than `notQuery` and the map has drawn its answer. */
async function settled(page: Page, notQuery?: string | null): Promise<Settled> {
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
        map.areTilesLoaded()
      );
    },
    notQuery ?? null,
    { timeout: 60_000, polling: 200 },
  );
  const el = page.getByTestId('total');
  return { total: Number(await el.getAttribute('data-total')), query: (await el.getAttribute('data-query'))! };
}

const params = (page: Page) => new URL(page.url()).searchParams;
const hexParams = (s: Settled) => new URL(s.query, BASE_URL).searchParams;
const visibility = (page: Page, layer: string) =>
  page.evaluate(
    (id) =>
      window.__pmapMap!.getLayer(id) ? (window.__pmapMap!.getLayoutProperty(id, 'visibility') ?? 'visible') : 'absent',
    layer,
  );

async function shot(page: Page, name: string) {
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/${name}.png` });
}

/** The screen point over the drawn cell with the largest count in `layer`. */
async function busiestCell(page: Page, layer: string) {
  return page.evaluate((id) => {
    const map = window.__pmapMap!;
    const canvas = map.getCanvas().getBoundingClientRect();
    let best: { x: number; y: number; count: number; h3: string } | null = null;
    for (let x = 20; x < canvas.width - 20; x += 20) {
      for (let y = 20; y < canvas.height - 20; y += 20) {
        const [f] = map.queryRenderedFeatures([x, y], { layers: [id] });
        const count = Number(f?.properties.count ?? f?.properties.b);
        if (f && (!best || count > best.count))
          best = { x: canvas.left + x, y: canvas.top + y, count, h3: String(f.properties.h3) };
      }
    }
    return best;
  }, layer);
}

describe.skipIf(!BASE_URL)('/map filters, URL state, time slider, comparison, layers, drill-down', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launch();
    context = await browser.newContext({
      viewport: { width: 1400, height: 860 },
      locale: 'en-US',
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await login(page, 'analyst', '/map');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it(
    'filters change the map and the URL, and the URL reproduces the view in a new page',
    { timeout: 180_000 },
    async () => {
      const all = await settled(page);
      expect(all.total).toBeGreaterThan(0);
      // The view is in the URL from the start; the dates show as ДД.ММ.ГГГГ even in an en-US browser.
      expect(params(page).get('z')).not.toBeNull();
      expect(await page.getByTestId('date-from').inputValue()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);

      // Channels: only the Gosuslugi platform.
      await page.getByTestId('channel-filter').locator('summary').click();
      const channels = await page
        .locator('input[name="channel"]')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
      for (const c of channels.filter((c) => c !== 'pos')) await page.getByTestId(`channel-${c}`).uncheck();
      const pos = await settled(page, all.query);
      expect(params(page).get('channel')).toBe('pos');
      expect(hexParams(pos).get('channel')).toBe('pos');
      expect(pos.total).toBeGreaterThan(0);
      expect(pos.total).toBeLessThan(all.total);

      // The municipality with most appeals, picked from the side panel's list; status "new"; thanks included;
      // a date range typed as ISO dates.
      const top = page.getByTestId('top-municipalities').locator('button').first();
      await top.waitFor({ timeout: 60_000 });
      const codes = [(await top.getAttribute('data-code'))!];
      await top.click();
      await page.waitForFunction((code) => new URL(location.href).searchParams.get('municipality') === code, codes[0]);
      expect(await page.getByTestId('municipality').inputValue()).toBe(codes[0]);
      await page.getByTestId('status-filter').locator('summary').click();
      for (const s of ['in_progress', 'answered', 'closed', 'rejected'])
        await page.getByTestId(`status-${s}`).uncheck();
      await page.getByTestId('gratitude').selectOption('include');
      // The last 120 days: "new" appeals are recent ones.
      const to = (await page.getByTestId('date-to').getAttribute('data-value'))!;
      const later = new Date(Date.parse(`${to}T00:00:00Z`) - 120 * 86_400_000).toISOString().slice(0, 10);
      await page.getByTestId('date-from').fill(later);
      await page.getByTestId('date-from').press('Enter');
      const narrowed = await settled(page, pos.query);
      const url = params(page);
      expect(url.get('status')).toBe('new');
      expect(url.get('municipality')).toBe(codes[0]);
      expect(url.get('gratitude')).toBe('include');
      expect(url.get('from')).toBe(later);
      const hp = hexParams(narrowed);
      expect([hp.get('status'), hp.get('municipality'), hp.get('gratitude'), hp.get('from')]).toEqual([
        'new',
        codes[0],
        'include',
        later,
      ]);
      expect(narrowed.total).toBeLessThan(pos.total);
      expect(narrowed.total).toBeGreaterThan(0);
      await shot(page, 'map-filters');

      // The same link in a new page gives the same request, the same total and the same controls.
      const link = page.url();
      const second = await context.newPage();
      second.on('pageerror', (err) => pageErrors.push(err.message));
      await second.goto(link);
      const again = await settled(second);
      expect(again.query).toBe(narrowed.query);
      expect(again.total).toBe(narrowed.total);
      expect(await second.getByTestId('municipality').inputValue()).toBe(codes[0]);
      expect(await second.getByTestId('date-from').getAttribute('data-value')).toBe(later);
      expect(await second.getByTestId('date-from').inputValue()).toBe(later.split('-').reverse().join('.'));
      await second.getByTestId('channel-filter').locator('summary').click();
      expect(await second.getByTestId('channel-pos').isChecked()).toBe(true);
      expect(await second.getByTestId('channel-social').isChecked()).toBe(false);
      await shot(second, 'map-url-roundtrip');
      await second.close();

      // Back to everything for the next tests.
      await page.goto(new URL('/map', BASE_URL).toString());
      await settled(page);
    },
  );

  it('steps and plays the weekly time slider, re-fetching the cells per week', { timeout: 180_000 }, async () => {
    const before = await page.getByTestId('total').getAttribute('data-query');
    await page.getByTestId('time-on').check();
    const w1 = await settled(page, before);
    const week1 = params(page).get('week')!;
    expect(week1).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${week1}T00:00:00Z`).getUTCDay()).toBe(1); // a Monday
    // The week is cut at the chosen period's first day (the slider stays inside the period).
    const periodFrom = await page.getByTestId('date-from').getAttribute('data-value');
    const cut = (week: string) => (periodFrom && periodFrom > week ? periodFrom : week);
    expect(hexParams(w1).get('from')).toBe(cut(week1));

    await page.getByTestId('time-next').click();
    const w2 = await settled(page, w1.query);
    const week2 = params(page).get('week')!;
    expect(Date.parse(week2) - Date.parse(week1)).toBe(7 * 86_400_000);
    expect(hexParams(w2).get('from')).toBe(cut(week2));

    // Play: the week advances about once a second; the totals differ between weeks.
    const totals = new Set<number>([w1.total, w2.total]);
    await page.getByTestId('time-play').click();
    let last = w2.query;
    for (let i = 0; i < 3; i++) {
      const s = await settled(page, last);
      totals.add(s.total);
      last = s.query;
    }
    await page.getByTestId('time-play').click(); // pause
    const week5 = params(page).get('week')!;
    expect((Date.parse(week5) - Date.parse(week1)) / (7 * 86_400_000)).toBeGreaterThanOrEqual(4);
    expect(totals.size).toBeGreaterThan(1);
    expect(await page.getByTestId('time-week').getAttribute('data-week')).toBe(week5);
    await shot(page, 'map-time-slider');

    await page.getByTestId('time-on').uncheck();
    await settled(page, last);
    expect(params(page).get('week')).toBeNull();
  });

  it('compares two periods with a diverging legend', { timeout: 180_000 }, async () => {
    const before = await page.getByTestId('total').getAttribute('data-query');
    await page.getByTestId('compare-on').check();
    await settled(page, before);
    const compare = params(page).get('compare');
    expect(compare).toMatch(/^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/);
    await page.waitForFunction(() => Boolean(window.__pmapCompareApplied), null, { timeout: 60_000 });
    const legend = page.getByTestId('legend-compare');
    await legend.waitFor();
    const rows = await legend.locator('li').allTextContents();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.some((r) => r.includes('−') || r.includes('-'))).toBe(true);
    expect(rows.some((r) => r.includes('+'))).toBe(true);
    expect(await visibility(page, 'compare')).toBe('visible');
    expect(await visibility(page, 'hexagons')).toBe('none');
    const summary = page.getByTestId('compare-summary');
    const a = Number(await summary.getAttribute('data-a'));
    const b = Number(await summary.getAttribute('data-b'));
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    // Period B is what the total shows; the drawn cells carry B − A.
    expect(b).toBe(Number(await page.getByTestId('total').getAttribute('data-total')));
    const cell = await busiestCell(page, 'compare');
    expect(cell).not.toBeNull();
    await shot(page, 'map-compare');

    await page.getByTestId('compare-on').uncheck();
    expect(params(page).get('compare')).toBeNull();
  });

  it('switches layers on and off, and keeps the set in the URL', { timeout: 120_000 }, async () => {
    expect(await visibility(page, 'hexagons')).toBe('visible');
    await page.getByTestId('layer-heat').check();
    await page.getByTestId('layer-vacc').check();
    await page.getByTestId('layer-hex').uncheck();
    await page.waitForFunction(() => window.__pmapMap!.getLayoutProperty('road-heat', 'visibility') === 'visible');
    expect(params(page).get('layers')).toBe('bounds,heat,points,vacc');
    expect(await visibility(page, 'hexagons')).toBe('none');
    expect(await visibility(page, 'vacc-points')).toBe('visible');
    await page.waitForFunction(() => window.__pmapMap!.querySourceFeatures('road-heat').length > 0, null, {
      timeout: 60_000,
    });
    await page.waitForFunction(() => window.__pmapMap!.loaded() && window.__pmapMap!.areTilesLoaded(), null, {
      timeout: 60_000,
    });
    await shot(page, 'map-layers');

    await page.getByTestId('layer-heat').uncheck();
    await page.getByTestId('layer-vacc').uncheck();
    await page.getByTestId('layer-hex').check();
    expect(params(page).get('layers')).toBeNull(); // back to the default set
    expect(await visibility(page, 'road-heat')).toBe('none');
    expect(await visibility(page, 'hexagons')).toBe('visible');
  });

  it(
    'draws road segments, repair plans and single appeals from the vector tiles; a click selects them',
    { timeout: 180_000 },
    async () => {
      await page.getByTestId('layer-roads').check();
      await page.getByTestId('layer-plans').check();
      expect(params(page).get('layers')).toBe('bounds,hex,roads,plans,points');
      // Onto a road: the network spans the whole region now (every town has its streets), so the middle of its
      // extent may be open country; the 4000th segment of the scripts' GeoJSON (ordered by id; the regional centre's streets come first) is not.
      const fc = (await (
        await page.request.get(new URL('/api/roads/geojson?page_size=1&page=4000', BASE_URL).toString())
      ).json()) as {
        features: Array<{ geometry: { type: string; coordinates: number[][] | number[][][] } }>;
      };
      const g = fc.features[0]!.geometry;
      const line = g.type === 'MultiLineString' ? (g.coordinates as number[][][])[0]! : (g.coordinates as number[][]);
      const mid = line[Math.floor(line.length / 2)]!;
      await page.evaluate((c) => window.__pmapMap!.jumpTo({ center: c, zoom: 13 }), [mid[0]!, mid[1]!] as [
        number,
        number,
      ]);
      await page.waitForFunction(
        () => {
          const map = window.__pmapMap!;
          return map.loaded() && map.areTilesLoaded() && map.queryRenderedFeatures({ layers: ['roads'] }).length > 0;
        },
        null,
        { timeout: 60_000 },
      );
      const roads = await page.evaluate(() => {
        const fs = window.__pmapMap!.queryRenderedFeatures({ layers: ['roads'] });
        const plans = window.__pmapMap!.queryRenderedFeatures({ layers: ['plans'] });
        return {
          n: fs.length,
          perKm: fs.every((f) => typeof f.properties.per_km === 'number'),
          plans: plans.map((f) => f.properties.plan_status),
        };
      });
      expect(roads.n).toBeGreaterThan(0);
      expect(roads.perKm).toBe(true);
      for (const status of roads.plans) expect(['planned', 'in_progress', 'done', 'warranty']).toContain(status);
      await shot(page, 'map-roads');

      // Street zoom: single appeals as points; a click on one selects it and opens its drill-down.
      await page.getByTestId('layer-hex').uncheck();
      await page.getByTestId('layer-roads').uncheck();
      await page.getByTestId('layer-plans').uncheck();
      await page.evaluate(() => window.__pmapMap!.jumpTo({ zoom: 15.5 }));
      await page.waitForFunction(
        () => {
          const map = window.__pmapMap!;
          return (
            map.loaded() && map.areTilesLoaded() && map.queryRenderedFeatures({ layers: ['appeal-points'] }).length > 0
          );
        },
        null,
        { timeout: 60_000 },
      );
      const point = await page.evaluate(() => {
        const map = window.__pmapMap!;
        const [f] = map.queryRenderedFeatures({ layers: ['appeal-points'] });
        const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates;
        const p = map.project([lon, lat]);
        const r = map.getCanvas().getBoundingClientRect();
        return { x: r.left + p.x, y: r.top + p.y, id: Number(f.properties.id), text: 'text' in f.properties };
      });
      expect(point.text).toBe(false); // tiles carry no appeal text
      await page.mouse.click(point.x, point.y);
      await page.waitForFunction(() => new URL(location.href).searchParams.get('appeal') !== null);
      await page.waitForFunction(
        () => document.querySelector('[data-testid="drill"]')?.getAttribute('data-state') === 'ready',
        null,
        { timeout: 60_000 },
      );
      expect(Number(await page.getByTestId('drill').getAttribute('data-total'))).toBeGreaterThanOrEqual(1);
      await shot(page, 'map-street');

      await page.getByTestId('layer-hex').check();
      await page.goto(new URL('/map', BASE_URL).toString());
      await settled(page);
    },
  );

  it('opens the drill-down on a cell click, stores the cell in the URL, and pages', { timeout: 120_000 }, async () => {
    await page.waitForFunction(() => window.__pmapMap!.loaded() && window.__pmapMap!.areTilesLoaded(), null, {
      timeout: 60_000,
    });
    const cell = await busiestCell(page, 'hexagons');
    expect(cell).not.toBeNull();
    await page.mouse.click(cell!.x, cell!.y);
    await page.waitForFunction((h3) => new URL(location.href).searchParams.get('cell') === h3, cell!.h3);
    const drill = page.getByTestId('drill');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="drill"]')?.getAttribute('data-state') === 'ready',
      null,
      { timeout: 60_000 },
    );
    expect(Number(await drill.getAttribute('data-total'))).toBe(cell!.count);
    const pageLabel = page.getByTestId('drill-page');
    const first = await pageLabel.textContent();
    await drill.getByRole('button', { name: /Следующая|Next|→|Вперёд|Дальше/ }).click();
    await page.waitForFunction((t) => document.querySelector('[data-testid="drill-page"]')?.textContent !== t, first);
    await shot(page, 'map-drill');

    // The link with the cell opens the drill-down again.
    const second = await context.newPage();
    await second.goto(page.url());
    await second.getByTestId('drill').waitFor({ timeout: 60_000 });
    await second.close();
  });

  it('downloads exactly the current filter as CSV', { timeout: 120_000 }, async () => {
    const link = page.getByTestId('export-menu').locator('a[data-format="csv"]');
    const href = (await link.getAttribute('href'))!;
    expect(new URL(href, BASE_URL).searchParams.get('gratitude')).toBe('exclude');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), link.click()]);
    const path = await download.path();
    const text = readFileSync(path!, 'utf8');
    expect(text.split('\n')[0]).toContain('topic');
    expect(text.split('\n').length).toBeGreaterThan(2);
    await shot(page, 'map-export');
    expect(pageErrors).toEqual([]);
  });
});
