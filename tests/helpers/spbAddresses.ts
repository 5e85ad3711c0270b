/**
 * The St Petersburg geocoding truth (issue 26): the portal's building registry as the gazetteer, and the appeals'
 * official addresses rewritten as people write them (abbreviations, «д.»/«к.»/«лит.» dropped or changed, «46к1»,
 * case, typos, the city dropped, the street in free text). Truth is the building's point. The files are read in place
 * from ../shared/data and never copied; everything here is seeded, so a run is repeatable.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import seedrandom from 'seedrandom';
import type { Database } from '../../db';
import { geocodeBatch } from '../../lib/enrich/geocode';
import { metresBetween } from '../../lib/enrich/geocode/distance';

export const SPB_BUILDINGS = 'spb_buildings/spb_buildings.csv';
export const SPB_APPEALS = 'spb_appeals/spb_appeals_2020_2021.csv';

export interface SpbBuilding {
  id: string;
  address: string;
  lat: number;
  lon: number;
}
export interface SpbTruth {
  buildingId: string;
  official: string;
  lat: number;
  lon: number;
}
export interface SpbQuery extends SpbTruth {
  text: string;
  applied: string[];
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

export function readSpbBuildings(file: string): Map<string, SpbBuilding> {
  const rows = parse(fs.readFileSync(file), { columns: true, bom: true }) as Record<string, string>[];
  return new Map(
    rows.map((r) => [
      r.building_id!,
      { id: r.building_id!, address: r.full_address!, lat: Number(r.latitude), lon: Number(r.longitude) },
    ]),
  );
}

/** The appeals that carry a building's official address; truth is that building's point in the registry. */
export function readSpbTruth(appealsFile: string, buildings: ReadonlyMap<string, SpbBuilding>): SpbTruth[] {
  const rows = parse(fs.readFileSync(appealsFile), { columns: true, bom: true, relax_column_count: true }) as Record<
    string,
    string
  >[];
  const out: SpbTruth[] = [];
  for (const r of rows) {
    const b = r.full_address && r.building_id ? buildings.get(r.building_id) : undefined;
    if (b) out.push({ buildingId: b.id, official: r.full_address!, lat: b.lat, lon: b.lon });
  }
  return out;
}

/** The held-out half: split by a hash of the building id, so a building's queries all fall on one side. */
export const isHeldOut = (buildingId: string): boolean =>
  (createHash('sha1').update(`spb:${buildingId}`).digest()[0]! & 1) === 1;

const TYPES: Record<string, readonly string[]> = {
  улица: ['ул.', 'ул', 'ул. ', 'Ул.', 'улица'],
  проспект: ['пр.', 'пр-т', 'пр-кт', 'просп.', 'пр', 'проспект'],
  переулок: ['пер.', 'пер', 'переулок'],
  набережная: ['наб.', 'наб', 'набережная'],
  шоссе: ['ш.', 'шоссе'],
  бульвар: ['б-р', 'бул.', 'бульвар'],
  площадь: ['пл.', 'площадь'],
  проезд: ['пр-д', 'проезд'],
  аллея: ['ал.', 'аллея'],
  дорога: ['дор.', 'дорога'],
  линия: ['линия', 'лин.'],
  территория: ['тер.', 'территория'],
  квартал: ['кв-л', 'квартал'],
};
/** Words inside names that people shorten or leave out: «наб. р. Мойки», «кан. Грибоедова», «пр. Блюхера». */
const SHORTER: Record<string, readonly string[]> = {
  реки: ['р.', '', 'реки'],
  канала: ['кан.', '', 'канала'],
  маршала: ['', 'Маршала', 'м.'],
  генерала: ['', 'Генерала'],
  академика: ['', 'Академика', 'ак.'],
  имени: ['', 'им.'],
};
const LETTERS = 'абвгдежзиклмнопрстуфхцчшщэюя';

/** One edit in the longest word (≥ 5 letters), never its first letter. */
function typo(s: string, r: Rand): string {
  const words = s.split(' ');
  let wi = 0;
  words.forEach((w, i) => {
    if (w.length > words[wi]!.length) wi = i;
  });
  const w = words[wi]!;
  if (w.length < 5) return s;
  const i = 1 + Math.floor(r() * (w.length - 2));
  const u = r();
  words[wi] =
    u < 0.35
      ? w.slice(0, i) + pick(r, [...LETTERS]) + w.slice(i + 1)
      : u < 0.6
        ? w.slice(0, i) + w.slice(i + 1)
        : u < 0.8
          ? w.slice(0, i) + pick(r, [...LETTERS]) + w.slice(i)
          : w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  return words.join(' ');
}

interface Official {
  locality: string;
  extra: string[];
  street: string;
  house: string;
  korpus: string;
  building: string;
  litera: string;
}

function split(official: string): Official {
  const parts = official.split(',').map((p) => p.trim());
  const o: Official = { locality: '', extra: [], street: '', house: '', korpus: '', building: '', litera: '' };
  const names: string[] = [];
  for (const p of parts) {
    const m = /^(дом|корпус|строение|литера) (.+)$/.exec(p);
    if (m)
      o[({ дом: 'house', корпус: 'korpus', строение: 'building', литера: 'litera' } as const)[m[1] as 'дом']] = m[2]!;
    else if (/^(г\.|город |посёлок |поселок |муниципальный округ )/.test(p)) o.locality = p;
    else names.push(p);
  }
  o.street = names.pop() ?? '';
  o.extra = names;
  return o;
}

function writeLocality(loc: string, r: Rand, applied: string[]): string {
  const spb = /^г\.Санкт-Петербург$/.test(loc);
  if (r() < (spb ? 0.45 : 0.25) || loc.startsWith('муниципальный')) {
    applied.push('city_dropped');
    return '';
  }
  if (spb)
    return pick(r, [
      'Санкт-Петербург, ',
      'СПб, ',
      'г. Санкт-Петербург, ',
      'спб ',
      'г.СПб, ',
      'Санкт-Петербург ',
      'С-Пб, ',
      'г Санкт-Петербург, ',
    ]);
  const [kind, ...name] = loc.split(' ');
  const n = name.join(' ');
  const short = kind === 'город' ? pick(r, ['г. ', 'г.', '']) : pick(r, ['п. ', 'пос. ', 'посёлок ', '']);
  return pick(r, [`${short}${n}, `, `Санкт-Петербург, ${short}${n}, `, `${n} `]);
}

function writeStreet(street: string, r: Rand, applied: string[]): string {
  const words = street.split(' ');
  const ti = words.findIndex((w) => TYPES[w] !== undefined);
  let name = words
    .filter((_, i) => i !== ti)
    .map((w) => {
      const alt = SHORTER[w.toLowerCase()];
      if (!alt || r() < 0.4) return w;
      applied.push('name_shortened');
      return pick(r, alt);
    })
    .filter(Boolean)
    .join(' ');
  if (r() < 0.15) {
    name = typo(name, r);
    applied.push('typo');
  }
  if (/ё/i.test(name) && r() < 0.6) {
    name = name.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
    applied.push('yo');
  }
  if (ti < 0) return name;
  const u = r();
  if (u < 0.2) {
    applied.push('type_dropped');
    return name;
  }
  const type = r() < 0.75 ? pick(r, TYPES[words[ti]!]!) : words[ti]!;
  if (type !== words[ti]) applied.push('abbreviation');
  const before = u < 0.6 ? ti === 0 : ti !== 0;
  if (before !== (ti === 0)) applied.push('type_moved');
  return before ? `${type}${type.endsWith('.') && r() < 0.5 ? '' : ' '}${name}` : `${name} ${type}`;
}

function writeHouse(o: Official, r: Rand, applied: string[]): string {
  let num = o.house;
  if (/[/-]/.test(num) && r() < 0.1) {
    num = num.split(/[/-]/)[0]!;
    applied.push('fraction_dropped');
  }
  let s = pick(r, ['', '', 'д. ', 'д.', 'дом ', 'Д. ', 'д ']) + num;
  if (s !== num) applied.push('house_marker');
  if (o.korpus) {
    s += pick(r, [
      `к${o.korpus}`,
      ` к${o.korpus}`,
      ` к. ${o.korpus}`,
      ` к ${o.korpus}`,
      ` корп. ${o.korpus}`,
      `, корп. ${o.korpus}`,
      ` корпус ${o.korpus}`,
      ', к.' + o.korpus,
    ]);
    applied.push('korpus');
  }
  if (o.building)
    s += pick(r, [` стр. ${o.building}`, `с${o.building}`, ` строение ${o.building}`, ` стр${o.building}`]);
  if (o.litera) {
    const l = o.litera;
    const dropA = l === 'А' ? 0.7 : 0.08;
    if (r() < dropA) applied.push('litera_dropped');
    else {
      applied.push('litera');
      // Glued or spaced only where it cannot read as something else: not after a letter ("11аА"), not я/ы/ь/ъ/й
      // ("21я" is an ordinal).
      const glued = /^[А-ЕЖЗИК-УФ-ЩЭЮ]$/.test(l) && /^\d+$/.test(num) && !o.korpus && !o.building;
      s += pick(r, [
        ` лит. ${l}`,
        ` литера ${l}`,
        ` лит ${l}`,
        `, лит. ${l}`,
        ...(glued ? [l, l.toLowerCase(), ` ${l}`] : []),
      ]);
    }
  }
  return s;
}

/** One official address as a person might write it; `applied` names what was changed. */
export function rewriteOfficial(official: string, r: Rand): { text: string; applied: string[] } {
  const o = split(official);
  const applied: string[] = [];
  const loc = writeLocality(o.locality, r, applied);
  const extra = o.extra.length && r() < 0.5 ? `${o.extra.join(', ')}, ` : '';
  const street = writeStreet(o.street, r, applied);
  const house = writeHouse(o, r, applied);
  let text = `${loc}${extra}${street}${pick(r, [', ', ' ', ', ', ',', ' ', ', '])}${house}`;
  const c = r();
  if (c < 0.12) {
    text = text.toLowerCase();
    applied.push('lower_case');
  } else if (c < 0.16) {
    text = text.toUpperCase();
    applied.push('upper_case');
  }
  const f = r();
  if (f < 0.1) {
    applied.push('free_text');
    text = pick(r, [
      `у дома ${text}`,
      `${text}, 2 парадная`,
      `адрес: ${text}`,
      `${text}, кв. 15`,
      `возле дома ${text}`,
      `${text}, подъезд 3`,
      `во дворе дома ${text}`,
    ]);
  }
  return { text, applied };
}

/** `perTruth` rewrites of every truth row, seeded. */
export function spbQueries(truth: readonly SpbTruth[], seed = 'pmap-spb-geocode', perTruth = 3): SpbQuery[] {
  const r = seedrandom(seed);
  return truth.flatMap((t) => Array.from({ length: perTruth }, () => ({ ...t, ...rewriteOfficial(t.official, r) })));
}

/** The exact-text baseline's key: lower case, ё→е, punctuation and spaces collapsed. */
export const exactTextKey = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^a-zа-я0-9/]+/g, ' ')
    .trim();

export interface SpbFigures {
  queries: number;
  /** Share of queries whose answer lies within 25 m of the building's point. */
  house25: number;
  /** Share answered with confidence ≥ 0.8 and more than 25 m off. */
  confidentWrong: number;
  answered: number;
  /** Share answered at street level only (appeals.geocode_level 'street'): the house not found. */
  streetLevel: number;
  /** The exact-text baseline: the normalised full string looked up among the gazetteer's normalised texts. */
  baseline25: number;
  perSecond: number;
  /** Queries of the half that did not land within 25 m (for tuning): text, official, distance, confidence. */
  misses: {
    text: string;
    official: string;
    metres: number | null;
    confidence: number | null;
    matched: string | null;
  }[];
}

export const NEAR_M = 25;
export const CONFIDENT = 0.8;

/**
 * Geocodes every query (timed as one batch) and the exact-text baseline, then scores one half: the held-out half
 * for reports and tests, the other for tuning.
 */
export async function evaluateSpb(
  db: Database,
  queries: readonly SpbQuery[],
  runs = 3,
): Promise<{ heldOut: SpbFigures; tuning: SpbFigures }> {
  await geocodeBatch(
    db,
    queries.slice(0, 2000).map((q) => q.text),
  ); // warm-up: plans and caches
  // The best of `runs` timed runs of the whole batch: on a shared machine the others are waits, not the geocoder.
  let hits: Awaited<ReturnType<typeof geocodeBatch>> = [];
  let perSecond = 0;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    hits = await geocodeBatch(
      db,
      queries.map((q) => q.text),
    );
    perSecond = Math.max(perSecond, queries.length / ((performance.now() - t0) / 1000));
  }
  const texts = await db.query<{ text: string; lat: number; lon: number }>(
    `SELECT text, ST_Y(geom) AS lat, ST_X(geom) AS lon FROM addresses`,
  );
  const exact = new Map(texts.map((t) => [exactTextKey(t.text), t]));
  const score = (held: boolean): SpbFigures => {
    const idx = queries.map((q, i) => [q, i] as const).filter(([q]) => isHeldOut(q.buildingId) === held);
    let near = 0;
    let wrong = 0;
    let answered = 0;
    let base = 0;
    let street = 0;
    const misses: SpbFigures['misses'] = [];
    for (const [q, i] of idx) {
      const h = hits[i];
      const d = h ? metresBetween(q.lat, q.lon, h.lat, h.lon) : null;
      if (h) answered++;
      if (h?.level === 'street') street++;
      if (d !== null && d <= NEAR_M) near++;
      else
        misses.push({
          text: q.text,
          official: q.official,
          metres: d === null ? null : Math.round(d),
          confidence: h?.confidence ?? null,
          matched: h?.matched ?? null,
        });
      if (h && d !== null && h.confidence >= CONFIDENT && d > NEAR_M) wrong++;
      const b = exact.get(exactTextKey(q.text));
      if (b && metresBetween(q.lat, q.lon, b.lat, b.lon) <= NEAR_M) base++;
    }
    const n = idx.length;
    return {
      queries: n,
      house25: near / n,
      confidentWrong: wrong / n,
      answered: answered / n,
      streetLevel: street / n,
      baseline25: base / n,
      perSecond,
      misses,
    };
  };
  return { heldOut: score(true), tuning: score(false) };
}
