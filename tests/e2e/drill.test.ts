import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { getResolution } from 'h3-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launch, login, url } from './browser';

const SHOTS = path.resolve('test-results');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-e2e-drill-'));

interface Drill {
  total: number;
  page: number;
  pageSize: number;
  rows: {
    id: number;
    createdAt: string;
    topic: string;
    channel: string;
    status: string;
    text: string | null;
    problemId: number | null;
  }[];
}

describe.skipIf(!BASE_URL)('drill-down, exports and the briefing', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const api = async <T>(p: string): Promise<{ status: number; body: T }> => {
    // English: these checks read the API's English sentences (a page shows the Russian one by its key).
    const r = await page.request.get(url(p), { headers: { 'Accept-Language': 'en' } });
    return { status: r.status(), body: (await r.json()) as T };
  };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'ru-RU', acceptDownloads: true });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await login(page, 'analyst', '/map');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  let busiest: { h3: string; count: number };

  it(
    'GET /api/appeals/drill: a res-7 cell pages newest first and adds up to the hexagon count',
    { timeout: 120_000 },
    async () => {
      const hex = await api<{ cells: { h3: string; count: number }[] }>(
        '/api/appeals/hexagons?res=7&topic=roads&gratitude=exclude',
      );
      expect(hex.status).toBe(200);
      busiest = hex.body.cells.reduce((a, c) => (c.count > a.count ? c : a));
      expect(getResolution(busiest.h3)).toBe(7);
      expect(busiest.count).toBeGreaterThan(40);
      const q = `topic=roads&gratitude=exclude&h3=${busiest.h3}&page_size=20`;
      const [p1, p2] = await Promise.all([
        api<Drill>(`/api/appeals/drill?${q}&page=1`),
        api<Drill>(`/api/appeals/drill?${q}&page=2`),
      ]);
      expect(p1.status).toBe(200);
      expect(p1.body.total).toBe(busiest.count);
      expect([p1.body.page, p1.body.pageSize, p1.body.rows.length, p2.body.rows.length]).toEqual([1, 20, 20, 20]);
      const rows = [...p1.body.rows, ...p2.body.rows];
      expect(new Set(rows.map((r) => r.id)).size).toBe(40);
      expect(rows.every((r) => r.topic === 'roads' && typeof r.text === 'string')).toBe(true);
      const t = rows.map((r) => Date.parse(r.createdAt));
      expect([...t].sort((a, b) => b - a)).toEqual(t);
      const last = Math.ceil(busiest.count / 20);
      const tail = await api<Drill>(`/api/appeals/drill?${q}&page=${last}`);
      expect(tail.body.rows.length).toBe(busiest.count - (last - 1) * 20);

      // Drilling res-8 cells gives the hexagon API's counts too.
      const fine = await api<{ cells: { h3: string; count: number }[] }>(
        `/api/appeals/hexagons?res=8&topic=roads&gratitude=exclude`,
      );
      for (const c of fine.body.cells.slice(0, 5)) {
        const d = await api<Drill>(`/api/appeals/drill?topic=roads&gratitude=exclude&h3=${c.h3}&page_size=1`);
        expect(d.body.total).toBe(c.count);
      }

      const one = await api<Drill>(`/api/appeals/drill?appeal=${rows[0].id}`);
      expect(one.body.total).toBe(1);
      expect(one.body.rows[0].id).toBe(rows[0].id);
    },
  );

  it('bad drill requests are one-line 400s, anonymous ones 401', async () => {
    const bad = await api<{ error: string; message: string }>('/api/appeals/drill?h3=zzz');
    expect(bad).toMatchObject({
      status: 400,
      body: { error: 'bad_argument', message: 'h3: "zzz" is not a valid H3 cell' },
    });
    const none = await api<{ message: string }>('/api/appeals/drill?topic=roads');
    expect(none.body.message).toBe('give exactly one of h3, segment, appeal');
    const anon = await fetch(url(`/api/appeals/drill?h3=${busiest.h3}`), {
      headers: { 'X-Forwarded-For': '198.51.100.7' },
    });
    expect(anon.status).toBe(401);
  });

  it("the side panel lists a cell's appeals with paging", { timeout: 120_000 }, async () => {
    await page.goto(url(`/map?topic=roads&gratitude=exclude&cell=${busiest.h3}`));
    const drill = page.getByTestId('drill');
    await page.waitForSelector('[data-testid="drill"][data-state="ready"]', { timeout: 60_000 });
    expect(await drill.getAttribute('data-total')).toBe(String(busiest.count));
    expect(await page.getByRole('heading', { name: 'Обращения в ячейке' }).count()).toBe(1);
    expect(await drill.getByTestId('drill-row').count()).toBe(10);
    const pages = Math.ceil(busiest.count / 10);
    expect(await drill.getByTestId('drill-page').textContent()).toBe(`Страница 1 из ${pages}`);
    const first = await drill.getByTestId('drill-row').first().getAttribute('data-id');
    const row = drill.getByTestId('drill-row').first();
    expect(await row.textContent()).toContain('Дороги');
    expect(await row.textContent()).toMatch(/Канал.+Статус.+Проблема/);
    await page.screenshot({ path: path.join(SHOTS, 'drill-panel.png') });
    await drill.getByRole('button', { name: 'Вперёд →' }).click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="drill-page"]')?.textContent?.startsWith('Страница 2'),
    );
    await page.waitForSelector('[data-testid="drill"][data-state="ready"]');
    expect(await drill.getByTestId('drill-row').first().getAttribute('data-id')).not.toBe(first);
    await drill.getByRole('button', { name: 'Закрыть' }).click();
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="drill"]') && !new URL(location.href).searchParams.has('cell'),
    );
  });

  it('downloads CSV, XLSX and GeoJSON of exactly the current filter', { timeout: 180_000 }, async () => {
    const filter = 'topic=roads&from=2026-10-01&to=2026-10-07&gratitude=exclude';
    await page.goto(url(`/map?${filter}`));
    const menu = page.getByTestId('export-menu');
    await menu.waitFor({ timeout: 60_000 });
    const list = await api<{ total: number }>(`/api/appeals?${filter}&page_size=1`);
    const total = list.body.total;
    expect(total).toBeGreaterThan(100);
    const files: Record<string, string> = {};
    for (const format of ['csv', 'xlsx', 'geojson']) {
      const link = menu.locator(`a[data-format="${format}"]`);
      const href = (await link.getAttribute('href'))!;
      expect(Object.fromEntries(new URL(href, BASE_URL).searchParams)).toEqual({
        topic: 'roads',
        from: '2026-10-01',
        to: '2026-10-07',
        gratitude: 'exclude',
        format,
      });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^appeals-\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
      files[format] = path.join(tmp, `appeals.${format}`);
      await download.saveAs(files[format]);
    }
    const csv = parse(fs.readFileSync(files.csv), { columns: true }) as Record<string, string>[];
    expect(csv.length).toBe(total);
    expect(
      csv.every(
        (r) =>
          r.topic === 'roads' &&
          r.is_gratitude === 'false' &&
          r.created_at >= '2026-10-01' &&
          r.created_at < '2026-10-08',
      ),
    ).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files.xlsx);
    const ws = wb.getWorksheet('Обращения')!;
    expect(ws.rowCount).toBe(total + 1);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    const xlsxIds: string[] = [];
    ws.eachRow((r, i) => {
      if (i > 1) xlsxIds.push(`${r.getCell(1).value}/${r.getCell(2).value}`);
    });
    expect(ws.getRow(2).getCell(3).value).toBeInstanceOf(Date);
    const gj = JSON.parse(fs.readFileSync(files.geojson, 'utf8')) as {
      features: { properties: { source: string; external_id: string; topic: string } }[];
    };
    expect(gj.features.length).toBe(total);
    const csvIds = csv.map((r) => `${r.source}/${r.external_id}`);
    expect(xlsxIds).toEqual(csvIds);
    expect(gj.features.map((f) => `${f.properties.source}/${f.properties.external_id}`)).toEqual(csvIds);
    expect(fs.readFileSync(files.csv, 'utf8')).not.toMatch(/author|contact|text/);
    await menu.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'drill-export.png') });
  });

  it(
    'the briefing: a form without parameters, then a print-ready page that saves to PDF',
    { timeout: 240_000 },
    async () => {
      await page.goto(url('/briefing'));
      const form = page.getByTestId('briefing-form');
      await form.waitFor();
      await form.getByLabel('Муниципалитет').selectOption({ label: 'Оренбург' });
      await form.getByLabel('С', { exact: true }).fill('2026-08-01');
      await form.getByLabel('По', { exact: true }).fill('2026-10-31');
      await page.screenshot({ path: path.join(SHOTS, 'briefing-form.png') });
      await form.getByRole('button', { name: 'Сформировать' }).click();
      await page.waitForURL((u) => u.pathname === '/briefing' && u.searchParams.get('from') === '2026-08-01', {
        timeout: 120_000,
      });
      await page.getByTestId('briefing').waitFor({ timeout: 120_000 });
      expect(await page.getByTestId('briefing-municipality').textContent()).toBe('Оренбург');
      expect(await page.textContent('[data-testid="briefing"] header')).toContain(
        'Период: 01.08.2026 — 31.10.2026 (92 дн.)',
      );
      expect(await page.textContent('[data-testid="briefing"] header')).toContain(
        'Сравнение с периодом 01.05.2026 — 31.07.2026',
      );
      for (const s of [
        'Итоги периода',
        'Карта жалоб',
        'Главные проблемы',
        'Растущие очаги',
        'Просроченные обращения',
        'Благодарности',
      ]) {
        expect(await page.getByRole('heading', { level: 2, name: s }).count(), s).toBe(1);
      }
      const totalRow = page.locator('[data-testid="briefing-totals"] tr[data-row="total"] td');
      const [now] = await totalRow.allTextContents();
      expect(Number(now.replace(/\s/g, ''))).toBeGreaterThan(1000);
      expect(await page.locator('[data-testid="briefing-problems"] tbody tr').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="briefing-thanks"]').textContent()).toMatch(/Благодарностей: [\d\s]+/);
      // Over three months the demo's growing road and utility clusters in Orenburg are found (`pmap hotspots` agrees).
      expect(await page.locator('[data-testid="briefing-growing"] tbody tr').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="briefing-overdue"]').textContent()).toMatch(
        /Открыто дольше 30 дней: [\d\s]+/,
      );
      await page.waitForFunction(() => window.__pmapBriefingMap === 'ready', undefined, { timeout: 60_000 });
      const img = page.locator('[data-testid="briefing-map"] img');
      expect(await img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
      expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(500);
      await page.screenshot({ path: path.join(SHOTS, 'briefing.png'), fullPage: true });

      await page.emulateMedia({ media: 'print' });
      expect(await page.getByTestId('viewer').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Печать / сохранить в PDF' }).isVisible()).toBe(false);
      expect(
        await page
          .locator('main button, main select, main input')
          .evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length),
      ).toBe(0);
      await page.screenshot({ path: path.join(SHOTS, 'briefing-print.png'), fullPage: true });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, path: path.join(SHOTS, 'briefing.pdf') });
      await page.emulateMedia({ media: 'screen' });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(50_000);
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pages.length).toBeGreaterThanOrEqual(6);
      expect(pdfTitle(pdf)).toBe('Справка: Оренбург, 2026-08-01 — 2026-10-31 — ЦУР');
      expect(pageErrors).toEqual([]);
    },
  );

  it('a bad period shows the form with a one-line error', async () => {
    await page.goto(url('/briefing?municipality=56-01&from=2026-10-31&to=2026-10-01'));
    expect(await page.getByTestId('briefing-error').textContent()).toBe('Конец периода раньше начала');
    await page.goto(url('/briefing?municipality=NOPE&from=2026-10-01&to=2026-10-31'));
    expect(await page.getByTestId('briefing-error').textContent()).toBe('Муниципалитет «NOPE» не найден');
  });
});

/** The document title Chromium writes into the PDF's Info dictionary (UTF-16BE, as a hex or literal string). */
function pdfTitle(pdf: Buffer): string | null {
  const s = pdf.toString('latin1');
  const hex = /\/Title\s*<FEFF([0-9A-Fa-f]+)>/.exec(s);
  if (hex) return Buffer.from(hex[1], 'hex').swap16().toString('utf16le');
  const lit = /\/Title\s*\(\xfe\xff((?:\\.|[^\\)])*)\)/.exec(s);
  if (!lit) return null;
  const raw = Buffer.from(lit[1].replace(/\\([()\\])/g, '$1'), 'latin1');
  return raw.swap16().toString('utf16le');
}
