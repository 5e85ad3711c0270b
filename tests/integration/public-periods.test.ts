import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { publicHexagonQuerySchema, publicHexagons } from '../../lib/aggregate/publicHexagons';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { freshPostgres } from '../helpers/db';

/*
 * Security probe, finding 11: k-anonymity by differencing. Two public answers over date ranges one day apart each
 * showed a cell of at least 5 citizens, and their difference was exactly one appeal of that day. Public aggregates
 * now cover whole calendar months only, and every cell they show holds at least 5 distinct citizens of its period.
 */
let db: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-periods-'));

const A = { lat: 51.77, lon: 55.1 };
const B = { lat: 52.5, lon: 57.0 };
interface Row {
  ext: string;
  day: string;
  topic: string;
  author: string;
  at: typeof A;
}
const rows: Row[] = [];
const add = (day: string, topic: string, author: string, at: typeof A) =>
  rows.push({ ext: `r${rows.length}`, day, topic, author, at });
// Cell A: five neighbours in early March, and the one appeal the attack isolated, on 15 March, by a sixth.
for (let i = 1; i <= 5; i++) add(`2025-03-0${i}`, 'roads', `Житель ${i}`, A);
add('2025-03-15', 'roads', 'Сосед', A);
// Cell A in April: five citizens again, two of them on waste.
for (let i = 1; i <= 5; i++) add(`2025-04-1${i}`, i <= 2 ? 'waste' : 'roads', `Апрель ${i}`, A);
// Cell B: four citizens in March (never shown for March alone), two more in April, one of them twice.
for (let i = 1; i <= 4; i++) add(`2025-03-2${i}`, 'roads', `Горожанин ${i}`, B);
add('2025-04-01', 'roads', 'Горожанин 5', B);
add('2025-04-02', 'roads', 'Горожанин 6', B);
add('2025-04-03', 'roads', 'Горожанин 6', B);

beforeAll(async () => {
  ({ db } = await freshPostgres('public_periods'));
  const csv = [
    'external_id,created_at,topic,text,author,lat,lon',
    ...rows.map((r) => `${r.ext},${r.day}T12:00:00Z,${r.topic},Жалоба,${r.author},${r.at.lat},${r.at.lon}`),
  ];
  fs.writeFileSync(path.join(tmp, 'p.csv'), csv.join('\n'));
  await importAppeals(db, path.join(tmp, 'p.csv'), { rejectsPath: path.join(tmp, 'p.rej') });
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The public answer to a query as the route would give it, or 'refused' when the route would answer 400. */
async function answer(query: Record<string, string>) {
  const q = publicHexagonQuerySchema.safeParse(query);
  return q.success ? publicHexagons(db, q.data) : 'refused';
}

describe('public hexagons over periods', () => {
  it('two ranges one day apart no longer isolate the appeal of that day', async () => {
    for (const res of ['4', '7']) {
      const before = await answer({ res, from: '2025-03-01', to: '2025-03-14' });
      const after = await answer({ res, from: '2025-03-01', to: '2025-03-15' });
      expect(after, `res ${res}`).toEqual(before);
      const dayOnly = await answer({ res, from: '2025-03-15', to: '2025-03-15' });
      expect(dayOnly === 'refused' || dayOnly.cells.length === 0, `res ${res}: a one-day range`).toBe(true);
    }
    const r = publicHexagonQuerySchema.safeParse({ res: '7', from: '2025-03-01', to: '2025-03-15' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toContain('period=YYYY-MM');
  });

  it('a period is one whole calendar month and the answer names its first and last day', async () => {
    for (const bad of ['2025-03-15', '2025-3', '2025-13', '0000-01', '2025-W11', '-1'])
      expect(await answer({ res: '7', period: bad }), bad).toBe('refused');
    for (const [period, from, to] of [
      ['2025-03', '2025-03-01', '2025-03-31'],
      ['2024-02', '2024-02-01', '2024-02-29'],
      ['2025-04', '2025-04-01', '2025-04-30'],
    ]) {
      const r = await answer({ res: '7', period });
      expect(r, period).not.toBe('refused');
      if (r === 'refused') continue;
      expect({ period: r.period, from: r.from, to: r.to }).toEqual({ period, from, to });
    }
    const all = await answer({ res: '7' });
    expect(all !== 'refused' && { period: all.period, from: all.from, to: all.to }).toEqual({
      period: null,
      from: null,
      to: null,
    });
  });

  it('every allowed answer shows exactly the cells with at least 5 distinct citizens in that period, with their counts', async () => {
    const cellA = cellToParent(latLngToCell(A.lat, A.lon, 9), 7);
    let shownSomewhere = 0;
    for (const period of [undefined, '2025-02', '2025-03', '2025-04']) {
      for (const topic of [undefined, 'roads', 'waste']) {
        const r = await answer({ res: '7', ...(period ? { period } : {}), ...(topic ? { topic } : {}) });
        if (r === 'refused') throw new Error(`refused ${period} ${topic}`);
        // What the answer must be, from the rows this test wrote.
        const inPeriod = rows.filter(
          (x) => (!period || x.day.startsWith(`${period}-`)) && (!topic || x.topic === topic),
        );
        const byCell = new Map<string, Row[]>();
        for (const x of inPeriod) {
          const c = cellToParent(latLngToCell(x.at.lat, x.at.lon, 9), 7);
          byCell.set(c, [...(byCell.get(c) ?? []), x]);
        }
        const expected = [...byCell]
          .filter(([, xs]) => new Set(xs.map((x) => x.author)).size >= 5)
          .map(([h3, xs]) => ({ h3, count: xs.length }));
        const label = `period ${period ?? 'all'}, topic ${topic ?? 'all'}`;
        expect(r.cells, label).toEqual(expect.arrayContaining(expected));
        expect(r.cells, label).toHaveLength(expected.length);
        expect(r.suppressed, label).toBe(byCell.size - expected.length);
        shownSomewhere += r.cells.length;
      }
    }
    expect(shownSomewhere).toBeGreaterThan(0);
    // The attacked cell in March holds the sixth citizen's appeal among five others: 6, never a lone 1.
    const march = await answer({ res: '7', period: '2025-03' });
    expect(march !== 'refused' && march.cells).toEqual([{ h3: cellA, count: 6 }]);
  });
});
