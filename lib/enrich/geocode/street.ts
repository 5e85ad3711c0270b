/** Street names: the type ("улица", "пр-т") apart from the name, the name in a form that ignores word order. */
import { editDistance } from './distance';
import { cleanAddress, isAlphaWord, tokenizeParts } from './text';
import { DISTRICT_PHRASES, NAME_NOISE, STREET_TYPES, WEAK_STREET_TYPES } from './vocabulary';

export interface StreetKey {
  /** The name's words, normalised and sorted: "маршала жукова" → "жукова", "Карла Маркса" → "карла маркса". */
  core: string;
  /** Canonical type ("ул", "пр-кт", "пер", …) or "" when the address does not say. */
  type: string;
}

const ORDINAL = /^(\d{1,3})-?(?:й|я|е|го|ая|ий|ый|ой|ое|ья|ого|ему|ом)$/;

/** Index of the type word: a strong type first, a weak one ("набережная", "линия") only if a name is left over. */
export function typeIndex(tokens: readonly string[]): number {
  const strong = tokens.findIndex((t) => STREET_TYPES.has(t) && !WEAK_STREET_TYPES.has(STREET_TYPES.get(t)!));
  if (strong >= 0) return strong;
  if (tokens.length < 2) return -1;
  return tokens.findIndex((t) => STREET_TYPES.has(t));
}

const LONG_NOISE = [...NAME_NOISE].filter((w) => w.length >= 6);

/** "имени", "маршала", … and their one-typo misspellings ("маркшала"): a typo must not make a title look like a name. */
function isNoise(w: string): boolean {
  if (NAME_NOISE.has(w)) return true;
  // One edit cannot change both the first and the last letter: a free test before the edit distance.
  return (
    w.length >= 6 &&
    LONG_NOISE.some(
      (n) =>
        Math.abs(n.length - w.length) <= 1 &&
        (n[0] === w[0] || n[n.length - 1] === w[w.length - 1]) &&
        editDistance(n, w, 1) <= 1,
    )
  );
}

/**
 * A run of single letters is one word ("В.О." → "во", "П.С." → "пс": «Большой проспект В.О.» and «… П.С.» are two
 * streets), and the spelt-out district names read the same ("Васильевского острова" → "во").
 */
function joinInitials(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const phrase = DISTRICT_PHRASES.get(`${words[i]} ${words[i + 1] ?? ''}`);
    if (phrase) {
      out.push(phrase);
      i++;
      continue;
    }
    let j = i;
    while (j < words.length && words[j]!.length === 1 && isAlphaWord(words[j]!)) j++;
    if (j - i >= 2) {
      out.push(words.slice(i, j).join(''));
      i = j - 1;
    } else out.push(words[i]!);
  }
  return out;
}

/** The words that identify a street, normalised; the type word is not among them. */
function coreWords(tokens: readonly string[]): string[] {
  const words = tokens.flatMap((t) => {
    const ord = ORDINAL.exec(t);
    if (ord) return [ord[1]!];
    return t.split('-').filter(Boolean);
  });
  // A title alone is the name itself ("Космонавтов" misspelt "Космонавтв" is one typo from the title "космонавта").
  const titled = joinInitials(words).filter((w) => !isNoise(w));
  const named = titled.length ? titled : words;
  // Initials ("ул. М. Горького") are dropped when a real word is left: registers spell them out or omit them.
  const noInitials = named.filter((w) => !(w.length === 1 && isAlphaWord(w)));
  return noInitials.length ? noInitials : named;
}

/** A street from its tokens (type anywhere: "ул. Садовая" = "Садовая улица"); null when no name is left. */
export function streetFromTokens(tokens: readonly string[]): StreetKey | null {
  const ti = typeIndex(tokens);
  const type = ti >= 0 ? STREET_TYPES.get(tokens[ti]!)! : '';
  const words = coreWords(tokens.filter((_, i) => i !== ti));
  if (!words.length) return null;
  return { core: [...words].sort().join(' '), type };
}

/** A street field on its own ("Салмышская улица", "ул. Чкалова"). */
export function parseStreet(raw: string): StreetKey | null {
  return streetFromTokens(tokenizeParts(cleanAddress(raw)).flat());
}
