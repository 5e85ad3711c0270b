import { getResolution, isValidCell } from 'h3-js';
import { CHANNELS, STATUSES, TOPICS, type Channel, type Status, type Topic } from '../domain/vocab';
import type { Gratitude } from './hexQuery';
import { addDays, dayStart, mondayOf } from '../domain/days';
import { GRATITUDE_DEFAULT } from '../domain/filters';
import { isCalendarDay } from '../domain/params';

/** Map layers, in drawing order from the bottom; the ids are what `layers=` lists. */
export const LAYER_IDS = ['bounds', 'hex', 'heat', 'roads', 'plans', 'points', 'vacc'] as const;
export type LayerId = (typeof LAYER_IDS)[number];
export const DEFAULT_LAYERS: readonly LayerId[] = ['bounds', 'hex', 'points'];

export interface MapViewState {
  z: number;
  lat: number;
  lon: number;
}

/** Inclusive days YYYY-MM-DD. */
export interface Period {
  from: string;
  to: string;
}

export type Selection = { kind: 'cell'; h3: string } | { kind: 'segment'; id: number } | { kind: 'appeal'; id: number };

/** Everything the /map URL carries. `null` lists mean "no filter" (every value), `[]` means "nothing". */
export interface MapUrlState {
  topics: Topic[] | null;
  channels: Channel[] | null;
  statuses: Status[] | null;
  from: string | null;
  to: string | null;
  /** A boundary code. */
  municipality: string | null;
  gratitude: Gratitude;
  layers: LayerId[];
  view: MapViewState | null;
  /** Monday of the week the time slider shows; null when the slider is off. */
  week: string | null;
  /** Period A of a period-vs-period map; period B is the current filter period. */
  compare: Period | null;
  selection: Selection | null;
}

export const DEFAULT_STATE: MapUrlState = {
  topics: null,
  channels: null,
  statuses: null,
  from: null,
  to: null,
  municipality: null,
  gratitude: GRATITUDE_DEFAULT,
  layers: [...DEFAULT_LAYERS],
  view: null,
  week: null,
  compare: null,
  selection: null,
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD, within the years every API takes (lib/domain/params.ts, the one rule). */
export function isDay(s: string): boolean {
  const m = DAY.exec(s);
  return !!m && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

const day = (v: string | null): string | null => (v !== null && isDay(v) ? v : null);

/** Values of a comma list that belong to the vocabulary, in vocabulary order; `null` when absent or all. */
function vocabList<T extends string>(raw: string | null, vocab: readonly T[]): T[] | null {
  if (raw === null) return null;
  const given = new Set(raw.split(',').map((s) => s.trim()));
  const picked = vocab.filter((v) => given.has(v));
  if (picked.length === vocab.length) return null;
  // A list of only unknown words (a typo) would hide everything: treat it as absent.
  if (picked.length === 0 && raw.trim() !== '') return null;
  return picked;
}

function finite(raw: string | null, lo: number, hi: number): number | null {
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= lo && n <= hi ? n : null;
}

function parseView(p: URLSearchParams): MapViewState | null {
  const z = finite(p.get('z'), 0, 22);
  const lat = finite(p.get('lat'), -85.06, 85.06);
  const lon = finite(p.get('lon'), -180, 180);
  return z === null || lat === null || lon === null ? null : { z, lat, lon };
}

function parsePeriod(raw: string | null): Period | null {
  const [from, to, extra] = (raw ?? '').split('..');
  if (extra !== undefined || !from || !to || !isDay(from) || !isDay(to) || from > to) return null;
  return { from, to };
}

const positiveId = (raw: string | null): number | null => {
  if (raw === null || !/^\d{1,15}$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 ? n : null;
};

function parseSelection(p: URLSearchParams): Selection | null {
  const cell = p.get('cell')?.toLowerCase() ?? null;
  // The drill-down serves cells of resolution 4..9 (the map's range).
  if (cell && /^[0-9a-f]{15}$/.test(cell) && isValidCell(cell) && getResolution(cell) >= 4 && getResolution(cell) <= 9)
    return { kind: 'cell', h3: cell };
  const segment = positiveId(p.get('segment'));
  if (segment !== null) return { kind: 'segment', id: segment };
  const appeal = positiveId(p.get('appeal'));
  if (appeal !== null) return { kind: 'appeal', id: appeal };
  return null;
}

function parseLayers(raw: string | null): LayerId[] {
  if (raw === null) return [...DEFAULT_LAYERS];
  const given = new Set(raw.split(','));
  return LAYER_IDS.filter((id) => given.has(id));
}

/**
 * The map state a /map query string describes. Lenient on purpose: a link with a bad or stale value still
 * opens the map, without that value (an unknown topic, an impossible date, a cell that is no H3 index).
 */
export function parseMapState(search: string | URLSearchParams): MapUrlState {
  const p =
    typeof search === 'string' ? new URLSearchParams(search.startsWith('?') ? search.slice(1) : search) : search;
  const gratitude = p.get('gratitude');
  // A reversed period stays as given: the filter panel says «Конец периода раньше начала» and nothing is asked
  // (the one rule, lib/domain/params.ts PERIOD_REVERSED), instead of a silent swap.
  const from = day(p.get('from'));
  const to = day(p.get('to'));
  const week = day(p.get('week'));
  return {
    topics: vocabList(p.get('topic'), TOPICS),
    channels: vocabList(p.get('channel'), CHANNELS),
    statuses: vocabList(p.get('status'), STATUSES),
    from,
    to,
    municipality: p.get('municipality')?.trim().slice(0, 200) || null,
    gratitude:
      gratitude === 'include' || gratitude === 'only' || gratitude === 'exclude' ? gratitude : GRATITUDE_DEFAULT,
    layers: parseLayers(p.get('layers')),
    view: parseView(p),
    week: week && isMonday(week) ? week : null,
    compare: parsePeriod(p.get('compare')),
    selection: parseSelection(p),
  };
}

const sameLayers = (a: readonly LayerId[], b: readonly LayerId[]) =>
  a.length === b.length && a.every((id) => b.includes(id));

const round = (v: number, digits: number) => Number(v.toFixed(digits));

/**
 * A view at the URL's precision (zoom to 0.01, centre to ~1 m), so that a link opens exactly the view it
 * was written from. The zoom rounds down: the view never shows less than before.
 */
export const roundView = (v: MapViewState): MapViewState => ({
  z: Math.floor(v.z * 100 + 1e-6) / 100,
  lat: round(v.lat, 5),
  lon: round(v.lon, 5),
});

/**
 * The query string (without `?`) for a map state, parameters in a fixed order, defaults left out, so
 * that `parseMapState(serializeMapState(s))` gives `s` back (with the view rounded).
 */
export function serializeMapState(s: MapUrlState): string {
  const p = new URLSearchParams();
  const list = <T extends string>(name: string, values: readonly T[] | null, vocab: readonly T[]) => {
    if (values === null) return;
    const picked = vocab.filter((v) => values.includes(v));
    if (picked.length < vocab.length) p.set(name, picked.join(','));
  };
  list('topic', s.topics, TOPICS);
  list('channel', s.channels, CHANNELS);
  list('status', s.statuses, STATUSES);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.municipality) p.set('municipality', s.municipality);
  if (s.gratitude !== GRATITUDE_DEFAULT) p.set('gratitude', s.gratitude);
  if (s.week) p.set('week', s.week);
  if (s.compare) p.set('compare', `${s.compare.from}..${s.compare.to}`);
  if (!sameLayers(s.layers, DEFAULT_LAYERS)) p.set('layers', LAYER_IDS.filter((id) => s.layers.includes(id)).join(','));
  if (s.selection?.kind === 'cell') p.set('cell', s.selection.h3);
  if (s.selection?.kind === 'segment') p.set('segment', String(s.selection.id));
  if (s.selection?.kind === 'appeal') p.set('appeal', String(s.selection.id));
  if (s.view) {
    const v = roundView(s.view);
    p.set('z', String(v.z));
    p.set('lat', String(v.lat));
    p.set('lon', String(v.lon));
  }
  // Commas and dots are safe in a query string: keep them readable in links.
  return p.toString().replace(/%2C/g, ',');
}

// ---- weeks (the time slider) ----

export { addDays, mondayOf };
export const isMonday = (d: string): boolean => new Date(dayStart(d)).getUTCDay() === 1;

/** Every Monday of the weeks that overlap `[from, to]`, ascending; at most `limit` (the latest kept). */
export function weeksOf(from: string, to: string, limit = 1000): string[] {
  if (!isDay(from) || !isDay(to) || from > to) return [];
  const weeks: string[] = [];
  for (let w = mondayOf(from); w <= to; w = addDays(w, 7)) weeks.push(w);
  return weeks.slice(-limit);
}

/** The days a week covers: Monday to Sunday. */
export const weekPeriod = (monday: string): Period => ({ from: monday, to: addDays(monday, 6) });

/**
 * The period the map shows: the slider's week when it is on, else the filter's dates. The week stays inside the chosen
 * period: its first and last weeks are cut at the filter's dates (a period from a Wednesday starts its first week there).
 */
export function effectivePeriod(s: Pick<MapUrlState, 'week' | 'from' | 'to'>): {
  from: string | null;
  to: string | null;
} {
  if (!s.week) return { from: s.from, to: s.to };
  const w = weekPeriod(s.week);
  return { from: s.from && s.from > w.from ? s.from : w.from, to: s.to && s.to < w.to ? s.to : w.to };
}
