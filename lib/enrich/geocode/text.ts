/** Character-level clean-up and tokenising of an address, before any word is interpreted. */

// Latin letters that look Cyrillic: "12A" typed on an English layout is "12А".
const LOOKALIKE: Record<string, string> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  k: 'к',
  m: 'м',
  h: 'н',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
};
const HAS_CYRILLIC_OR_DIGIT = /[а-я0-9]/;

/**
 * Lower case, ё→е, one kind of dash, no quotes or №, brackets as separators, "12 / 1" as "12/1". Commas and
 * semicolons stay: they separate the parts of an address.
 */
export function cleanAddress(raw: string): string {
  return (
    raw
      .normalize('NFC')
      .toLowerCase()
      .replace(/ё/g, 'е')
      .replace(/[‐‑‒–—―−]/g, '-')
      .replace(/[«»"“”„'`´’]/g, ' ')
      .replace(/№/g, ' ')
      .replace(/[()[\]{};]/g, ',')
      .replace(/\s*\/\s*/g, '/')
      // "г.о." (urban okrug) would otherwise read as the town type "г" followed by a name "о".
      .replace(/(?<![а-я])г\s*\.\s*о\s*\./g, 'го ')
      // Two dotted initials are one word: "В.О.", "П.С." (St Petersburg's islands); alone, "П.С., 41" read "с 41".
      .replace(/(?<![а-я])([а-я])\s?\.\s?([а-я])\s?\.(?![а-я])/g, ' $1$2 ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Splits a cleaned address into its comma-separated parts, each a list of tokens (dots split words too). */
export function tokenizeParts(cleaned: string): string[][] {
  return cleaned
    .split(',')
    .map((part) =>
      part
        .split(/[\s.]+/)
        .map(fixToken)
        .flatMap(splitFused)
        .filter((t) => t && t !== '-'),
    )
    .filter((p) => p.length > 0);
}

function fixToken(t: string): string {
  const trimmed = t.replace(/^[-:!?]+|[-:!?]+$/g, '');
  if (!/[a-z]/.test(trimmed) || !HAS_CYRILLIC_OR_DIGIT.test(trimmed)) return trimmed;
  return trimmed.replace(/[a-z]/g, (c) => LOOKALIKE[c] ?? c);
}

/**
 * "д12" → "д 12", "12к2" → "12 к 2", "корп2" → "корп 2", "с2" → "с 2" (OSM's "4А с2"): people glue markers to
 * numbers. A letter glued to a number ("12а") stays: that is the house's letter.
 */
function splitFused(t: string): string[] {
  const lead = /^(д|дом|к|корп|корпус|с|стр|строение|лит|литера|кв|вл)(\d.*)$/.exec(t);
  if (lead) return [lead[1], ...splitFused(lead[2])];
  // "3к1с1", "169к6с1": several markers in one token.
  const mid = /^(\d+[а-я]?)(к|корп|стр|с|лит)(\d+[а-я]?)((?:к|корп|стр|с|лит)\d+[а-я]?)?$/.exec(t);
  if (mid) return [mid[1], mid[2], mid[3], ...(mid[4] ? splitFused(`0${mid[4]}`).slice(1) : [])];
  return [t];
}

export const isAlphaWord = (t: string): boolean => /^[а-яa-z][а-яa-z-]*$/.test(t);
