import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLayer } from '../helpers/mvt';
import { BASE_URL, launch, login, url } from './browser';

/*
 * One filter, one number, through HTTP on the demo: the side panel's summary, the hexagons of the whole box, the sum
 * over the tiles covering the region at one zoom, the export's rows and the appeals list's total. The documented
 * relation (README «Counting rules»): summary = list = export = every appeal the filter matches; hexagons = tiles =
 * those with a location; summary.withoutLocation = the rest. The expected numbers come from the test's own SQL.
 */

const SHOTS = path.resolve('test-results');

interface Expected {
  all: number;
  located: number;
}

describe.skipIf(!BASE_URL)('one filter, one number (HTTP, demo)', () => {
  let browser: Browser;
  let page: Page;
  let sql: pg.Client;
  let box: [number, number, number, number];
  let period: { from: string; to: string };
  const pageErrors: string[] = [];

  const get = async (p: string) => page.request.get(url(p), { headers: { 'Accept-Language': 'ru' } });
  const json = async <T>(p: string): Promise<T> => {
    const r = await get(p);
    expect(r.status(), p).toBe(200);
    return (await r.json()) as T;
  };

  /** Counted by the test: topic, period (days, `to` inclusive) and thanks as the filter says; thanks out by default. */
  async function expected(q: { topic?: string; from?: string; to?: string; gratitude?: string }): Promise<Expected> {
    const g = q.gratitude ?? 'exclude';
    const [r] = (
      await sql.query<{ all: string; located: string }>(
        `SELECT count(*) AS all, count(h3) AS located FROM appeals
       WHERE ($1::text IS NULL OR topic = $1) AND ($2::date IS NULL OR created_at >= $2::date)
         AND ($3::date IS NULL OR created_at < $3::date + 1)
         AND ($4 = 'include' OR is_gratitude = ($4 = 'only'))`,
        [q.topic ?? null, q.from ?? null, q.to ?? null, g],
      )
    ).rows;
    return { all: Number(r.all), located: Number(r.located) };
  }

  const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
  const lat2y = (lat: number, z: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
  };

  /** The cells of every tile covering the box at zoom z, each once (a cell on a tile edge is in both tiles). */
  async function tileSum(qs: string, z: number): Promise<number> {
    const cells = new Map<string, number>();
    for (let x = lon2x(box[0], z); x <= lon2x(box[2], z); x++) {
      for (let y = lat2y(box[3], z); y <= lat2y(box[1], z); y++) {
        const r = await get(`/api/tiles/appeals/${z}/${x}/${y}.pbf?${qs}`);
        expect(r.status()).toBe(200);
        for (const f of decodeLayer(new Uint8Array(await r.body()), 'appeals', z, x, y)) {
          const h3 = String(f.properties.h3);
          if (cells.has(h3)) expect(cells.get(h3), h3).toBe(Number(f.properties.count));
          cells.set(h3, Number(f.properties.count));
        }
      }
    }
    return [...cells.values()].reduce((a, n) => a + n, 0);
  }

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    sql = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
    await sql.connect();
    const [b] = (
      await sql.query<{ w: number; s: number; e: number; n: number; max: string }>(
        `SELECT floor(ST_XMin(x)) w, floor(ST_YMin(x)) s, ceil(ST_XMax(x)) e, ceil(ST_YMax(x)) n,
              (SELECT to_char(max(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM appeals) AS max
       FROM (SELECT ST_Extent(geom)::geometry x FROM appeals) t`,
      )
    ).rows;
    box = [Number(b.w), Number(b.s), Number(b.e), Number(b.n)];
    // The last two whole months of the data, so the period's edges fall inside it.
    const end = new Date(`${b.max.slice(0, 7)}-01T00:00:00Z`);
    period = {
      from: new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 2, 1)).toISOString().slice(0, 10),
      to: new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10),
    };
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU', acceptDownloads: true });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await login(page, 'analyst', '/map');
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await browser?.close();
  });

  it(
    'the default filter: summary = appeals list; hexagons (whole box) = tiles = summary − without location',
    { timeout: 240_000 },
    async () => {
      const e = await expected({});
      expect(e.all).toBeGreaterThan(1000);
      const s = await json<{ total: number; withoutLocation: number }>('/api/summary');
      expect([s.total, s.withoutLocation]).toEqual([e.all, e.all - e.located]);
      expect((await json<{ total: number }>('/api/appeals?page_size=1')).total).toBe(e.all);
      for (const res of [5, 7]) {
        const h = await json<{ total: number }>(`/api/appeals/hexagons?res=${res}&bbox=${box.join(',')}`);
        expect(h.total, `res ${res}`).toBe(e.located);
      }
      expect(await tileSum('', 7)).toBe(e.located);
    },
  );

  it(
    "one topic over two months: the same numbers, and the export has exactly the summary's rows",
    { timeout: 240_000 },
    async () => {
      const q = { topic: 'roads', ...period };
      const qs = new URLSearchParams(q).toString();
      const e = await expected(q);
      expect(e.all).toBeGreaterThan(0);
      const s = await json<{ total: number; withoutLocation: number }>(`/api/summary?${qs}`);
      expect([s.total, s.withoutLocation]).toEqual([e.all, e.all - e.located]);
      expect((await json<{ total: number }>(`/api/appeals?${qs}&page_size=1`)).total).toBe(e.all);
      // The /appeals page with the same filter (its default for thanks is the same one).
      await page.goto(url(`/appeals?${qs}`));
      expect(Number(await page.getByTestId('appeals-total').getAttribute('data-total'))).toBe(e.all);
      const h = await json<{ total: number }>(`/api/appeals/hexagons?res=6&bbox=${box.join(',')}&${qs}`);
      expect(h.total).toBe(e.located);
      expect(await tileSum(qs, 7)).toBe(e.located);
      const x = await get(`/api/appeals/export?format=csv&${qs}`);
      expect(x.status()).toBe(200);
      expect(Number(x.headers()['x-export-rows'])).toBe(e.all);
      const lines = (await x.text()).split(/\r?\n/).filter((l) => l.trim() !== '');
      // One header line; no field of the demo's export holds a line break (a multi-line text would make this differ).
      expect(lines.length - 1).toBe(e.all);
    },
  );

  it('thanks included and thanks only: every endpoint moves together', { timeout: 240_000 }, async () => {
    for (const gratitude of ['include', 'only']) {
      const q = { topic: 'health', gratitude, ...period };
      const qs = new URLSearchParams(q).toString();
      const e = await expected(q);
      expect((await json<{ total: number }>(`/api/summary?${qs}`)).total).toBe(e.all);
      expect((await json<{ total: number }>(`/api/appeals?${qs}&page_size=1`)).total).toBe(e.all);
      expect((await json<{ total: number }>(`/api/appeals/hexagons?res=5&bbox=${box.join(',')}&${qs}`)).total).toBe(
        e.located,
      );
    }
  });

  it('a reversed period is one rule: a 400 saying «Конец периода раньше начала» on every endpoint', async () => {
    const qs = `from=${period.to}&to=${period.from}`;
    for (const p of [
      `/api/summary?${qs}`,
      `/api/appeals?${qs}`,
      `/api/appeals/export?format=csv&${qs}`,
      `/api/appeals/hexagons?res=5&${qs}`,
      `/api/tiles/appeals/7/90/41.pbf?${qs}`,
      `/api/hotspots?${qs}`,
      `/api/roads/priorities?${qs}`,
    ]) {
      const r = await get(p);
      expect(r.status(), p).toBe(400);
      expect(JSON.stringify(await r.json()), p).toMatch(/Конец периода раньше начала/);
    }
  });

  it(
    'the map: the side panel says how many have no location; dates show as ДД.ММ.ГГГГ and take it typed',
    { timeout: 180_000 },
    async () => {
      const q = { topic: 'roads', ...period };
      const e = await expected(q);
      await page.goto(url(`/map?${new URLSearchParams(q)}`));
      const total = page.getByTestId('summary-total');
      await total.waitFor({ timeout: 90_000 });
      expect(Number(await total.getAttribute('data-total'))).toBe(e.all);
      if (e.all > e.located) {
        const note = page.getByTestId('summary-without-location');
        expect(Number(await note.getAttribute('data-count'))).toBe(e.all - e.located);
        expect(await note.textContent()).toMatch(/^Без координат: [\d\s\u00a0]+, приблизительно: [\d\s\u00a0]+$/);
        // Each figure opens the list of those appeals, to place them by hand.
        expect(await page.getByTestId('summary-location-none').getAttribute('href')).toMatch(
          /^\/appeals\?.*location=none/,
        );
      }
      const from = page.getByTestId('date-from');
      const [y, m, d] = period.from.split('-');
      expect(await from.inputValue()).toBe(`${d}.${m}.${y}`);
      // Typed the Russian way, applied with Enter: the URL carries the ISO day.
      await from.fill(`15.${m}.${y}`);
      await from.press('Enter');
      await page.waitForFunction((day) => new URL(location.href).searchParams.get('from') === day, `${y}-${m}-15`);
      expect(await from.inputValue()).toBe(`15.${m}.${y}`);
      await page.waitForSelector('[data-testid="total"][data-state="ready"][data-total]', { timeout: 90_000 });
      await page.getByTestId('summary').and(page.locator('[data-state="ready"]')).waitFor({ timeout: 90_000 });
      await page.screenshot({ path: path.join(SHOTS, 'one-number-map.png') });

      // A reversed period: said next to the dates, in Russian; no request is made for it.
      await page.goto(url(`/map?from=${period.to}&to=${period.from}`));
      await expect
        .poll(() => page.getByText('Конец периода раньше начала').count(), { timeout: 60_000 })
        .toBeGreaterThan(0);
      // The side panel says it too, instead of figures that never come, and offers no export for it.
      await page.getByTestId('summary-blocked').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('export-menu').count()).toBe(0);
      await page.screenshot({ path: path.join(SHOTS, 'one-number-reversed.png') });

      // The roads page: the same rule next to its dates, and no list for the reversed period.
      await page.goto(url('/roads'));
      const roadsFrom = page.getByTestId('roads-from');
      await expect.poll(() => roadsFrom.inputValue(), { timeout: 60_000 }).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
      await roadsFrom.fill(`01.${m}.${y}`);
      await roadsFrom.press('Enter');
      await page.getByTestId('roads-to').fill(`01.01.${Number(y) - 1}`);
      await page.getByTestId('roads-to').press('Enter');
      await page.getByTestId('roads-period-error').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('roads-period-error').textContent()).toBe('Конец периода раньше начала');
      expect(await page.getByTestId('export-xlsx').count()).toBe(0);
      await page.screenshot({ path: path.join(SHOTS, 'one-number-roads-reversed.png') });
      expect(pageErrors).toEqual([]);
    },
  );
});
