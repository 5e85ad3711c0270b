/**
 * Russian address normalisation: "Оренбургская обл., г. Оренбург, ул. Чкалова, д. 32 к2" →
 * { locality: "оренбург", street: { type: "ул", core: "чкалова" }, house: { num: 32, key: "32к2" } }.
 * Pure: no database, no I/O. The matcher compares these keys with the gazetteer's.
 */
import { houseAtEnd, type House } from './house';
import { streetFromTokens, typeIndex, type StreetKey } from './street';
import { cleanAddress, isAlphaWord, tokenizeParts } from './text';
import {
  AREA_TYPES,
  COUNTRY_WORDS,
  DISTRICT_MARKERS,
  LEAD_WORDS,
  LOCALITY_ALIASES,
  LOCALITY_TYPES,
  REGION_MARKERS,
  STREET_TYPES,
  UNIT_MARKERS,
} from './vocabulary';

export type { House } from './house';
export type { StreetKey } from './street';
export { parseHouse } from './house';
export { parseStreet } from './street';

export interface ParsedAddress {
  /** Settlement name without its type ("оренбург", "соль илецк"), or null when the address names none. */
  locality: string | null;
  street: StreetKey | null;
  house: House | null;
}

export interface ParseOptions {
  /**
   * Localities the gazetteer knows: they let "Оренбург Чкалова 32" (no comma, no "г.") split into a town and a
   * street. Without them such a word stays part of the street name.
   */
  knownLocalities?: ReadonlySet<string>;
}

const POSTCODE = /^\d{6}$/;

/** Drops the country, the postcode and the flat/office/entrance with its number. */
function dropNoise(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (COUNTRY_WORDS.has(t) || POSTCODE.test(t)) continue;
    if (UNIT_MARKERS.has(t)) {
      if (/^\d/.test(tokens[i + 1] ?? '')) i++;
      // "2 парадная", "16я парадная": the number came first.
      else if (out.length === 1 && /^\d{1,2}(-?[а-я]{1,2})?$/.test(out[0]!)) out.pop();
      continue;
    }
    out.push(t);
  }
  return out;
}

/** An urban okrug is named after its town: "г.о. Оренбург", "городской округ Оренбург" → "г Оренбург". */
function okrugAsTown(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === 'го' || t === 'г-о') out.push('г');
    else if (t === 'городской' && tokens[i + 1] === 'округ') {
      out.push('г');
      i++;
    } else out.push(t);
  }
  return out;
}

/** Removes "Оренбургская обл.", "респ. Татарстан", "Саракташский р-н", "МО Саракташский район" from a part. */
function dropAreas(input: string[]): string[] {
  const tokens = okrugAsTown(input);
  const drop = new Set<number>();
  tokens.forEach((t, i) => {
    if (!REGION_MARKERS.has(t) && !DISTRICT_MARKERS.has(t)) return;
    drop.add(i);
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const nameAfter = (j: number) =>
      j < tokens.length && isAlphaWord(tokens[j]!) && !LOCALITY_TYPES.has(tokens[j]!) && !STREET_TYPES.has(tokens[j]!);
    if (t === 'респ' || t === 'республика' || t === 'мо' || t === 'муниципальный') {
      // The name follows: "респ. Татарстан", "муниципальный район Саракташский".
      let j = i + 1;
      while (j < tokens.length && (REGION_MARKERS.has(tokens[j]!) || DISTRICT_MARKERS.has(tokens[j]!))) drop.add(j++);
      if (nameAfter(j)) drop.add(j);
    } else if (
      prev !== undefined &&
      isAlphaWord(prev) &&
      !drop.has(i - 1) &&
      !STREET_TYPES.has(prev) &&
      !LOCALITY_TYPES.has(prev)
    ) {
      drop.add(i - 1); // "оренбургская обл", "саракташский р-н"
    } else if (next !== undefined && nameAfter(i + 1)) {
      drop.add(i + 1); // "район Саракташский"
    }
  });
  return tokens.filter((_, i) => !drop.has(i));
}

interface LocalitySplit {
  locality: string[];
  rest: string[];
}

/** "г оренбург …" or "оренбург г …": a settlement type next to a name; the rest may hold a street. */
function prefixedLocality(tokens: readonly string[]): LocalitySplit | null {
  const [a, b] = tokens;
  if (a !== undefined && b !== undefined && LOCALITY_TYPES.has(a) && isAlphaWord(b) && !STREET_TYPES.has(b)) {
    const rest = tokens.slice(2);
    // A dedicated part ("г. Нижний Новгород") is all name; in a comma-less address only the next word is.
    return typeIndex(rest) >= 0 || /\d/.test(rest.join(' '))
      ? { locality: [b], rest }
      : { locality: tokens.slice(1), rest: [] };
  }
  const last = tokens[tokens.length - 1];
  // "Оренбург г", but not the initials of "Большой П.С." ("п", "с").
  const beforeLast = tokens[tokens.length - 2] ?? '';
  if (
    tokens.length >= 2 &&
    last !== undefined &&
    LOCALITY_TYPES.has(last) &&
    typeIndex(tokens) < 0 &&
    beforeLast.length > 1
  ) {
    return { locality: tokens.slice(0, -1), rest: [] };
  }
  return null;
}

/** Leading words that name a known locality, with something left for the street. */
function knownLocalityPrefix(tokens: readonly string[], known: ReadonlySet<string> | undefined): LocalitySplit | null {
  if (!known?.size) return null;
  for (const n of [2, 1]) {
    if (tokens.length <= n) continue;
    const name = localityKey(tokens.slice(0, n));
    if (name && known.has(name)) return { locality: tokens.slice(0, n), rest: tokens.slice(n) };
  }
  return null;
}

const localityKey = (tokens: readonly string[]): string => {
  const key = tokens
    .filter((t) => !LOCALITY_TYPES.has(t))
    .flatMap((t) => t.split('-'))
    .filter(Boolean)
    .join(' ');
  return LOCALITY_ALIASES.get(key) ?? key;
};

/** Normalises a locality field on its own: "г. Соль-Илецк" → "соль илецк", "Оренбургская обл., г Орск" → "орск". */
export function normalizeLocality(raw: string): string {
  const parts = tokenizeParts(cleanAddress(raw))
    .map(dropNoise)
    .map(dropAreas)
    .filter((p) => p.length);
  const last = parts[parts.length - 1];
  return last ? localityKey(last) : '';
}

/** Words of free text before an address: "у дома", "возле дома", "во дворе дома", "адрес:", "по адресу". */
function dropLead(parts: string[][]): string[][] {
  const first = parts[0];
  if (!first) return parts;
  let k = 0;
  while (k < first.length - 1 && LEAD_WORDS.has(first[k]!)) k++;
  return k ? [first.slice(k), ...parts.slice(1)] : parts;
}

/** Splits an address into locality, street and house keys. Never throws; missing pieces are null. */
export function parseAddress(raw: string, o: ParseOptions = {}): ParsedAddress {
  let parts = dropLead(tokenizeParts(cleanAddress(raw)))
    .map(dropNoise)
    .map(dropAreas)
    .filter((p) => p.length);

  // The house sits at the end, possibly spread over parts: "ул. Чкалова, д. 32, корп. 2".
  let house: House | null = null;
  const flat = parts.flat();
  const found = houseAtEnd(flat);
  if (found) {
    house = found.house;
    let keep = found.start;
    parts = parts
      .map((p) => {
        const kept = p.slice(0, Math.max(0, keep));
        keep -= p.length;
        return kept;
      })
      .filter((p) => p.length);
  }

  // Settlement named with its type wins wherever it is; the street part is the last part with a street type.
  let locality: string[] | null = null;
  const rest: string[][] = [];
  for (const p of parts) {
    const split: LocalitySplit | null = locality ? null : prefixedLocality(p);
    if (split) {
      locality = split.locality;
      if (split.rest.length) rest.push(split.rest);
    } else rest.push(p);
  }
  let streetAt = -1;
  rest.forEach((p, i) => {
    if (typeIndex(p) >= 0) streetAt = i;
  });
  if (streetAt < 0) streetAt = rest.length - 1;
  // An area ("территория Славянка", "мкр. Северный") before a part that names the street: "…, Ростовская, 13".
  const typed = rest[streetAt]!;
  if (streetAt < rest.length - 1 && AREA_TYPES.has(STREET_TYPES.get(typed[typeIndex(typed)] ?? '') ?? ''))
    streetAt = rest.length - 1;
  if (!locality && streetAt > 0) {
    // The nearest part before the street that is not itself street-like ("мкр. Северный").
    for (let i = streetAt - 1; i >= 0 && !locality; i--) if (typeIndex(rest[i]!) < 0) locality = rest[i]!;
  }
  let streetTokens = rest[streetAt] ?? [];
  if (!locality) {
    const split = knownLocalityPrefix(streetTokens, o.knownLocalities);
    if (split) {
      locality = split.locality;
      streetTokens = split.rest;
    }
  }
  const loc = locality ? localityKey(locality) : '';
  return { locality: loc || null, street: streetTokens.length ? streetFromTokens(streetTokens) : null, house };
}
