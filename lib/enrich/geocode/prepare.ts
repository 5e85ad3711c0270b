/** An address made ready for lookup: parsed, its locality resolved against the gazetteer's. Pure. */
import { editDistance } from './distance';
import { parseAddress, parseHouse, parseStreet, type House, type StreetKey } from './normalize';
import type { GeocodeInput } from './batch';

/** A locality read with a typo ("Оренбрг") and corrected costs a little confidence. */
const CORRECTED_LOCALITY = 0.95;

export interface Prepared {
  street: StreetKey;
  house: House | null;
  /** null: any locality; otherwise the gazetteer's name (or an unknown name, which only locality-less streets accept). */
  loc: string | null;
  locFactor: number;
}

/** A written locality → the gazetteer's: as is, or the one known name within one typo. */
function resolveLocality(name: string, known: ReadonlySet<string>): { loc: string; factor: number } {
  if (known.has(name)) return { loc: name, factor: 1 };
  // "Санкт-Петербург Малая Охта": a known town followed by a part of it the gazetteer does not name.
  const words = name.split(' ');
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const head = words.slice(0, n).join(' ');
    if (known.has(head) && head) return { loc: head, factor: 1 };
  }
  if (name.length >= 5) {
    const near = [...known].filter((k) => Math.abs(k.length - name.length) <= 1 && editDistance(k, name, 1) <= 1);
    if (near.length === 1) return { loc: near[0]!, factor: CORRECTED_LOCALITY };
  }
  return { loc: name, factor: 1 };
}

/** Parses one input; null when it names no street, or a town the gazetteer does not cover. */
export function prepare(
  input: GeocodeInput,
  known: ReadonlySet<string>,
  memo: Map<string, { loc: string; factor: number }>,
): Prepared | null {
  const parsed = parseAddress(input.address ?? '', { knownLocalities: known });
  const street = (input.street ? parseStreet(input.street) : null) ?? parsed.street;
  const house = (input.house ? parseHouse(input.house) : null) ?? parsed.house;
  if (!street) return null;
  if (parsed.locality === null) return { street, house, loc: null, locFactor: 1 };
  let resolved = memo.get(parsed.locality);
  if (!resolved) memo.set(parsed.locality, (resolved = resolveLocality(parsed.locality, known)));
  const { loc, factor } = resolved;
  // A town the gazetteer does not cover: its "Советская улица" is not ours, unless some streets carry no locality.
  if (!known.has(loc) && !known.has('')) return null;
  return { street, house, loc, locFactor: factor };
}

/** What chooseStreet needs to know of an address. */
export const queryOf = (p: Prepared) => ({ core: p.street.core, type: p.street.type, localityGiven: p.loc !== null });
