/** Plain-number geometry helpers: the appeal generator calls these 200 k times, so they avoid turf and allocations. */

/** [lon, lat] pair. */
export type LonLat = [number, number];
/** [x, y] in kilometres east and north of a local origin. */
export type Km = [number, number];

const KM_PER_DEG_LAT = 111.2;

/** Equirectangular frame around an origin; errors stay well under a metre across a city. */
export interface LocalFrame {
  toLonLat(x: number, y: number): LonLat;
  toKm(lon: number, lat: number): Km;
}

/** Builds a local frame centred on (lon, lat). */
export function localFrame(lon0: number, lat0: number): LocalFrame {
  const kx = KM_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180);
  return {
    toLonLat: (x, y) => [lon0 + x / kx, lat0 + y / KM_PER_DEG_LAT],
    toKm: (lon, lat) => [(lon - lon0) * kx, (lat - lat0) * KM_PER_DEG_LAT],
  };
}

/** Even–odd ray cast; the ring may be open or closed. */
export function inRing(x: number, y: number, ring: readonly (readonly number[])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (!a || !b) continue;
    const [xi = 0, yi = 0] = a;
    const [xj = 0, yj = 0] = b;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Length of a planar polyline. */
export function polylineLength(line: readonly Km[]): number {
  let len = 0;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1];
    const b = line[i];
    if (a && b) len += Math.hypot(b[0] - a[0], b[1] - a[1]);
  }
  return len;
}

/**
 * Point at distance `d` along a polyline, pushed `offset` km to the left of the direction of travel
 * (appeals sit beside the carriageway or in front of houses, not on the centre line).
 */
export function alongPolyline(line: readonly Km[], d: number, offset = 0): Km {
  let rest = d;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1];
    const b = line[i];
    if (!a || !b) continue;
    const seg = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (rest <= seg || i === line.length - 1) {
      const t = seg === 0 ? 0 : Math.min(1, Math.max(0, rest / seg));
      const ux = seg === 0 ? 0 : (b[0] - a[0]) / seg;
      const uy = seg === 0 ? 0 : (b[1] - a[1]) / seg;
      return [a[0] + t * (b[0] - a[0]) - uy * offset, a[1] + t * (b[1] - a[1]) + ux * offset];
    }
    rest -= seg;
  }
  const first = line[0];
  return first ? [first[0], first[1]] : [0, 0];
}

/** Sub-polyline between distances d0 and d1 along `line`. */
export function slicePolyline(line: readonly Km[], d0: number, d1: number): Km[] {
  const out: Km[] = [alongPolyline(line, d0)];
  let acc = 0;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1];
    const b = line[i];
    if (!a || !b) continue;
    acc += Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (acc > d0 && acc < d1) out.push([b[0], b[1]]);
  }
  out.push(alongPolyline(line, d1));
  return out;
}

/** Rounds a coordinate to 6 decimals (≈ 10 cm), enough for the map and stable across platforms. */
export const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;
