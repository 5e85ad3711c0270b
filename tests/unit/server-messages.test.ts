import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';

// lib/serve modules refuse to load outside a React server bundle; here they are plain functions.
vi.mock('server-only', () => ({}));

const { checkOrigin, requireJson } = await import('../../lib/serve/csrf');
const { errorResponse, parseQuery, readJson } = await import('../../lib/serve/http');
const { tileJsonResponse } = await import('../../lib/serve/tiles/handlers');
const { getOneRequest, open311Error, postRequest } = await import('../../lib/serve/open311/handlers');
const { parseTileCoord, tileLayerOf } = await import('../../lib/aggregate/tiles');
const { drillRequest } = await import('../../lib/store/appealDrill');
const { badInputOfDbError, dayNumber, pathSegments } = await import('../../lib/domain/params');
const { appealFilterSchema } = await import('../../lib/domain/filters');
const { PmapError } = await import('../../lib/errors');
const { ERROR_MESSAGES } = await import('../../lib/i18n/errors');

/*
 * Every error the server answers a browser with, in Russian for Accept-Language ru (and by default) and in English
 * for en, under the same key. Russian: Cyrillic and no run of three English words; English: no Cyrillic.
 */
const CYRILLIC = /[а-яё]/i;
const ENGLISH_RUN = /\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/i;

const ROOT = path.resolve(__dirname, '../..');

/** What `fn` throws (sync or async). */
async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

const post = (headers: Record<string, string>, body?: BodyInit, at = 'http://app.test/api/roads/weights') =>
  new Request(at, { method: 'POST', headers: { host: 'app.test', ...headers }, body });
const ctx = (role: string | null) => ({
  db: null as never,
  viewer: role ? ({ id: 'u', email: 'u@x', role, owner: 'municipal' } as never) : null,
  bot: null,
});

interface Case {
  what: string;
  status: number;
  key: string;
  ru: string;
  en: string;
  run: () => unknown;
}
const CASES: Case[] = [
  {
    what: 'CSRF: another site (Sec-Fetch-Site)',
    status: 403,
    key: 'request.cross_site',
    ru: 'другого сайта',
    en: 'cross-site request refused',
    run: () => checkOrigin(post({ 'sec-fetch-site': 'cross-site' })),
  },
  {
    what: 'CSRF: a session without Origin',
    status: 403,
    key: 'request.no_origin',
    ru: 'Origin',
    en: 'the Origin header is missing',
    run: () => checkOrigin(post({ cookie: 'better-auth.session_token=x' })),
  },
  {
    what: 'CSRF: another origin',
    status: 403,
    key: 'request.cross_origin',
    ru: 'чужого адреса отклонён (Origin: http://evil.test)',
    en: 'cross-origin request refused (Origin: http://evil.test)',
    run: () => checkOrigin(post({ origin: 'http://evil.test' })),
  },
  {
    what: 'body: a form instead of JSON',
    status: 415,
    key: 'request.json_only',
    ru: 'должно быть JSON',
    en: 'not text/plain',
    run: () => requireJson(post({ 'content-type': 'text/plain' }, 'x')),
  },
  {
    what: 'body: no Content-Type',
    status: 415,
    key: 'request.json_no_type',
    ru: 'тип не указан',
    en: 'not no type',
    run: () => requireJson(post({}, new TextEncoder().encode('x'))),
  },
  {
    what: 'body: not JSON',
    status: 400,
    key: 'request.not_json',
    ru: 'не JSON',
    en: 'not valid JSON',
    run: () => readJson(post({ 'content-type': 'application/json' }, '{')),
  },
  {
    what: 'body: too large',
    status: 413,
    key: 'request.too_large',
    ru: 'больше 10 байт',
    en: 'over 10 bytes',
    run: () => readJson(post({ 'content-type': 'application/json' }, JSON.stringify({ a: 'long enough' })), 10),
  },
  {
    what: 'query: reversed period',
    status: 400,
    key: 'input.period_reversed',
    ru: 'Конец периода раньше начала',
    en: 'to: the period ends before it starts',
    run: () => parseQuery(appealFilterSchema, new URL('http://x/api/summary?from=2026-03-01&to=2026-01-01')),
  },
  {
    what: 'query: impossible day',
    status: 400,
    key: 'input.date',
    ru: 'Начало периода',
    en: 'from: ',
    run: () => parseQuery(appealFilterSchema, new URL('http://x/api/summary?from=2026-02-30')),
  },
  {
    what: 'query: undecodable value',
    status: 400,
    key: 'input.bad_utf8',
    ru: 'не UTF-8',
    en: 'not valid percent-encoded UTF-8',
    run: () => parseQuery(appealFilterSchema, new URL('http://x/api/summary?from=%FF')),
  },
  {
    what: 'path: control character',
    status: 400,
    key: 'input.control_chars',
    ru: 'управляющие символы',
    en: 'control characters',
    run: () => pathSegments(new URL('http://x/api/roads/segments/a%01'), 0),
  },
  {
    what: 'path: undecodable segment',
    status: 400,
    key: 'input.bad_utf8',
    ru: 'не UTF-8',
    en: 'path: not valid percent-encoded UTF-8',
    run: () => pathSegments(new URL('http://x/api/roads/segments/%FF'), 0),
  },
  {
    what: 'a day the cube cannot read',
    status: 400,
    key: 'input.date',
    ru: 'ГГГГ-ММ-ДД',
    en: 'YYYY-MM-DD',
    run: () => dayNumber('2025-02-30'),
  },
  {
    what: 'the database refused a value',
    status: 400,
    key: 'input.db_refused',
    ru: 'База данных отклонила',
    en: 'refused by the database',
    run: () => {
      throw badInputOfDbError({ code: '22007' });
    },
  },
  {
    what: 'tiles: unknown layer',
    status: 404,
    key: 'tiles.no_layer',
    ru: 'Нет слоя «cats»',
    en: 'no tile layer "cats"',
    run: () => tileLayerOf('cats'),
  },
  {
    what: 'tiles: zoom out of range',
    status: 400,
    key: 'tiles.bad_z',
    ru: 'Масштаб z',
    en: 'z: expected an integer 0..16, got "17"',
    run: () => parseTileCoord('17', '0', '0'),
  },
  {
    what: 'tiles: x out of range',
    status: 400,
    key: 'tiles.bad_xy',
    ru: 'на масштабе 2, получено «4»',
    en: 'x: expected an integer 0..3 at z 2, got "4"',
    run: () => parseTileCoord('2', '4', '0'),
  },
  {
    what: 'tiles: TileJSON path without .json',
    status: 404,
    key: 'tiles.expected_json',
    ru: 'Ожидается адрес',
    en: 'expected /api/tiles/<layer>.json',
    run: () => tileJsonResponse(new Request('http://x/api/tiles/appeals'), ctx('analyst')),
  },
  {
    what: 'tiles: road agency on the appeals layer',
    status: 403,
    key: 'tiles.roads_only',
    ru: 'только слой дорог',
    en: 'roads layer only',
    run: () => tileJsonResponse(new Request('http://x/api/tiles/appeals.json'), ctx('road_agency')),
  },
  {
    what: 'drill: no target',
    status: 400,
    key: 'drill.one_of',
    ru: 'Укажите ровно одно',
    en: 'give exactly one of',
    run: () => drillRequest({ page: 1, page_size: 50, gratitude: 'exclude' } as never),
  },
  {
    what: 'drill: not an H3 cell',
    status: 400,
    key: 'drill.bad_h3',
    ru: 'не ячейка H3',
    en: 'is not a valid H3 cell',
    run: () => drillRequest({ h3: 'zz', page: 1, page_size: 50, gratitude: 'exclude' } as never),
  },
  {
    what: 'Open311: a path that is not <id>.json',
    status: 404,
    key: 'open311.bad_id_file',
    ru: '<номер>.json',
    en: 'expected <id>.json or <id>.xml',
    run: () => getOneRequest(new Request('http://x/open311/v2/requests/abc.json'), ctx('analyst')),
  },
  {
    what: 'Open311: a request without a place',
    status: 400,
    key: 'open311.location_required',
    ru: 'Укажите место',
    en: 'a location is required',
    run: () =>
      postRequest('json')(
        new Request('http://x/open311/v2/requests.json', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'service_code=roads',
        }),
        ctx('analyst'),
      ),
  },
  {
    what: 'Open311: an unknown service',
    status: 400,
    key: 'input.invalid_value',
    ru: 'допустимые значения',
    en: 'service_code: ',
    run: () =>
      postRequest('json')(
        new Request('http://x/open311/v2/requests.json', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'service_code=cats&lat=51&long=55',
        }),
        ctx('analyst'),
      ),
  },
];

const ask = (locale: string) => new Request('http://app.test/x', { headers: { 'accept-language': locale } });

describe('server errors in Russian and English by Accept-Language', () => {
  it.each(CASES)('$what', async (c) => {
    const e = await thrown(c.run);
    expect(e, c.what).toBeInstanceOf(PmapError);
    const answers: Record<string, { status: number; body: { message: string; key: string } }> = {};
    for (const lang of ['ru-RU,ru;q=0.9', 'en-US,en;q=0.9', '']) {
      const res = errorResponse(e, lang ? ask(lang) : new Request('http://app.test/x'));
      answers[lang || 'none'] = { status: res.status, body: await res.json() };
    }
    const ru = answers['ru-RU,ru;q=0.9'];
    const en = answers['en-US,en;q=0.9'];
    expect(ru.status).toBe(c.status);
    expect(ru.body.key).toBe(c.key);
    expect(en.body.key).toBe(c.key);
    expect(ru.body.message).toMatch(CYRILLIC);
    expect(ru.body.message).not.toMatch(ENGLISH_RUN);
    expect(ru.body.message).toContain(c.ru);
    expect(en.body.message).not.toMatch(CYRILLIC);
    expect(en.body.message).toContain(c.en);
    // No header: Russian, as the pages speak.
    expect(answers.none.body.message).toBe(ru.body.message);
  });

  it('an unexpected error is a 500 with the generic message in either language, no detail', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const ru = await errorResponse(new Error('secret detail'), ask('ru')).json();
    const en = await errorResponse(new Error('secret detail'), ask('en')).json();
    expect([ru.message, en.message]).toEqual(['Внутренняя ошибка сервера', 'internal error']);
  });
});

describe("Open311 errors keep GeoReport's format", () => {
  it('[{code, description}] in JSON, <errors> in XML, the description by Accept-Language', async () => {
    const e = await thrown(() => parseTileCoord('99', '0', '0'));
    const json = (lang: string) =>
      open311Error(
        e as InstanceType<typeof PmapError>,
        lang === 'en' ? 'en' : 'ru',
        new Request('http://x/open311/v2/requests.json'),
      );
    const ru = json('ru');
    expect(ru.status).toBe(400);
    const [item] = await ru.json();
    expect(item.code).toBe(400);
    expect(item.description).toMatch(/^Масштаб z: ожидается целое число 0\.\.16/);
    expect(await json('en').json()).toEqual([{ code: 400, description: 'z: expected an integer 0..16, got "99"' }]);
    const xml = await open311Error(
      e as InstanceType<typeof PmapError>,
      'ru',
      new Request('http://x/open311/v2/requests/1.xml'),
    ).text();
    expect(xml).toMatch(/<errors><error><code>400<\/code><description>Масштаб z: /);
  });
});

describe('the message dictionary', () => {
  it.each(Object.keys(ERROR_MESSAGES))(
    '%s has both languages: Russian (not an English sentence) and English (no Cyrillic)',
    (key) => {
      const m = ERROR_MESSAGES[key as keyof typeof ERROR_MESSAGES] as { ru?: string; en?: string };
      expect(m.ru?.trim(), `${key} lacks Russian`).toBeTruthy();
      expect(m.en?.trim(), `${key} lacks English`).toBeTruthy();
      expect(m.ru).toMatch(CYRILLIC);
      expect(m.ru!.replace(/\{\w+\}/g, '')).not.toMatch(ENGLISH_RUN);
      expect(m.en).not.toMatch(CYRILLIC);
    },
  );
});

/**
 * Every PmapError that code serving the browser constructs carries a key (lib/i18n/errors.ts): `PmapError.keyed(…)`
 * or `new PmapError(code, english, location, key, …)`. Scanned over the syntax tree, so a new unkeyed error fails here.
 */
const SERVED = [
  'app',
  'lib/serve',
  'lib/store',
  'lib/domain',
  'lib/aggregate',
  'lib/auth',
  'lib/i18n',
  'lib/points',
  'lib/roads',
];

function sources(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => path.join(abs, f));
}

function unkeyedErrors(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes('PmapError(')) return [];
  const sf = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (
      ts.isNewExpression(n) &&
      ts.isIdentifier(n.expression) &&
      n.expression.text === 'PmapError' &&
      (n.arguments?.length ?? 0) < 4
    ) {
      const { line } = sf.getLineAndCharacterOfPosition(n.getStart());
      out.push(`${path.relative(ROOT, file)}:${line + 1}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('no unkeyed error where a browser can receive it', () => {
  it('every new PmapError under app/ and the serving lib/ directories names its key', () => {
    const files = SERVED.flatMap(sources);
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap(unkeyedErrors)).toEqual([]);
  });

  it('the scan sees an unkeyed error (the check can fail)', () => {
    const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-msg-')), 'probe.ts');
    fs.writeFileSync(tmp, "throw new PmapError('not_found', 'no such thing');\n");
    try {
      expect(unkeyedErrors(tmp)).toHaveLength(1);
    } finally {
      fs.rmSync(tmp);
    }
  });
});
