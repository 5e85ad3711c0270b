/*
 * Place names as people type them: «Тёплый Стан» and «Теплый Стан» are one municipality. Russian writes ё as е
 * more often than not, so a name typed in a filter, a URL or a CLI argument must find the boundary whichever letter
 * either side used. Case and spacing are left alone (the SQL side has no reliable Cyrillic lower() under the C
 * locale, and the two must agree).
 */

/** The name with ё/Ё as е/Е: the key two spellings of one name share. */
export const placeNameKey = (name: string): string => name.replace(/ё/g, 'е').replace(/Ё/g, 'Е');

/** True when two place names are one name up to ё/е. */
export const samePlaceName = (a: string, b: string): boolean => placeNameKey(a) === placeNameKey(b);
