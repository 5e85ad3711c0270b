import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP, routesFromCode } from '../helpers/routes';
import { adminRouteSession, ROUTE_BASE } from '../helpers/routeSession';

/*
 * Issue 25, the parameter layer (lib/serve/params.ts): every route in app/api is called in-process, through its own
 * route() wrapper, signed in as an admin, with the same bad inputs wherever it takes such a parameter — an impossible
 * date, a reversed period, a bad bbox, an unknown topic, a huge page — and answers a 400 whose body names the
 * parameter and says it in Russian and in English (`messages`), never a 500. A route that takes none of them is
 * listed as such, so a new route fails this test until it is classified.
 */
vi.mock('server-only', () => ({}));

const BASE = ROUTE_BASE;

type Bad = 'date' | 'period' | 'bbox' | 'topic' | 'page';

/** The bad values, as query strings, and the parameter the 400 must name. */
const BAD: Record<Bad, [query: string, param: string][]> = {
  date: [
    ['from=2025-02-30', 'from'],
    ['to=2025-02-30', 'to'],
  ],
  period: [['from=2025-05-01&to=2025-04-01', 'to']],
  bbox: [
    ['bbox=10,50,5,40', 'bbox'],
    ['bbox=abc', 'bbox'],
    ['bbox=1,2,3', 'bbox'],
    ['bbox=-200,50,5,60', 'bbox'],
  ],
  topic: [['topic=no_such_topic', 'topic']],
  page: [
    ['page_size=1000000000', 'page_size'],
    ['page=1000000000000', 'page'],
  ],
};

interface Takes {
  /** The bad inputs the route takes (in its query unless `body`). */
  takes: Bad[];
  /** A valid query the bad value is added to (a required `res`, a path). */
  path?: string;
  query?: string;
  /** POST routes whose topic is in the JSON body: the body for a topic. */
  body?: (topic: string) => unknown;
  headers?: Record<string, string>;
  /** Values other than BAD's for this route (public/hexagons takes a month, not days). */
  bad?: Partial<Record<Bad, [string, string][]>>;
}

const FILTER: Bad[] = ['date', 'period', 'topic'];

/** Every route file in app/api: what it takes, or 'none' (none of the bad inputs applies). */
const ROUTES: Record<string, Takes | 'none'> = {
  '/api/admin/imports': 'none',
  '/api/admin/imports/[id]': 'none',
  '/api/admin/imports/[id]/rejects': 'none',
  '/api/admin/imports/upload': 'none',
  '/api/admin/users': 'none',
  '/api/appeals': { takes: [...FILTER, 'page'] },
  '/api/appeals/[id]/location': 'none',
  '/api/appeals/[id]/topic': { takes: ['topic'], path: '/api/appeals/1/topic', body: (topic) => ({ topic }) },
  '/api/appeals/corrections': 'none',
  '/api/appeals/drill': { takes: [...FILTER, 'page'], query: 'appeal=1' },
  '/api/appeals/export': { takes: FILTER },
  '/api/appeals/hexagons': { takes: [...FILTER, 'bbox'], query: 'res=7' },
  '/api/auth/[...all]': 'none',
  '/api/basemap/style.json': 'none',
  '/api/basemap/tiles/[z]/[x]/[y]': 'none',
  '/api/bot/appeals': {
    takes: ['topic'],
    body: (topic) => ({ text: 'Яма во дворе', topic }),
    headers: { 'idempotency-key': 'route-params-test-1' },
  },
  '/api/boundaries': 'none',
  '/api/health': 'none',
  '/api/hotspots': { takes: FILTER },
  '/api/meta': 'none',
  '/api/openapi.json': 'none',
  '/api/public/geocode': 'none',
  // Whole months only (period=YYYY-MM); from/to are refused outright.
  '/api/public/hexagons': {
    takes: ['date', 'period', 'topic'],
    query: 'res=5',
    bad: {
      date: [
        ['period=2025-13', 'period'],
        ['period=2025-02-30', 'period'],
      ],
      period: [['from=2025-05-01&to=2025-04-01', 'from']],
    },
  },
  '/api/public/point-reports': 'none',
  '/api/public/points': { takes: ['bbox'] },
  '/api/public/stats': 'none',
  '/api/roads/export': { takes: FILTER },
  '/api/roads/geojson': { takes: [...FILTER, 'bbox', 'page'] },
  '/api/roads/priorities': { takes: [...FILTER, 'page'] },
  '/api/roads/segments/[id]': { takes: FILTER, path: '/api/roads/segments/1' },
  '/api/roads/weights': 'none',
  '/api/summary': { takes: FILTER },
  '/api/tiles/[layer]': { takes: FILTER, path: '/api/tiles/appeals.json' },
  '/api/tiles/[layer]/[z]/[x]/[y]': { takes: FILTER, path: '/api/tiles/appeals/10/700/330.pbf' },
};

let cookie = '';
let close: (() => Promise<void>) | undefined;
type Handler = (req: Request) => Promise<Response>;

beforeAll(async () => {
  ({ cookie, close } = await adminRouteSession('route_params'));
}, 180_000);

afterAll(async () => {
  await close?.();
});

async function call(
  pattern: string,
  t: Takes,
  extra: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const mod = (await import(/* @vite-ignore */ path.join(APP, pattern, 'route.ts'))) as Record<string, Handler>;
  const headers = { origin: BASE, host: 'localhost:3000', 'accept-language': 'ru', cookie, ...t.headers };
  const at = t.path ?? pattern;
  let req: Request;
  if (t.body) {
    const topic = new URLSearchParams(extra).get('topic') ?? 'roads';
    req = new Request(`${BASE}${at}`, {
      method: 'POST',
      body: JSON.stringify(t.body(topic)),
      headers: { ...headers, 'content-type': 'application/json' },
    });
  } else {
    const q = [t.query, extra].filter(Boolean).join('&');
    req = new Request(`${BASE}${at}${q ? `?${q}` : ''}`, { headers });
  }
  const res = await mod[t.body ? 'POST' : 'GET'](req);
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { raw: text.slice(0, 200) };
  }
  return { status: res.status, body };
}

describe('every route reads its parameters through lib/serve/params.ts', () => {
  it('every route file in app/api is classified here', () => {
    const api = routesFromCode()
      .filter((r) => r.kind === 'route' && r.pattern.startsWith('/api/'))
      .map((r) => r.pattern);
    expect(Object.keys(ROUTES).sort()).toEqual([...api].sort());
  });

  it('the classification agrees with the parameters the route schemas declare (OpenAPI, generated from them)', async () => {
    const { openApiDocument } = await import('../../lib/serve/openapi');
    const paths = openApiDocument().paths as Record<
      string,
      Record<string, { parameters: { name: string; in: string }[] }>
    >;
    const declares: Record<Bad, (names: string[]) => boolean> = {
      date: (n) => n.includes('from') || n.includes('period'),
      period: (n) => n.includes('to'),
      bbox: (n) => n.includes('bbox'),
      topic: (n) => n.includes('topic'),
      page: (n) => n.includes('page_size'),
    };
    for (const [pattern, t] of Object.entries(ROUTES)) {
      const doc = paths[pattern.replace('[...all]', '{path}').replace(/\[(\w+)\]/g, '{$1}')] ?? {};
      const names = Object.values(doc).flatMap((o) => o.parameters.filter((x) => x.in === 'query').map((x) => x.name));
      const takes = t === 'none' ? [] : t.body ? [] : t.takes;
      const expected = (Object.keys(declares) as Bad[]).filter((b) => declares[b](names));
      // public/hexagons takes a month (period) and refuses from/to: its "period" case is the refusal.
      expect([...takes].sort(), pattern).toEqual(
        pattern === '/api/public/hexagons' ? ['date', 'period', 'topic'] : expected.sort(),
      );
    }
  });

  const cases = Object.entries(ROUTES).flatMap(([pattern, t]) =>
    t === 'none'
      ? []
      : t.takes.flatMap((b) => (t.bad?.[b] ?? BAD[b]).map(([q, param]) => [pattern, b, q, param, t] as const)),
  );

  it.each(cases)(
    '%s with a bad %s (%s) is a 400 naming it, in Russian and English',
    async (pattern, _bad, q, param, t) => {
      const { status, body } = await call(pattern, t, q);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(body.error).toBe('bad_argument');
      const messages = body.messages as { ru: string; en: string };
      expect(messages.ru, JSON.stringify(body)).toMatch(/[а-яё]/i);
      expect(messages.en, JSON.stringify(body)).toMatch(/[a-z]/i);
      expect(messages.en).not.toMatch(/[а-яё]/i);
      expect(body.message).toBe(messages.ru);
      expect(JSON.stringify(body), 'the 400 names the parameter').toContain(param);
    },
  );

  it.each([
    ['/api/admin/imports/[id]', '/api/admin/imports/99999999999999999999', 'GET'],
    ['/api/admin/imports/[id]/rejects', '/api/admin/imports/1e3/rejects', 'GET'],
    ['/api/appeals/[id]/topic', '/api/appeals/0/topic', 'POST'],
    ['/api/appeals/[id]/location', '/api/appeals/-1/location', 'POST'],
    ['/api/roads/segments/[id]', '/api/roads/segments/2147483648', 'GET'],
  ] as const)('%s with a bad path id (%s) is a 400 naming it', async (pattern, at, method) => {
    const mod = (await import(/* @vite-ignore */ path.join(APP, pattern, 'route.ts'))) as Record<string, Handler>;
    const headers = {
      origin: BASE,
      host: 'localhost:3000',
      'accept-language': 'ru',
      cookie,
      'content-type': 'application/json',
    };
    const res = await mod[method](
      new Request(`${BASE}${at}`, { method, headers, ...(method === 'POST' ? { body: '{"topic":"roads"}' } : {}) }),
    );
    const body = (await res.json()) as {
      error: string;
      messages: { ru: string; en: string };
      params: { param?: string };
    };
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body.params.param).toBe('id');
    expect(body.messages.ru).toMatch(/[а-яё]/i);
    expect(body.messages.en).toMatch(/^id: /);
  });

  it('the same routes answer the valid base query without a 400 (the bad value is what was refused)', async () => {
    for (const [pattern, t] of Object.entries(ROUTES)) {
      if (t === 'none' || t.body) continue;
      const { status, body } = await call(pattern, t, '');
      expect([200, 404], `${pattern}: ${JSON.stringify(body)}`).toContain(status);
    }
  });
});
