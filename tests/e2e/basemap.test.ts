import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launch, login, testClientIp, url } from './browser';

const SHOTS = path.resolve(__dirname, '../../test-results');
// Orenburg's centre in the demo: a street-zoom view of its named streets and numbered houses.
const CENTRE: [number, number] = [55.1, 51.772];

type MapHook = '__pmapMap' | '__pmapRoadsMap' | '__pmapPointsMap';

/** Every request a page makes, so that one to any other host than the app fails the test. */
function watch(ctx: BrowserContext) {
  const foreign: string[] = [];
  const glyphs: { url: string; status: number }[] = [];
  const basemapTiles: number[] = [];
  const own = new URL(BASE_URL!).host;
  ctx.on('request', (r) => {
    const u = new URL(r.url());
    if (
      (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:') &&
      u.host !== own
    )
      foreign.push(r.url());
  });
  ctx.on('response', (r) => {
    const p = new URL(r.url()).pathname;
    if (p.startsWith('/glyphs/')) glyphs.push({ url: r.url(), status: r.status() });
    if (p.startsWith('/api/basemap/tiles/')) basemapTiles.push(r.status());
  });
  return { foreign, glyphs, basemapTiles };
}

/** Moves a page's map to street zoom and waits until the basemap's labels are drawn; returns what it shows. */
async function streetZoom(page: Page, hook: MapHook, zoom = 16.5) {
  await page.waitForFunction(
    (h) => {
      const m = window[h as MapHook];
      return !!m && m.loaded() && !!m.getLayer('basemap-road-name');
    },
    hook,
    { timeout: 60_000, polling: 250 },
  );
  await page.evaluate(
    ([h, c, z]) => window[h as MapHook]!.jumpTo({ center: c as [number, number], zoom: z as number }),
    [hook, CENTRE, zoom] as const,
  );
  await page.waitForFunction(
    (h) => {
      const m = window[h as MapHook]!;
      return m.loaded() && m.areTilesLoaded() && m.queryRenderedFeatures({ layers: ['basemap-road-name'] }).length > 0;
    },
    hook,
    { timeout: 60_000, polling: 250 },
  );
  return page.evaluate((h) => {
    const m = window[h as MapHook]!;
    const q = (layer: string, field: string) => [
      ...new Set(m.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.properties[field]))),
    ];
    const src = m.getStyle().sources.basemap as { attribution?: string };
    return {
      streets: q('basemap-road-name', 'name'),
      houses: q('basemap-housenumber', 'housenumber'),
      attribution: src.attribution ?? null,
      attributionText: document.querySelector('.maplibregl-ctrl-attrib')?.textContent ?? '',
    };
  }, hook);
}

describe.skipIf(!BASE_URL)('offline basemap', () => {
  let browser: Browser;
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the style, tiles and glyphs are public and local', async () => {
    const ctx = await browser.newContext();
    const style = (await (await ctx.request.get(url('/api/basemap/style.json?variant=clear'))).json()) as {
      glyphs: string;
      sources: { basemap: { tiles: string[] } };
      layers: { id: string; type: string }[];
    };
    expect(new URL(style.glyphs.replace('{fontstack}', 'x').replace('{range}', '0-255')).host).toBe(
      new URL(BASE_URL!).host,
    );
    expect(new URL(style.sources.basemap.tiles[0]!.replace(/[{}]/g, '')).host).toBe(new URL(BASE_URL!).host);
    expect(style.layers.filter((l) => l.type === 'symbol').length).toBeGreaterThanOrEqual(4);
    const glyph = await ctx.request.get(url('/glyphs/Open%20Sans%20Regular/1024-1279.pbf'));
    expect(glyph.status()).toBe(200);
    expect((await glyph.body()).byteLength).toBeGreaterThan(1000);
    expect((await ctx.request.get(url('/api/basemap/style.json?variant=loud'))).status()).toBe(400);
    await ctx.close();
  });

  it('problem map: street names and house numbers at street zoom, nothing fetched from another host', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' });
    const seen = watch(ctx);
    const page = await ctx.newPage();
    await login(page, 'analyst', '/map');
    const shown = await streetZoom(page, '__pmapMap');
    expect(shown.streets.length).toBeGreaterThan(0);
    expect(shown.streets.every((s) => /\p{Script=Cyrillic}/u.test(s))).toBe(true);
    expect(shown.houses.length).toBeGreaterThan(3);
    expect(shown.attribution).toBe('Демо-данные');
    await page.screenshot({ path: path.join(SHOTS, 'basemap-map-street.png') });
    // Street zoom with cells and road lines on: the cells fade to a tint, the street names sit over the cells and
    // the road lines and under the appeal points.
    await page.evaluate(() => window.__pmapMap!.jumpTo({ center: [55.1, 51.772], zoom: 16 }));
    await page.waitForFunction(() => window.__pmapMap!.loaded() && window.__pmapMap!.areTilesLoaded(), null, {
      timeout: 60_000,
    });
    const order = await page.evaluate(() => {
      const ids = window.__pmapMap!.getStyle().layers.map((l) => l.id);
      return {
        hex: ids.indexOf('hexagons'),
        names: ids.indexOf('basemap-road-name'),
        roads: ids.indexOf('roads'),
        points: ids.indexOf('appeal-points'),
      };
    });
    expect(order.hex).toBeGreaterThanOrEqual(0);
    expect(order.names).toBeGreaterThan(order.hex);
    expect(order.points).toBeGreaterThan(order.names);
    if (order.roads >= 0) expect(order.names).toBeGreaterThan(order.roads);
    await page.screenshot({ path: path.join(SHOTS, 'basemap-map-z16.png') });
    // A town view: the city and district names.
    await page.evaluate(() => window.__pmapMap!.jumpTo({ center: [55.4, 51.8], zoom: 8 }));
    await page.waitForFunction(() => window.__pmapMap!.loaded() && window.__pmapMap!.areTilesLoaded(), null, {
      timeout: 60_000,
    });
    await page.screenshot({ path: path.join(SHOTS, 'basemap-map-region.png') });
    // The map's own labels are placed first and may hide some basemap names, never all of them.
    const places = await page.evaluate(() =>
      window
        .__pmapMap!.queryRenderedFeatures({
          layers: ['basemap-place-city', 'basemap-place-town', 'basemap-place-village', 'basemap-place-municipality'],
        })
        .map((f) => String(f.properties.name)),
    );
    expect(places.length).toBeGreaterThan(0);
    expect(seen.glyphs.length).toBeGreaterThan(0);
    expect(seen.glyphs.filter((g) => g.status !== 200)).toEqual([]);
    expect(seen.basemapTiles.length).toBeGreaterThan(0);
    expect(seen.basemapTiles.filter((s) => s !== 200)).toEqual([]);
    expect(seen.foreign).toEqual([]);
    await ctx.close();
  });

  it("a client may load 400 basemap tiles in a minute; the API's own limit still bites", async () => {
    // One address for the whole test (the server believes X-Forwarded-For from loopback, as e2e.sh sets up).
    const ctx = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': testClientIp() } });
    const statuses: number[] = [];
    // Orenburg's z12-z14 tiles around the centre: distinct tiles, as a panning visitor asks for them.
    const tiles: string[] = [];
    for (let i = 0; tiles.length < 400; i++) {
      const z = 12 + (i % 3);
      const n = 2 ** z;
      const x = Math.floor(((CENTRE[0] + 180) / 360) * n) + ((i >> 2) % 10) - 5;
      const r = (CENTRE[1] * Math.PI) / 180;
      const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n) + ((i >> 5) % 10) - 5;
      tiles.push(`/api/basemap/tiles/${z}/${x}/${y}.pbf`);
    }
    for (let i = 0; i < tiles.length; i += 20) {
      statuses.push(
        ...(await Promise.all(tiles.slice(i, i + 20).map(async (t) => (await ctx.request.get(url(t))).status()))),
      );
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const api: number[] = [];
    for (let i = 0; i < 320; i += 20) {
      api.push(
        ...(await Promise.all(
          Array.from({ length: 20 }, async () => (await ctx.request.get(url('/api/public/hexagons?res=4'))).status()),
        )),
      );
    }
    expect(api.filter((s) => s === 200).length).toBe(300);
    expect(api.filter((s) => s === 429).length).toBe(20);
    await ctx.close();
  }, 300_000);

  it('roads page: the basemap under the segments', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' });
    const seen = watch(ctx);
    const page = await ctx.newPage();
    await login(page, 'analyst', '/roads');
    const shown = await streetZoom(page, '__pmapRoadsMap', 15.5);
    expect(shown.streets.length).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'basemap-roads-street.png') });
    expect(seen.glyphs.filter((g) => g.status !== 200)).toEqual([]);
    expect(seen.foreign).toEqual([]);
    await ctx.close();
  });

  it('public vaccination map: the clear basemap without a login, its attribution shown', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' });
    const seen = watch(ctx);
    const page = await ctx.newPage();
    await page.goto(url('/vaccination'));
    const shown = await streetZoom(page, '__pmapPointsMap');
    expect(shown.streets.length).toBeGreaterThan(0);
    expect(shown.houses.length).toBeGreaterThan(3);
    expect(await page.evaluate(() => window.__pmapPointsMap!.getStyle().name)).toBe('pmap-basemap-clear');
    // The compact attribution control holds the text (expanded on a click).
    expect(shown.attributionText).toContain('Демо-данные');
    await page.screenshot({ path: path.join(SHOTS, 'basemap-vaccination-street.png') });
    await page.evaluate(() => window.__pmapPointsMap!.jumpTo({ center: [55.4, 51.8], zoom: 8 }));
    await page.waitForFunction(
      () => window.__pmapPointsMap!.loaded() && window.__pmapPointsMap!.areTilesLoaded(),
      null,
      { timeout: 60_000 },
    );
    await page.screenshot({ path: path.join(SHOTS, 'basemap-vaccination-region.png') });
    const places = await page.evaluate(() =>
      window
        .__pmapPointsMap!.queryRenderedFeatures({
          layers: ['basemap-place-city', 'basemap-place-town', 'basemap-place-village', 'basemap-place-municipality'],
        })
        .map((f) => String(f.properties.name)),
    );
    expect(places.length).toBeGreaterThan(0);
    expect(seen.glyphs.length).toBeGreaterThan(0);
    expect(seen.glyphs.filter((g) => g.status !== 200)).toEqual([]);
    expect(seen.foreign).toEqual([]);
    await ctx.close();
  });
});
