/**
 * Queries as residents write them, made from gazetteer entries by the perturbations the accuracy target names:
 * abbreviations swapped, case changed, "ул." dropped, a one-letter typo, word order swapped, a city prefix added,
 * "д." added. Each query gets one to three of them; the truth is the entry's point.
 */
import seedrandom from 'seedrandom';
import { pick, TOWNS, type GazetteerEntry, type HouseSpec, type Rand } from './generate';
import { ABSENT_NAMES, TYPE_SPELLINGS } from './names';

export const PERTURBATIONS = [
  'abbreviation',
  'case',
  'type_dropped',
  'typo',
  'word_order',
  'city_prefix',
  'house_marker',
] as const;
export type Perturbation = (typeof PERTURBATIONS)[number];

export interface Query {
  text: string;
  lat: number;
  lon: number;
  applied: Perturbation[];
}

const LETTERS = 'абвгдежзиклмнопрстуфхцчшщыэюя';

/** One edit in the longest word of the name: substitute, delete, insert or swap two neighbours. */
function typo(name: string, r: Rand): string {
  const words = name.split(' ');
  let wi = 0;
  words.forEach((w, i) => {
    if (w.length > words[wi]!.length) wi = i;
  });
  const w = words[wi]!;
  if (w.length < 5) return name;
  // Not the first letter: people rarely get that wrong, and autocorrect keeps it.
  const i = 1 + Math.floor(r() * (w.length - 1));
  const u = r();
  let out: string;
  if (u < 0.35) out = w.slice(0, i) + pick(r, [...LETTERS]) + w.slice(i + 1);
  else if (u < 0.6) out = w.slice(0, i) + w.slice(i + 1);
  else if (u < 0.8) out = w.slice(0, i) + pick(r, [...LETTERS]) + w.slice(i);
  else out = i < w.length - 1 ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w.slice(0, i - 1) + w[i] + w[i - 1];
  words[wi] = out;
  return words.join(' ');
}

function houseWritten(h: HouseSpec, r: Rand): string {
  let s = String(h.num);
  if (h.letter) s += pick(r, [h.letter, ` ${h.letter}`, `-${h.letter.toLowerCase()}`, ` лит. ${h.letter}`]);
  if (h.frac) s += `/${h.frac}`;
  if (h.korpus) s += pick(r, [` к${h.korpus}`, `к${h.korpus}`, ` корп. ${h.korpus}`, `, корпус ${h.korpus}`]);
  return s;
}

function render(e: GazetteerEntry, applied: ReadonlySet<Perturbation>, r: Rand): string {
  const spellings = TYPE_SPELLINGS[e.type];
  const type = applied.has('abbreviation') ? pick(r, spellings.slice(1)) : spellings[0]!;
  const name = applied.has('typo') ? typo(e.name, r) : e.name;
  let street: string;
  if (applied.has('type_dropped')) street = name;
  else street = applied.has('word_order') ? `${name} ${type}` : `${type} ${name}`;
  const town = applied.has('city_prefix')
    ? pick(r, [
        `${e.town.kind} ${e.town.name}`,
        `${e.town.region}, ${e.town.kind} ${e.town.name}`,
        `${e.town.kind}${e.town.name}`,
      ])
    : e.town.name;
  const house = (applied.has('house_marker') ? pick(r, ['д. ', 'дом ', 'д.']) : '') + houseWritten(e.house, r);
  let text = `${town}, ${street}, ${house}`;
  if (applied.has('case')) text = pick(r, [text.toLowerCase(), text.toUpperCase()]);
  return text;
}

/** `n` queries over random entries, each with 1–3 perturbations. */
export function perturbedQueries(
  entries: readonly GazetteerEntry[],
  n: number,
  seed = 'pmap-geocode-queries',
): Query[] {
  const r = seedrandom(seed);
  const out: Query[] = [];
  for (let i = 0; i < n; i++) {
    const e = pick(r, entries);
    const k = 1 + Math.floor(r() * 3);
    const applied = new Set<Perturbation>();
    while (applied.size < k) applied.add(pick(r, PERTURBATIONS));
    out.push({ text: render(e, applied, r), lat: e.lat, lon: e.lon, applied: [...applied] });
  }
  return out;
}

/** Addresses the gazetteer does not have: unknown streets in its towns, and its streets in towns it lacks. */
export function absentQueries(entries: readonly GazetteerEntry[], n: number, seed = 'pmap-geocode-absent'): string[] {
  const r = seedrandom(seed);
  const others = ['Тверь', 'Курган', 'Уфа', 'Пермь', 'Самара', 'Тюмень'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const e = pick(r, entries);
    const num = 1 + Math.floor(r() * 60);
    out.push(
      i % 2 === 0
        ? `${pick(r, TOWNS).name}, ул. ${pick(r, ABSENT_NAMES)}, ${num}`
        : `г. ${pick(r, others)}, ${TYPE_SPELLINGS[e.type][0]} ${e.name}, ${num}`,
    );
  }
  return out;
}
