/**
 * House numbers: "12", "12А", "12/1", "12 к2", "д. 12 корп. 2 стр. 1", "12 лит. Б", and St Petersburg's official
 * grammar: ranges ("дом 35-37", "дом 16-18/6"), a литера beside a letter ("дом 12а, литера Б"), литеры of two signs
 * ("литера ВО", "литера Г6").
 */
import { cleanAddress, tokenizeParts } from './text';
import { BUILDING_MARKERS, HOUSE_MARKERS, KORPUS_MARKERS, LETTER_MARKERS } from './vocabulary';

export interface House {
  /** The leading number: what odd/even sides and "nearest house" work with. */
  num: number;
  /** Canonical form: number, letter, "/fraction", "к" korpus, "с" building: "12а", "12/1", "12к2", "12с1". */
  key: string;
}

// No й, ъ, ы, ь, я: house letters never use them, and "1-я" is an ordinal street name, not house 1 letter я.
const LETTER = '[абвгдежзиклмнопрстуфхцчшщэю]';
const NUM = new RegExp(
  `^(\\d{1,5})((?:-\\d{1,4})*)(?:-?(${LETTER}))?(?:/(\\d{1,4}(?:-\\d{1,4})*)(?:-?(${LETTER}))?)?$`,
);
// After «литера» any letter may follow (St Petersburg has «литера Я»), or two signs ("ВО", "Г6").
const LITERA_VALUE = /^[а-я]{1,2}\d{0,2}$/;
const SINGLE_LETTER = new RegExp(`^${LETTER}$`);
const PART_VALUE = new RegExp(`^(\\d{1,4}${LETTER}?|${LETTER})$`);

interface Parts {
  num: number;
  range: string;
  letter: string;
  frac: string;
  korpus: string;
  building: string;
  litera: string;
}

/**
 * The литера follows as "л…" ("12, литера А" → "12ла"; "12а, литера Б" → "12алб"): in St Petersburg «дом 4,
 * литера А» and «дом 4а» are two buildings. houseMatch.ts decides how far "12 лит. А" and "12А" are the same.
 * Ranges keep their hyphen: "35-37", "16-18/6".
 */
function keyOf(p: Parts): string {
  return `${p.num}${p.range}${p.letter}${p.frac ? `/${p.frac}` : ''}${p.korpus ? `к${p.korpus}` : ''}${p.building ? `с${p.building}` : ''}${p.litera ? `л${p.litera}` : ''}`;
}

/** Reads the modifiers after the number (letter, korpus, building); null when a token is not one of them. */
function readModifiers(tokens: readonly string[], from: number, p: Parts): Parts | null {
  let i = from;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const valued = next !== undefined && PART_VALUE.test(next);
    if (KORPUS_MARKERS.has(t) && valued) p.korpus = next;
    else if (BUILDING_MARKERS.has(t) && valued) p.building = next;
    else if (LETTER_MARKERS.has(t) && next !== undefined && LITERA_VALUE.test(next)) p.litera = next;
    else if (SINGLE_LETTER.test(t) && (!p.letter || !p.litera)) {
      // "12а" then "б": the second letter is the литера ("д. 11а А").
      if (!p.letter && !p.korpus && !p.building) p.letter = t;
      else p.litera = t;
      i += 1;
      continue;
    } else return null;
    i += 2;
  }
  return p;
}

/**
 * Finds a house number at the end of a token list. Returns it and the index where it starts (a leading "д."/"дом"
 * included), or null when the list does not end in a house ("ул. 8 Марта" ends in a word).
 */
export function houseAtEnd(tokens: readonly string[]): { house: House; start: number } | null {
  const isMarker = (t: string | undefined) =>
    t !== undefined && (KORPUS_MARKERS.has(t) || BUILDING_MARKERS.has(t) || LETTER_MARKERS.has(t));
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    const m = NUM.exec(t);
    // Walk left over the modifiers ("к 2", "лит а", "б") to the number they belong to; a word ends the search.
    if (!m || isMarker(tokens[i - 1])) {
      if (isMarker(t) || PART_VALUE.test(t) || (LETTER_MARKERS.has(tokens[i - 1] ?? '') && LITERA_VALUE.test(t)))
        continue;
      return null;
    }
    const parts = readModifiers(tokens, i + 1, {
      num: Number(m[1]),
      range: m[2] ?? '',
      letter: m[3] ?? '',
      frac: m[4] ? `${m[4]}${m[5] ?? ''}` : '',
      korpus: '',
      building: '',
      litera: '',
    });
    if (!parts || parts.num === 0) return null;
    const start = i > 0 && HOUSE_MARKERS.has(tokens[i - 1]!) ? i - 1 : i;
    return { house: { num: parts.num, key: keyOf(parts) }, start };
  }
  return null;
}

/** A house field on its own ("12", "д. 12А", "12 корп. 2"); null when it is not a house number. */
export function parseHouse(raw: string): House | null {
  const tokens = tokenizeParts(cleanAddress(raw)).flat();
  const found = houseAtEnd(tokens);
  if (!found) return null;
  // Only a marker may precede the number in a house field.
  return tokens.slice(0, found.start).every((t) => HOUSE_MARKERS.has(t)) ? found.house : null;
}
