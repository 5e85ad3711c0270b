import { latLngToCell } from 'h3-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, sessionCookie, testClientIp, url } from './browser';

/*
 * Security probe, finding 9: impossible dates, NUL and control characters, huge ids and bad UTF-8 reached the
 * database and came back as 500s with a stack trace in the log. Every route that reads a query or path parameter
 * gets each of the probe's inputs and must answer 400, never 500.
 */
const BAD_DATES = ['2024-02-30', '0000-01-01', '-1', '2024-13-01', '20240-01-01', '2024-02-30T10:00:00Z', '1899-12-31'];
const BAD_TEXTS = ['a%00b', '%00', 'a%01b', '%C3%28', '%FF', 'x'.repeat(5000)];
const BAD_IDS = ['99999999999999999999', '999999999999999999999', '-1', '0', '1e3', '%FF'];

interface Target {
  path: string;
  staff: boolean;
  dates?: string[];
  texts?: string[];
  ids?: string[];
}

const FILTERS = { dates: ['from', 'to'], texts: ['municipality'] };
const cell = latLngToCell(51.77, 55.1, 7);

const TARGETS: Target[] = [
  { path: '/api/public/hexagons?res=4', staff: false, dates: ['from', 'to', 'period'] },
  { path: '/api/public/points', staff: false, ids: ['id'], texts: ['vaccine'] },
  { path: '/api/public/geocode', staff: false, texts: ['q'] },
  {
    path: '/open311/v2/requests.json',
    staff: true,
    dates: ['start_date', 'end_date'],
    ids: ['service_request_id'],
    texts: ['jurisdiction_id'],
  },
  { path: '/api/appeals', staff: true, ...FILTERS },
  { path: '/api/appeals/hexagons?res=7', staff: true, ...FILTERS },
  { path: '/api/summary', staff: true, ...FILTERS },
  { path: '/api/hotspots', staff: true, ...FILTERS },
  { path: `/api/appeals/drill?h3=${cell}`, staff: true, ...FILTERS },
  { path: '/api/appeals/drill', staff: true, ids: ['segment', 'appeal'], texts: ['h3'] },
  { path: '/api/appeals/export?format=csv', staff: true, ...FILTERS },
  { path: '/api/roads/segments/1', staff: true, ...FILTERS },
  { path: '/api/roads/priorities', staff: true, ...FILTERS },
  { path: '/api/tiles/appeals/10/700/330.pbf', staff: true, ...FILTERS },
  { path: '/api/tiles/appeals.json', staff: true, ...FILTERS },
];

/** Ids and undecodable segments in paths. */
const BAD_PATHS = [
  '/api/roads/segments/99999999999999999999',
  '/api/roads/segments/2147483648',
  '/api/roads/segments/%C3%28',
  '/api/roads/segments/%FF',
  '/open311/v2/requests/999999999999999999999.json',
  '/open311/v2/requests/99999999999999999999.xml',
  '/open311/v2/requests/%C3%28.json',
  '/open311/v2/requests/%FF.json',
  '/api/tiles/appeals/%FF/0/0.pbf',
  '/api/tiles/%C3%28/0/0/0.pbf',
  '/api/tiles/appeals/99999999999999999999/0/0.pbf',
];

function probes(t: Target): string[] {
  const sep = t.path.includes('?') ? '&' : '?';
  const out: string[] = [];
  for (const p of t.dates ?? []) for (const v of [...BAD_DATES, ...BAD_TEXTS]) out.push(`${t.path}${sep}${p}=${v}`);
  for (const p of t.texts ?? []) for (const v of BAD_TEXTS) out.push(`${t.path}${sep}${p}=${v}`);
  for (const p of t.ids ?? []) for (const v of BAD_IDS) out.push(`${t.path}${sep}${p}=${v}`);
  return out;
}

describe.skipIf(!BASE_URL)('malformed parameters are a 400, never a 500', () => {
  let cookie = '';
  beforeAll(async () => {
    cookie = await sessionCookie('analyst');
  });

  /** Sends each request and returns the ones not answered with 400 ("status path"). */
  async function notBadRequest(paths: string[], staff: (p: string) => boolean): Promise<string[]> {
    const wrong: string[] = [];
    for (const p of paths) {
      const headers: Record<string, string> = staff(p) ? { cookie } : { 'X-Forwarded-For': testClientIp() };
      const res = await fetch(url(p), { headers });
      await res.arrayBuffer();
      if (res.status !== 400) wrong.push(`${res.status} ${p.slice(0, 120)}`);
    }
    return wrong;
  }

  it('query parameters on public routes', async () => {
    const paths = TARGETS.filter((t) => !t.staff).flatMap(probes);
    expect(paths.length).toBeGreaterThan(50);
    expect(await notBadRequest(paths, () => false)).toEqual([]);
  });

  it('query parameters on staff routes and Open311', async () => {
    const paths = TARGETS.filter((t) => t.staff).flatMap(probes);
    expect(paths.length).toBeGreaterThan(200);
    expect(await notBadRequest(paths, () => true)).toEqual([]);
  });

  it('ids and undecodable segments in paths', async () => {
    expect(await notBadRequest(BAD_PATHS, () => true)).toEqual([]);
  });

  it('errors keep their JSON and Open311 shapes', async () => {
    const pub = await fetch(url('/api/public/geocode?q=a%00b'), {
      headers: { 'X-Forwarded-For': testClientIp(), 'Accept-Language': 'en' },
    });
    expect(pub.status).toBe(400);
    expect(await pub.json()).toMatchObject({ error: 'bad_argument', message: expect.stringContaining('q:') });
    const o = await fetch(url('/open311/v2/requests.json?start_date=2024-02-30'), { headers: { cookie } });
    expect(o.status).toBe(400);
    expect(await o.json()).toEqual([{ code: 400, description: expect.stringContaining('start_date') }]);
    // A well-formed id of no request is still a 404, and good dates still work.
    expect((await fetch(url('/open311/v2/requests/999999999.json'), { headers: { cookie } })).status).toBe(404);
    expect((await fetch(url('/api/summary?from=2024-02-29&to=2024-03-01'), { headers: { cookie } })).status).toBe(200);
  });
});
