/**
 * «широта, долгота» as people type it into the place field of /appeals: `51.7722, 55.1015`, `51.7722 55.1015`,
 * `51.7722;55.1015`, `51.7722,55.1015`, and with decimal commas `51,7722 55,1015` or `51,7722; 55,1015`. Null for
 * anything else (the server checks ranges and the region). Pure: the page and its test use the same function.
 */
export function parseLatLon(text: string): { lat: number; lon: number } | null {
  const t = text.trim();
  const num = '(-?\\d+(?:[.,]\\d+)?)';
  // Dot decimals may be separated by a bare comma; a decimal comma needs a space or a semicolon between the two.
  const m =
    new RegExp(`^(-?\\d+(?:\\.\\d+)?)\\s*,\\s*(-?\\d+(?:\\.\\d+)?)$`).exec(t) ??
    new RegExp(`^${num}\\s*(?:;|\\s)\\s*${num}$`).exec(t);
  if (!m) return null;
  const lat = Number(m[1]!.replace(',', '.'));
  const lon = Number(m[2]!.replace(',', '.'));
  return Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : null;
}
