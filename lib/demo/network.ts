/**
 * The demo street networks cut into segments, with the planar geometry the appeal generator needs: Orenburg's real
 * arterial streets with a dense grid of side streets between them, and a grid of named streets in every other
 * municipality seat. Segments run from crossing to crossing, so most are one city block (100–250 m).
 */
import { blob, blockCuts, crossings, gridLines, type GridLine, type GridSpec } from './grid';
import { inRing, localFrame, polylineLength, round6, slicePolyline, type Km, type LocalFrame } from './geo';
import { districtLabel, MUNICIPALITIES, ORENBURG_CENTRE, type Seat } from './region-data';
import { makeRng, type Rng } from './rng';
import { streetNamer } from './street-names';
import { ORENBURG_BUILT_UP_KM, ORENBURG_STREETS, type RoadClass, type StreetSpec } from './streets-data';
import { townStreets } from './town-streets';

/** A street after jittering, in its town's km frame. */
export interface NetworkStreet {
  spec: StreetSpec;
  line: Km[];
  length: number;
}

/** A segment of a street: `from`/`to` are km along the street, which gives house numbers a consistent direction. */
export interface NetworkSegment {
  externalId: string;
  streetIndex: number;
  from: number;
  to: number;
  line: Km[];
  coordinates: [number, number][];
}

/** One town's network plus the frame it is drawn in. */
export interface Network {
  frame: LocalFrame;
  streets: NetworkStreet[];
  segments: NetworkSegment[];
}

/** A municipality seat's network: the settlement as addresses write it ('г. Орск') and its district label. */
export interface TownNetwork extends Network {
  seat: Seat;
  district: string | null;
}

/** Real streets are not ruler-straight; a few tens of metres of sideways wobble makes the map look drawn, not plotted. */
function wobble(line: readonly Km[], rng: Rng): Km[] {
  const out: Km[] = [];
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1];
    const b = line[i];
    if (!a || !b) continue;
    if (i === 1) out.push([a[0], a[1]]);
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const steps = Math.max(1, Math.round(len / 0.3));
    const nx = -(b[1] - a[1]) / len;
    const ny = (b[0] - a[0]) / len;
    for (let k = 1; k < steps; k++) {
      const t = k / steps;
      const side = Math.max(-0.035, Math.min(0.035, rng.normal() * 0.012));
      out.push([a[0] + t * (b[0] - a[0]) + nx * side, a[1] + t * (b[1] - a[1]) + ny * side]);
    }
    out.push([b[0], b[1]]);
  }
  return out;
}

/** Cuts every street at its crossings with the others and numbers the segments `<prefix>0001`, … */
function cutNetwork(frame: LocalFrame, streets: NetworkStreet[], prefix: string, rng: Rng): Network {
  const at = crossings(streets.map((s) => s.line));
  const segments: NetworkSegment[] = [];
  streets.forEach((street, streetIndex) => {
    const cuts = blockCuts(street.length, at[streetIndex] ?? [], rng);
    for (let i = 1; i < cuts.length; i++) {
      const from = cuts[i - 1] ?? 0;
      const to = cuts[i] ?? street.length;
      const line = slicePolyline(street.line, from, to);
      const coordinates = line.map(([x, y]): [number, number] => {
        const [lon, lat] = frame.toLonLat(x, y);
        return [round6(lon), round6(lat)];
      });
      segments.push({
        externalId: `${prefix}${String(segments.length + 1).padStart(4, '0')}`,
        streetIndex,
        from,
        to,
        line,
        coordinates,
      });
    }
  });
  return { frame, streets, segments };
}

/** Parks, industrial zones and ravines: `count` open patches inside a ring. */
function holes(ring: readonly Km[], count: number, r: readonly [number, number], rng: Rng): Km[][] {
  const xs = ring.map(([x]) => x);
  const ys = ring.map(([, y]) => y);
  const out: Km[][] = [];
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const x = rng.range(Math.min(...xs), Math.max(...xs));
    const y = rng.range(Math.min(...ys), Math.max(...ys));
    if (!inRing(x, y, ring)) continue;
    const rx = rng.range(r[0], r[1]);
    out.push(blob(x, y, rx, rx * rng.range(0.5, 0.9), rng.range(0, Math.PI), rng, 12));
  }
  return out;
}

const street = (spec: StreetSpec, line: Km[]): NetworkStreet => ({ spec, line, length: polylineLength(line) });

let orenburg: Network | undefined;

/** Orenburg: the arterials of streets-data, then the grid between them. Deterministic; built once per process. */
export function buildNetwork(): Network {
  if (orenburg) return orenburg;
  const rng = makeRng('roads/geometry');
  const frame = localFrame(ORENBURG_CENTRE[0], ORENBURG_CENTRE[1]);
  const arterials = ORENBURG_STREETS.map((spec) => street(spec, wobble(spec.line, rng)));
  const g = makeRng('roads/grid/Оренбург');
  const deg = Math.PI / 180;
  const spec: GridSpec = {
    outline: ORENBURG_BUILT_UP_KM,
    holes: holes(ORENBURG_BUILT_UP_KM, 16, [0.35, 1.1], g),
    angleA: 8 * deg,
    angleB: 84 * deg,
    spacingA: [0.14, 0.22],
    spacingB: [0.17, 0.27],
    mainEvery: [4, 6],
    // The old town is tight; the outskirts are private houses on long blocks.
    stretch: (x, y) => 1 + 0.09 * Math.hypot(x, y - 3),
    avoid: arterials.map((s) => s.line),
  };
  const namer = streetNamer(
    [],
    g,
    ORENBURG_STREETS.map((s) => s.name),
  );
  const grid = gridLines(spec, g).map((l) =>
    street(
      {
        name: l.main ? namer.main() : namer.side(),
        roadClass: l.main ? 'tertiary' : 'residential',
        owner: 'municipal',
        line: l.line,
      },
      l.line,
    ),
  );
  orenburg = cutNetwork(frame, [...arterials, ...grid], 'ORB-', rng);
  return orenburg;
}

/** Main streets by importance: the central avenue of each direction first. */
function mainClass(rank: number, family: 0 | 1, city: boolean): RoadClass {
  if (rank === 0 && family === 0) return city ? 'primary' : 'secondary';
  if (rank === 0) return 'secondary';
  if (city && rank <= 2) return 'secondary';
  return 'tertiary';
}

/** One seat's grid: its size grows with population, its orientation and blocks are its own. */
function townNetwork(seat: Seat, district: string | null, prefix: string): TownNetwork {
  const rng = makeRng(`roads/grid/${seat.name}`);
  const city = seat.name.startsWith('г. ');
  const rx = 0.5 + 0.3 * Math.sqrt(seat.pop);
  const ry = rx * rng.range(0.65, 0.85);
  const angle = rng.range(-0.6, 0.6);
  const outline = blob(0, 0, rx, ry, angle, rng, 18);
  const spec: GridSpec = {
    outline,
    holes: holes(outline, Math.round((rx * ry) / 2.5), [0.15, 0.45], rng),
    angleA: angle + rng.range(-0.1, 0.1),
    angleB: angle + Math.PI / 2 + rng.range(-0.12, 0.12),
    spacingA: city ? [0.13, 0.21] : [0.16, 0.26],
    spacingB: city ? [0.17, 0.27] : [0.22, 0.38],
    mainEvery: city ? [4, 6] : [3, 5],
    stretch: (x, y) => 1 + 0.1 * Math.hypot(x, y),
  };
  const lines = gridLines(spec, rng);
  const mains = lines.filter((l) => l.main).sort((a, b) => a.offset - b.offset);
  const rank = new Map<GridLine, number>();
  for (const family of [0, 1] as const) mains.filter((l) => l.family === family).forEach((l, i) => rank.set(l, i));
  const namer = streetNamer([...new Set(townStreets(seat.name))], rng);
  const named = new Map<GridLine, StreetSpec>();
  // Real and common names go to the central avenues first.
  for (const l of [...mains].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0))) {
    const roadClass = mainClass(rank.get(l) ?? 9, l.family, city);
    named.set(l, {
      name: namer.main(),
      roadClass,
      owner: roadClass === 'primary' ? 'regional' : 'municipal',
      line: l.line,
    });
  }
  const streets = lines.map((l) =>
    street(named.get(l) ?? { name: namer.side(), roadClass: 'residential', owner: 'municipal', line: l.line }, l.line),
  );
  return { ...cutNetwork(localFrame(seat.lon, seat.lat), streets, prefix, rng), seat, district };
}

let towns: TownNetwork[] | undefined;

/** Every municipality seat except Orenburg, in MUNICIPALITIES order; segment ids 'T02-0001', … by that order. */
export function buildTowns(): TownNetwork[] {
  if (towns) return towns;
  towns = MUNICIPALITIES.flatMap((m, i) =>
    m.name === 'Оренбург' ? [] : [townNetwork(m.seat, districtLabel(m), `T${String(i + 1).padStart(2, '0')}-`)],
  );
  return towns;
}
