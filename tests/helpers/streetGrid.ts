import type { LineString } from 'geojson';

/*
 * A small synthetic street grid for snapping tests: named streets crossing at right angles (rotated, so neither
 * axis lines up with longitude), cut into one segment per block, and road-complaint points near the crossings
 * whose true segment is known. Coordinates come from a local metric frame around Orenburg.
 */

const LAT0 = 51.77;
const LON0 = 55.1;
const M_PER_DEG_LAT = 110574;
const M_PER_DEG_LON = 111320 * Math.cos((LAT0 * Math.PI) / 180);

export interface GridSegment {
  externalId: string;
  name: string;
  geometry: LineString;
}
/**
 * What the address says about the point's street: its own street, the cross street at the nearer end of its block
 * (the nearest building stands on the cross street, 20–60 m away), or nothing.
 */
export type GridNaming = 'own' | 'cross' | 'none';
export interface GridPoint {
  externalId: string;
  lat: number;
  lon: number;
  /** What the appeal says: a street column, or only a free-text address. */
  street: string | null;
  address: string | null;
  /** The segment the point lies on (lane offset and GPS noise included), and the street name the appeal gives. */
  truth: string;
  naming: GridNaming;
  namedStreet: string | null;
  /** Metres off the centre line and along it from the nearer crossing. */
  offset: number;
  along: number;
  /** Metres from the point to every segment, in the grid's own metric frame (independent of PostGIS). */
  distances: Record<string, number>;
}

/** Street names as the roads file writes them, and the ways residents write the same street. */
const EW: [string, string[]][] = [
  ['улица Чкалова', ['ул. Чкалова', 'Чкалова', 'Чкалова улица']],
  ['проспект Победы', ['пр-т Победы', 'проспект Победы', 'Победы пр-т']],
  ['Салмышская улица', ['ул. Салмышская', 'Салмышская', 'улица САЛМЫШСКАЯ']],
  ['улица Серёгина', ['ул. Серегина', 'Серёгина ул.', 'Серегина']],
  ['Шарлыкское шоссе', ['Шарлыкское ш.', 'шоссе Шарлыкское', 'Шарлыкское шоссе']],
  ['улица 8 Марта', ['ул. 8 Марта', '8 Марта', 'улица 8 марта']],
];
const NS: [string, string[]][] = [
  ['улица Терешковой', ['ул. Терешковой', 'Терешковой', 'Терешковой ул']],
  ['Пролетарская улица', ['ул. Пролетарская', 'Пролетарская', 'пролетарская улица']],
  ['переулок Бугурусланский', ['пер. Бугурусланский', 'Бугурусланский пер.', 'Бугурусланский переулок']],
  ['улица Гагарина', ['ул. Гагарина', 'Гагарина', 'ГАГАРИНА УЛ.']],
  ['бульвар Дзержинского', ['б-р Дзержинского', 'Дзержинского бульвар', 'бульвар Дзержинского']],
  ['улица Мира', ['ул. Мира', 'Мира', 'улица мира']],
];

/** Deterministic PRNG (mulberry32), so the test measures the same points every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Distance in metres from (x, y) to the segment a–b. */
function toSegment([x, y]: [number, number], a: [number, number], b: [number, number]): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - a[0] - t * dx, y - a[1] - t * dy);
}

/**
 * Points as a pothole crew's GPS records them: on the segment's carriageway (a lane offset of up to 3.5 m either side
 * of the centre line plus up to 1.5 m of GPS error, so 0–5 m off the line), anywhere along the block (`none`), within
 * 1–40 m of a crossing with the appeal naming the segment's own street (`own`), or 20–60 m from a crossing with the
 * appeal naming that cross street (`cross`, the nearest building's street).
 */
export function streetGrid(o: { block?: number; rotateDeg?: number; perSegmentEnd?: number; seed?: number } = {}) {
  const block = o.block ?? 160;
  const rot = ((o.rotateDeg ?? 23) * Math.PI) / 180;
  const rand = rng(o.seed ?? 7);
  const toLonLat = (x: number, y: number): [number, number] => {
    const rx = x * Math.cos(rot) - y * Math.sin(rot);
    const ry = x * Math.sin(rot) + y * Math.cos(rot);
    return [LON0 + rx / M_PER_DEG_LON, LAT0 + ry / M_PER_DEG_LAT];
  };
  // Irregular blocks: real grids are not uniform.
  const xs = [0];
  const ys = [0];
  for (let i = 1; i < NS.length; i++) xs.push(xs[i - 1]! + block * (0.7 + 0.6 * rand()));
  for (let i = 1; i < EW.length; i++) ys.push(ys[i - 1]! + block * (0.7 + 0.6 * rand()));
  const streets = [
    ...EW.map(([name, forms], i) => ({
      name,
      forms,
      nodes: xs.map((x) => [x, ys[i]!] as [number, number]),
      cross: NS.map(([n, f]) => ({ name: n, forms: f })),
    })),
    ...NS.map(([name, forms], i) => ({
      name,
      forms,
      nodes: ys.map((y) => [xs[i]!, y] as [number, number]),
      cross: EW.map(([n, f]) => ({ name: n, forms: f })),
    })),
  ];
  const segments: GridSegment[] = [];
  const metric: { id: string; a: [number, number]; b: [number, number] }[] = [];
  streets.forEach((st, si) => {
    for (let k = 0; k + 1 < st.nodes.length; k++) {
      const [a, b] = [st.nodes[k]!, st.nodes[k + 1]!];
      const id = `S${si}-${k}`;
      segments.push({
        externalId: id,
        name: st.name,
        geometry: { type: 'LineString', coordinates: [toLonLat(...a), toLonLat(...b)] },
      });
      metric.push({ id, a, b });
    }
  });
  const points: GridPoint[] = [];
  let p = 0;
  streets.forEach((st, si) => {
    for (let k = 0; k + 1 < st.nodes.length; k++) {
      const [a, b] = [st.nodes[k]!, st.nodes[k + 1]!];
      const id = `S${si}-${k}`;
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      const [ux, uy] = [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
      for (const end of [0, 1]) {
        for (let n = 0; n < (o.perSegmentEnd ?? 2); n++) {
          for (const naming of ['own', 'cross', 'none'] as const) {
            const along =
              naming === 'own'
                ? 1 + rand() * 39
                : naming === 'cross'
                  ? 20 + rand() * Math.min(40, len / 2 - 20)
                  : rand() * (len / 2);
            const offset = rand() * 5;
            const side = rand() < 0.5 ? -1 : 1;
            const d = end === 0 ? along : len - along;
            const x = a[0] + ux * d - uy * offset * side;
            const y = a[1] + uy * d + ux * offset * side;
            const [lon, lat] = toLonLat(x, y);
            const named = naming === 'own' ? st : naming === 'cross' ? st.cross[k + end]! : null;
            const form = named ? named.forms[p % named.forms.length]! : null;
            const inAddress = p % 4 === 3;
            points.push({
              externalId: `P${++p}`,
              lat,
              lon,
              truth: id,
              naming,
              namedStreet: named?.name ?? null,
              offset,
              along,
              street: form && !inAddress ? form : null,
              address: form && inAddress ? `г. Оренбург, ${form}, д. ${1 + (p % 90)}` : null,
              distances: Object.fromEntries(
                metric.map((m) => [m.id, toSegment([x, y], m.a, m.b)]).filter(([, v]) => (v as number) <= 60),
              ),
            });
          }
        }
      }
    }
  });
  return { segments, points };
}
