import fs from 'node:fs';
import path from 'node:path';
import seedrandom from 'seedrandom';

/*
 * Fuzzed input for every importer (issue 26, acceptance): rows of random bytes, huge fields, wrong types, invalid
 * geometry, NUL bytes, unpaired UTF-16 surrogates and stray quotes, mixed with plausible rows. Deterministic: the
 * same seed writes the same bytes. Used by tests/integration/import-fuzz.test.ts and scripts/realdata/70-fuzz.ts.
 */

export type FuzzKind = 'appeals' | 'points' | 'plans' | 'addresses' | 'roads' | 'boundaries';
/** In an order where later kinds find what earlier ones loaded (plans join the fuzzed roads). */
export const FUZZ_KINDS: readonly FuzzKind[] = ['boundaries', 'roads', 'addresses', 'appeals', 'points', 'plans'];

/** The columns (CSV) or properties (GeoJSON) of each kind, as its default mapping reads them. */
const COLUMNS: Record<FuzzKind, string[]> = {
  appeals: [
    'external_id',
    'created_at',
    'updated_at',
    'closed_at',
    'status',
    'topic',
    'text',
    'address',
    'street',
    'house',
    'lat',
    'lon',
    'author',
    'agency',
    'channel',
  ],
  points: [
    'external_id',
    'name',
    'address',
    'lat',
    'lon',
    'phone',
    'url',
    'walk_in',
    'accessible',
    'verified_at',
    'monday',
    'tuesday',
  ],
  plans: ['external_id', 'segment_id', 'year', 'status', 'work_type', 'completed_at', 'warranty_until'],
  addresses: ['external_id', 'text', 'locality', 'street', 'house', 'lat', 'lon'],
  roads: ['external_id', 'name', 'road_class', 'owner', 'rating'],
  boundaries: ['code', 'name'],
};

type Rng = () => number;

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** Text that is hard on parsers and databases: control characters, NUL, quotes, separators, RTL, emoji, halves. */
const NASTY = [
  '\u0000',
  '"',
  '""',
  "'",
  ',',
  ';',
  '\t',
  '\r\n',
  '\n',
  '\\',
  '\\.',
  '=cmd|',
  '\u202e',
  '\ufeff',
  '\u00a0',
  '😀',
  '\ud83d',
  '\ude00',
  'Â\u00a0',
  '\u200b',
  '\ufffc',
  'ё',
  'Ё',
  '№',
  '%s',
  '${x}',
  '<script>',
  'NULL',
  '\u0001',
  '\u007f',
];

function nastyText(r: Rng, max = 40): string {
  let s = '';
  const n = int(r, 0, max);
  for (let i = 0; i < n; i++) {
    const roll = r();
    if (roll < 0.3) s += pick(r, NASTY);
    else if (roll < 0.6) s += String.fromCharCode(int(r, 0x20, 0x7e));
    else if (roll < 0.8) s += String.fromCharCode(int(r, 0x400, 0x44f));
    else s += String.fromCharCode(int(r, 0, 0xffff));
  }
  return s;
}

const HUGE = (r: Rng) => 'Ж'.repeat(int(r, 1_000, 30_000)) + nastyText(r, 5);

const WEIRD_NUMBERS = [
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '-0',
  '0',
  '0,0',
  '91',
  '-181',
  '1e-400',
  '55.7558',
  '37,6173',
  '٣٧',
  '0x1F',
  '12abc',
  ' ',
  '1.2.3',
  '99999999999999999999',
  '-90.0000001',
  '180.0000001',
];
const WEIRD_DATES = [
  '2016-04-12 07:54:00.0',
  '2016-13-45',
  '0000-00-00',
  '0201-05-03',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01',
  '+010000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2999-01-01',
  '1899-12-31',
  '31.12.2016',
  'вчера',
  '2016-02-30T10:00:00Z',
  '1e10',
  'T',
  '2024-01-01T25:61:00Z',
  '2023-06-01T10:00:00+99:00',
];
const WEIRD_WORDS = [
  'closed',
  'Closed',
  'done',
  'да',
  'нет',
  'yes',
  'true',
  'phone',
  'roads',
  'ЖКХ',
  'федеральная',
  'unknown',
  '9:00-17:00',
  'Mo-Fr 08:00-20:00',
  'Круглосуточно',
  'As needed',
  '25:00-26:00',
  'Europe/Moscow',
  'Mars/Olympus',
];

/** A plausible value for a column, so that part of every file imports and the rest is rejected for a reason. */
function plausible(r: Rng, kind: FuzzKind, col: string, i: number): string {
  const lat = (55.5 + r() * 0.4).toFixed(6);
  const lon = (37.3 + r() * 0.5).toFixed(6);
  switch (col) {
    case 'external_id':
      return `${kind}-${i}`;
    case 'segment_id':
      return `roads-${i}`;
    case 'code':
      return `code-${i}`;
    case 'created_at':
    case 'updated_at':
    case 'verified_at':
      return `2024-0${int(r, 1, 9)}-1${int(r, 0, 9)}T10:00:00Z`;
    case 'closed_at':
    case 'completed_at':
    case 'warranty_until':
      return '';
    case 'lat':
      return lat;
    case 'lon':
      return lon;
    case 'year':
      return String(int(r, 2020, 2026));
    case 'status':
      return kind === 'plans' ? 'planned' : 'new';
    case 'text':
      return kind === 'addresses' ? `Москва, ул. Тверская, ${i + 1}` : `Яма на дороге ${i}`;
    case 'street':
      return kind === 'addresses' ? '' : 'Тверская';
    case 'house':
      return kind === 'addresses' ? '' : String(i + 1);
    case 'rating':
      return String(int(r, 1, 5));
    case 'owner':
      return 'municipal';
    case 'name':
      return `Имя ${i}`;
    case 'monday':
    case 'tuesday':
      return '09:00-17:00';
    case 'walk_in':
    case 'accessible':
      return 'yes';
    default:
      return '';
  }
}

/** A hard value: random text, a huge field, a number or date parsers trip on, a word of the wrong vocabulary. */
function hardValue(r: Rng): string {
  const roll = r();
  if (roll < 0.35) return nastyText(r);
  if (roll < 0.45) return HUGE(r);
  if (roll < 0.65) return pick(r, WEIRD_NUMBERS);
  if (roll < 0.85) return pick(r, WEIRD_DATES);
  return pick(r, WEIRD_WORDS);
}

/**
 * Which columns of a row are fuzzed: none for about a quarter of the rows (they must import whatever the others
 * hold), one to three for most, all of them for a tenth.
 */
function fuzzedColumns(r: Rng, n: number): Set<number> {
  const roll = r();
  if (roll < 0.25) return new Set();
  if (roll < 0.9) return new Set(Array.from({ length: int(r, 1, 3) }, () => int(r, 0, n - 1)));
  return new Set(Array.from({ length: n }, (_, k) => k));
}

/** Random bytes: invalid UTF-8, CESU-8 surrogates, NUL, lone continuation bytes. */
function randomBytes(r: Rng): Buffer {
  const parts: number[] = [];
  const n = int(r, 0, 60);
  for (let i = 0; i < n; i++) {
    const roll = r();
    if (roll < 0.1)
      parts.push(0xed, 0xa0, 0x80); // a surrogate encoded as UTF-8 (CESU-8): invalid
    else if (roll < 0.2) parts.push(0);
    else parts.push(int(r, 0, 255));
  }
  return Buffer.from(parts);
}

const QUOTE = 0x22;

/** One CSV cell, always quoted (quotes doubled): any bytes at all stay inside their cell. */
function csvCell(b: Buffer): Buffer {
  const out: number[] = [QUOTE];
  for (const c of b) {
    out.push(c);
    if (c === QUOTE) out.push(QUOTE);
  }
  out.push(QUOTE);
  return Buffer.from(out);
}

/**
 * A CSV of `rows` fuzzed records (plus the header) for `kind`, with each record's cells quoted so the file keeps
 * its row count: one record is one row to account for. Some records have a field too many or too few.
 */
export function fuzzCsv(kind: FuzzKind, rows: number, seed: string): Buffer {
  const r = seedrandom(`${seed}/csv/${kind}`);
  const cols = COLUMNS[kind];
  const lines: Buffer[] = [Buffer.from(`${cols.join(',')}\n`)];
  for (let i = 0; i < rows; i++) {
    const fuzzed = fuzzedColumns(r, cols.length);
    let cells = cols.map((c, k) =>
      !fuzzed.has(k)
        ? Buffer.from(plausible(r, kind, c, i), 'utf8')
        : r() < 0.3
          ? randomBytes(r)
          : Buffer.from(hardValue(r), 'utf8'),
    );
    // Node writes an unpaired surrogate as EF BF BD: in a CSV it is U+FFFD already, as any invalid byte becomes.
    const shape = r();
    if (shape < 0.03) cells = cells.slice(0, -1);
    else if (shape < 0.06) cells = [...cells, Buffer.from('extra')];
    const line = Buffer.concat(cells.flatMap((c, k) => (k ? [Buffer.from(','), csvCell(c)] : [csvCell(c)])));
    lines.push(line, Buffer.from(r() < 0.5 ? '\n' : '\r\n'));
  }
  return Buffer.concat(lines);
}

/** A CSV whose quotes are broken (a quote never closed, text after a closing quote): not readable as a whole. */
export function brokenQuotesCsv(kind: FuzzKind, rows: number, seed: string): string {
  const r = seedrandom(`${seed}/broken/${kind}`);
  const cols = COLUMNS[kind];
  const out = [cols.join(',')];
  for (let i = 0; i < rows; i++) {
    const cells = cols.map((c) => plausible(r, kind, c, i));
    if (r() < 0.05) cells[int(r, 0, cells.length - 1)] = pick(r, ['"unclosed', 'a"b', '"x"y', '"""', '"a""']);
    out.push(cells.join(','));
  }
  return `${out.join('\n')}\n`;
}

/** A value of the wrong JSON type for a property. */
function wrongType(r: Rng): unknown {
  return pick(r, [
    null,
    true,
    false,
    0,
    -1,
    1e308,
    [],
    [1, 2],
    {},
    { nested: { deeper: '\u0000' } },
    ['a', null],
    '',
    { '\u0000key': 1 },
  ]);
}

function position(r: Rng): unknown {
  const roll = r();
  if (roll < 0.93) return [37.3 + r() * 0.5, 55.5 + r() * 0.4];
  if (roll < 0.96) return [37.5, 55.7, 150];
  return pick(r, [
    [],
    [1],
    ['37', '55'],
    [null, null],
    [1e308, 1e308],
    [-200, 95],
    [37.5],
    [37.5, 55.7, 1, 2],
    'x',
    {},
  ]);
}

function ring(r: Rng): unknown[] {
  const [x, y] = [37.3 + r() * 0.5, 55.5 + r() * 0.4];
  const d = 0.001 + r() * 0.01;
  const good = [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ];
  const roll = r();
  if (roll < 0.6) return good;
  if (roll < 0.7) return good.slice(0, 4); // not closed
  if (roll < 0.8)
    return [
      [x, y],
      [x, y],
      [x, y],
      [x, y],
    ]; // no area
  if (roll < 0.9)
    return [
      [x, y],
      [x + d, y + d],
      [x + d, y],
      [x, y + d],
      [x, y],
    ]; // self-intersecting (a bowtie)
  return Array.from({ length: int(r, 0, 5) }, () => position(r));
}

/** A geometry: mostly the kind's own type, else another type, a broken one, or something that is not one. */
function geometry(r: Rng, kind: FuzzKind): unknown {
  const roll = r();
  const line = () => Array.from({ length: r() < 0.1 ? int(r, 0, 1) : int(r, 2, 6) }, () => position(r));
  if (roll < 0.6) {
    if (kind === 'boundaries')
      return r() < 0.5
        ? { type: 'Polygon', coordinates: [ring(r)] }
        : { type: 'MultiPolygon', coordinates: [[ring(r)], [ring(r)]] };
    if (kind === 'roads' || kind === 'plans')
      return r() < 0.5
        ? { type: 'LineString', coordinates: line() }
        : { type: 'MultiLineString', coordinates: [line(), line()] };
    return { type: 'Point', coordinates: position(r) };
  }
  if (roll < 0.7) return null;
  if (roll < 0.8)
    return {
      type: pick(r, ['Point', 'LineString', 'Polygon', 'GeometryCollection', 'Circle', '', 'point']),
      coordinates: position(r),
    };
  if (roll < 0.85)
    return {
      type: 'Point',
      coordinates: position(r),
      crs: { type: 'name', properties: { name: 'EPSG:99999' } },
      note: '\u0000',
    };
  if (roll < 0.9) return { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: position(r) }] };
  return wrongType(r);
}

/** A GeoJSON FeatureCollection of `rows` fuzzed features for `kind` (properties of any type, any geometry). */
export function fuzzGeojson(kind: FuzzKind, rows: number, seed: string): string {
  const r = seedrandom(`${seed}/geojson/${kind}`);
  const cols = COLUMNS[kind];
  const features: unknown[] = [];
  for (let i = 0; i < rows; i++) {
    const props: Record<string, unknown> = {};
    const fuzzed = fuzzedColumns(r, cols.length);
    cols.forEach((c, k) => {
      const roll = r();
      props[c] = !fuzzed.has(k)
        ? plausible(r, kind, c, i)
        : roll < 0.3
          ? wrongType(r)
          : roll < 0.4
            ? Number(plausible(r, kind, c, i))
            : hardValue(r);
    });
    if (r() < 0.03) props[nastyText(r, 8)] = nastyText(r);
    const shape = r();
    if (shape < 0.02) features.push(wrongType(r));
    else if (shape < 0.04) features.push({ type: 'Feature', geometry: geometry(r, kind) });
    else features.push({ type: 'Feature', properties: props, geometry: geometry(r, kind) });
  }
  // JSON.stringify writes NUL as \u0000 and an unpaired surrogate as \udXXX: valid JSON text, hard on jsonb.
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** Writes the fuzz files of one kind into `dir`: its CSV (where the kind reads CSV) and its GeoJSON. */
export function writeFuzzFiles(
  dir: string,
  kind: FuzzKind,
  rows: number,
  seed: string,
): { csv?: string; geojson: string; broken?: string } {
  fs.mkdirSync(dir, { recursive: true });
  const geojson = path.join(dir, `fuzz-${kind}.geojson`);
  fs.writeFileSync(geojson, fuzzGeojson(kind, rows, seed));
  if (kind === 'roads' || kind === 'boundaries') return { geojson };
  const csv = path.join(dir, `fuzz-${kind}.csv`);
  fs.writeFileSync(csv, fuzzCsv(kind, rows, seed));
  const broken = path.join(dir, `broken-${kind}.csv`);
  fs.writeFileSync(broken, brokenQuotesCsv(kind, rows, seed));
  return { csv, geojson, broken };
}

/** The `pmap` arguments that import `file` as `kind` (boundaries need a level). */
export function importArgs(kind: FuzzKind, file: string, rejects: string): string[] {
  return [
    'import',
    kind,
    file,
    ...(kind === 'boundaries' ? ['--level', 'municipality'] : []),
    '--rejects',
    rejects,
    '--json',
  ];
}
