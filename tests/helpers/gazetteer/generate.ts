/**
 * A deterministic synthetic gazetteer shaped like a real one: several towns (one hyphenated, one two-word, one
 * "п."), a few hundred streets of every common type, houses every 25–40 m on both sides (odd right, even left),
 * some with letters, корпуса and fractions. Seeded: the same every run.
 */
import seedrandom from 'seedrandom';
import { nameFor, NAME_SOURCES, TYPE_SPELLINGS, TYPE_WEIGHTS, type NameSource, type StreetType } from './names';

export interface Town {
  name: string;
  /** How the register writes the settlement type. */
  kind: 'г.' | 'п.';
  region: string;
  lat: number;
  lon: number;
  /** Radius of the built-up area, km. */
  radius: number;
  streets: number;
}

export const TOWNS: readonly Town[] = [
  { name: 'Челябинск', kind: 'г.', region: 'Челябинская обл.', lat: 55.16, lon: 61.4, radius: 9, streets: 110 },
  { name: 'Екатеринбург', kind: 'г.', region: 'Свердловская обл.', lat: 56.838, lon: 60.605, radius: 9, streets: 90 },
  { name: 'Оренбург', kind: 'г.', region: 'Оренбургская обл.', lat: 51.768, lon: 55.097, radius: 8, streets: 80 },
  { name: 'Магнитогорск', kind: 'г.', region: 'Челябинская обл.', lat: 53.407, lon: 58.98, radius: 6, streets: 50 },
  { name: 'Копейск', kind: 'г.', region: 'Челябинская обл.', lat: 55.117, lon: 61.618, radius: 4, streets: 30 },
  { name: 'Нижний Тагил', kind: 'г.', region: 'Свердловская обл.', lat: 57.91, lon: 59.981, radius: 5, streets: 25 },
  { name: 'Соль-Илецк', kind: 'г.', region: 'Оренбургская обл.', lat: 51.163, lon: 54.993, radius: 3, streets: 12 },
  { name: 'Саракташ', kind: 'п.', region: 'Оренбургская обл.', lat: 51.79, lon: 56.36, radius: 2, streets: 8 },
];

export interface HouseSpec {
  num: number;
  letter: string;
  frac: number;
  korpus: number;
}

export interface GazetteerEntry {
  town: Town;
  type: StreetType;
  name: string;
  house: HouseSpec;
  lat: number;
  lon: number;
  /** The register's text: "г. Челябинск, ул. Садовая, д. 12к1". */
  text: string;
}

export type Rand = () => number;
export const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

function weightedType(r: Rand): StreetType {
  let u = r() * TYPE_WEIGHTS.reduce((a, [, w]) => a + w, 0);
  for (const [t, w] of TYPE_WEIGHTS) if ((u -= w) < 0) return t;
  return 'ул';
}

export function houseText(h: HouseSpec): string {
  return `${h.num}${h.letter}${h.frac ? `/${h.frac}` : ''}${h.korpus ? `к${h.korpus}` : ''}`;
}

/** Register styles differ by city: type first or the ФИАС "Садовая ул" order, "д." or not. */
function registerText(town: Town, type: StreetType, name: string, h: HouseSpec, style: number): string {
  const t = TYPE_SPELLINGS[type][0]!;
  const street = style === 1 ? `${name} ${t}` : `${t} ${name}`;
  return style === 2
    ? `${town.kind} ${town.name}, ${street}, ${houseText(h)}`
    : `${town.kind} ${town.name}, ${street}, д. ${houseText(h)}`;
}

const KM_LAT = 111.2;

/** Builds the gazetteer: about 30 000 entries. */
export function syntheticGazetteer(seed = 'pmap-geocode-accuracy'): GazetteerEntry[] {
  const r = seedrandom(seed);
  const out: GazetteerEntry[] = [];
  TOWNS.forEach((town, ti) => {
    const kmLon = KM_LAT * Math.cos((town.lat * Math.PI) / 180);
    const used = new Set<string>();
    let made = 0;
    while (made < town.streets) {
      const src: NameSource = pick(r, NAME_SOURCES);
      const type = weightedType(r);
      const name = nameFor(src, type);
      const key = `${name}|${type}`;
      if (used.has(key)) continue;
      used.add(key);
      made++;
      // A street: a straight line of 0.4–3 km somewhere in town, houses set back 20 m on both sides.
      const len = 0.4 + 2.6 * r() ** 1.5;
      const angle = r() * Math.PI;
      const [cx, cy] = [(r() * 2 - 1) * town.radius, (r() * 2 - 1) * town.radius];
      const [ux, uy] = [Math.cos(angle), Math.sin(angle)];
      const spacing = 0.025 + 0.015 * r();
      const style = (ti + (type === 'ул' ? 0 : 1)) % 3;
      for (const side of [1, -1] as const) {
        const count = Math.max(2, Math.floor(len / spacing));
        for (let k = 0; k < count; k++) {
          const along = (k + 0.5) * spacing - len / 2;
          const num = side === 1 ? 1 + 2 * k : 2 + 2 * k;
          const variants: [HouseSpec, number, number][] = [];
          const u = r();
          if (u < 0.03) variants.push([{ num, letter: '', frac: 1 + Math.floor(r() * 3), korpus: 0 }, 0, 0]);
          else if (u < 0.08)
            variants.push(
              [{ num, letter: '', frac: 0, korpus: 1 }, 0, 0.012],
              [{ num, letter: '', frac: 0, korpus: 2 }, 0, 0.03],
            );
          else {
            variants.push([{ num, letter: '', frac: 0, korpus: 0 }, 0, 0]);
            if (u > 0.9) variants.push([{ num, letter: pick(r, ['А', 'Б', 'В']), frac: 0, korpus: 0 }, 0.012, 0]);
          }
          for (const [house, dAlong, dBack] of variants) {
            const a = along + dAlong;
            const off = side * (0.02 + dBack);
            const x = cx + ux * a - uy * off;
            const y = cy + uy * a + ux * off;
            out.push({
              town,
              type,
              name,
              house,
              lat: Math.round((town.lat + y / KM_LAT) * 1e6) / 1e6,
              lon: Math.round((town.lon + x / kmLon) * 1e6) / 1e6,
              text: registerText(town, type, name, house, style),
            });
          }
        }
      }
    }
  });
  return out;
}
