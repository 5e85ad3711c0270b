import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launch, testClientIp, url } from './browser';

/*
 * The front page's public figures (issue 20): what a visitor reads at / is what /api/public/stats answers, which is
 * what the test counts itself in SQL and what /api/public/points says of the vaccination points; written the
 * Russian way; no appeal text, author or contact on the page.
 */
const E2E_DB = process.env.E2E_DATABASE_URL;

interface Stats {
  dataUntil: string | null;
  months: {
    period: string;
    from: string;
    to: string;
    total: number;
    answered: number;
    answeredShare: number | null;
    byTopic: { topic: string; count: number }[];
  }[];
  points: { total: number; openNow: number };
}

describe.skipIf(!BASE_URL || !E2E_DB)('front page: public statistics', () => {
  let browser: Browser;
  let sql: pg.Client;
  beforeAll(async () => {
    browser = await launch();
    sql = new pg.Client({ connectionString: E2E_DB });
    await sql.connect();
  });
  afterAll(async () => {
    await browser?.close();
    await sql?.end();
  });

  it("shows the public API's figures, counted again here, in Russian number format, and nothing personal", async () => {
    const ctx = await browser.newContext({
      locale: 'ru-RU',
      viewport: { width: 1366, height: 768 },
      extraHTTPHeaders: { 'X-Forwarded-For': testClientIp() },
    });
    const page = await ctx.newPage();
    await page.goto(url('/'));
    const block = page.getByTestId('public-stats');
    await expect.poll(() => block.isVisible()).toBe(true);
    const shown = await block.evaluate((el) =>
      Object.fromEntries(
        [...el.querySelectorAll('[data-stat]')].map((c) => [
          c.getAttribute('data-stat')!,
          { value: c.getAttribute('data-value')!, text: c.textContent ?? '' },
        ]),
      ),
    );
    const api = (await (await ctx.request.get(url('/api/public/stats'))).json()) as Stats;

    // The API against the test's own count: problems (no thanks) per calendar month (UTC days), and the answered.
    expect(api.months.length).toBe(2);
    const [{ max }] = (
      await sql.query<{ max: string }>(
        `SELECT to_char(max(created_at) AT TIME ZONE 'UTC', 'YYYY-MM') AS max FROM appeals`,
      )
    ).rows;
    expect(api.months[0]!.period).toBe(max);
    for (const m of api.months) {
      const [r] = (
        await sql.query<{ total: string; answered: string }>(
          `SELECT count(*) AS total,
                count(*) FILTER (WHERE coalesce(closed_at, CASE WHEN status IN ('answered', 'closed') THEN updated_at END) >= created_at) AS answered
         FROM appeals WHERE NOT is_gratitude AND created_at >= $1::date AND created_at < $2::date + 1`,
          [m.from, m.to],
        )
      ).rows;
      expect(m.total, m.period).toBe(Number(r!.total));
      expect(m.answered, m.period).toBe(Number(r!.answered));
      const topics = (
        await sql.query<{ topic: string; n: string }>(
          `SELECT topic, count(*) AS n FROM appeals WHERE NOT is_gratitude AND created_at >= $1::date AND created_at < $2::date + 1 GROUP BY 1`,
          [m.from, m.to],
        )
      ).rows;
      expect(Object.fromEntries(m.byTopic.map((t) => [t.topic, t.count]))).toEqual(
        Object.fromEntries(topics.map((t) => [t.topic, Number(t.n)])),
      );
    }
    // The page against the API.
    const ruInt = /^\d{1,3}(\u00a0\d{3})*$/;
    for (const m of api.months) {
      const total = shown[`total-${m.period}`]!;
      expect(Number(total.value)).toBe(m.total);
      expect(total.text).toMatch(ruInt);
      expect(Number(total.text.replace(/\D/g, ''))).toBe(m.total);
      const share = shown[`answered-${m.period}`]!;
      expect(Number(share.value)).toBeCloseTo(m.answeredShare!, 9);
      expect(share.text).toMatch(/^\d{1,3}(,\d)?\u00a0%$/);
      expect(Number(share.text.replace(/\u00a0%$/, '').replace(',', '.'))).toBeCloseTo(m.answeredShare! * 100, 1);
      let named = 0;
      for (const t of m.byTopic) {
        const cell = shown[`topic-${t.topic}-${m.period}`];
        if (!cell) continue;
        named += t.count;
        expect(Number(cell.value)).toBe(t.count);
        expect(cell.text).toMatch(ruInt);
      }
      expect(named).toBeGreaterThan(0);
      expect(Number(shown[`others-${m.period}`]?.value ?? 0)).toBe(m.total - named);
    }
    // Topic names, not codes; month names in Russian.
    const text = await block.innerText();
    // (Which topics appear depends on the newest month: other tests add appeals dated today.)
    expect(text).toMatch(
      /(Дороги|ЖКХ|Благоустройство|Здравоохранение|Образование|Общественный транспорт|Энергетика|ТКО|Социальная защита|COVID|Прочее)/,
    );
    expect(text).not.toMatch(/\b(roads|housing|improvement)\b/);
    expect(text).toMatch(/(Январь|Февраль|Март|Апрель|Май|Июнь|Июль|Август|Сентябрь|Октябрь|Ноябрь|Декабрь) \d{4}/);
    // Vaccination points: the public list's own numbers.
    const all = (await (await ctx.request.get(url('/api/public/points'))).json()) as { total: number };
    const open = (await (await ctx.request.get(url('/api/public/points?open_now=1'))).json()) as { total: number };
    expect(Number(shown['points-total']!.value)).toBe(all.total);
    expect(Number(shown['points-open']!.value)).toBe(open.total);
    expect(text).toContain(
      `открыты сейчас: ${open.total.toLocaleString('ru-RU')} из ${all.total.toLocaleString('ru-RU')}`,
    );
    // Nothing personal: no appeal text, author pseudonym or contact of the months shown anywhere on the page.
    const html = await page.content();
    const rows = (
      await sql.query<{ text: string | null; author_pseudonym: string | null; contact: string | null }>(
        `SELECT text, author_pseudonym, author_contact AS contact FROM appeals WHERE created_at >= $1::date ORDER BY created_at DESC LIMIT 300`,
        [api.months[1]!.from],
      )
    ).rows;
    for (const r of rows) {
      for (const s of [r.text, r.author_pseudonym, r.contact])
        if (s && s.length >= 8) expect(html.includes(s), s).toBe(false);
    }
    expect(text).not.toMatch(/\+7\s?\(?\d{3}/);
    await page.screenshot({ path: 'test-results/front-stats.png', fullPage: true });
    await ctx.close();
  });
});
