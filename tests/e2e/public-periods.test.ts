import { beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, sessionCookie, testClientIp, url } from './browser';

/*
 * Security probe, finding 11: public hexagons over two date ranges one day apart isolated one appeal of that day.
 * Over HTTP: day ranges are refused, a period is a whole calendar month, and what a month shows is exactly the staff
 * map's cells of that month with at least 5 distinct citizens (the rest counted as suppressed).
 */
const pub = (q: string) =>
  fetch(url(`/api/public/hexagons?${q}`), { headers: { 'X-Forwarded-For': testClientIp(), 'Accept-Language': 'en' } });

interface Cells {
  cells: { h3: string; count: number }[];
  suppressed: number;
  period: string | null;
  from: string | null;
  to: string | null;
}

describe.skipIf(!BASE_URL)('public aggregates take whole months only', () => {
  let cookie = '';
  beforeAll(async () => {
    cookie = await sessionCookie('analyst');
  });

  it('refuses the one-day differencing pair with a message naming period=YYYY-MM', async () => {
    for (const q of [
      'res=7&from=2026-04-01&to=2026-04-14',
      'res=7&from=2026-04-01&to=2026-04-15',
      'res=4&to=2026-04-15',
      'res=7&period=2026-04-15',
    ]) {
      const res = await pub(q);
      expect(res.status, q).toBe(400);
      const body = await res.json();
      expect(body.error, q).toBe('bad_argument');
      if (!q.includes('period')) expect(body.message, q).toContain('period=YYYY-MM');
    }
  });

  it('a month answers with its first and last day and only cells the staff map has, with the same counts', async () => {
    const meta = await (await fetch(url('/api/meta'), { headers: { cookie } })).json();
    // The newest month that shows any cell (the last one of the demo may be thin).
    let [y, m] = String(meta.dateRange.max).slice(0, 7).split('-').map(Number);
    let month: Cells | null = null;
    for (let i = 0; i < 12 && !month?.cells.length; i++, [y, m] = m === 1 ? [y - 1, 12] : [y, m - 1]) {
      const r = await pub(`res=7&period=${y}-${String(m).padStart(2, '0')}`);
      expect(r.status).toBe(200);
      month = (await r.json()) as Cells;
    }
    if (!month) throw new Error('no month answered');
    [y, m] = month.period!.split('-').map(Number);
    const last = month.period!;
    expect({ period: month.period, from: month.from, to: month.to }).toEqual({
      period: last,
      from: `${last}-01`,
      to: `${last}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`,
    });
    const staff = await (
      await fetch(url(`/api/appeals/hexagons?res=7&from=${month.from}&to=${month.to}&gratitude=exclude`), {
        headers: { cookie },
      })
    ).json();
    const staffCounts = new Map<string, number>(staff.cells.map((c: { h3: string; count: number }) => [c.h3, c.count]));
    expect(month.cells.length).toBeGreaterThan(0);
    expect(month.cells.length + month.suppressed).toBe(staff.cells.length);
    for (const c of month.cells) expect(staffCounts.get(c.h3), c.h3).toBe(c.count);
    for (const c of month.cells) expect(c.count, c.h3).toBeGreaterThanOrEqual(5); // 5 citizens write at least 5 appeals
  });
});
