/** The Orenburg street plan cut into segments, with the planar geometry the appeal generator needs. */
import { localFrame, polylineLength, round6, slicePolyline, type Km, type LocalFrame } from './geo';
import { ORENBURG_CENTRE } from './region-data';
import { makeRng, type Rng } from './rng';
import { ORENBURG_STREETS, type StreetSpec } from './streets-data';

/** A street after jittering, in the city's km frame. */
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

/** The whole network plus the frame it is drawn in. */
export interface Network {
  frame: LocalFrame;
  streets: NetworkStreet[];
  segments: NetworkSegment[];
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

/** Cut points along a street: every piece 300–800 m, skewed short like real block-to-block register entries. */
function cuts(length: number, rng: Rng): number[] {
  const out = [0];
  let pos = 0;
  while (length - pos > 0.8) {
    let len = 0.3 + 0.5 * Math.pow(rng.next(), 1.6);
    if (length - pos - len < 0.3) len = (length - pos) / 2;
    pos += len;
    out.push(pos);
  }
  out.push(length);
  return out;
}

/** Builds the network; deterministic, and cheap enough (a few ms) to rebuild on every call. */
export function buildNetwork(): Network {
  const rng = makeRng('roads/geometry');
  const frame = localFrame(ORENBURG_CENTRE[0], ORENBURG_CENTRE[1]);
  const streets: NetworkStreet[] = ORENBURG_STREETS.map((spec) => {
    const line = wobble(spec.line, rng);
    return { spec, line, length: polylineLength(line) };
  });
  const segments: NetworkSegment[] = [];
  streets.forEach((street, streetIndex) => {
    const at = cuts(street.length, rng);
    for (let i = 1; i < at.length; i++) {
      const from = at[i - 1] ?? 0;
      const to = at[i] ?? street.length;
      const line = slicePolyline(street.line, from, to);
      const coordinates = line.map(([x, y]): [number, number] => {
        const [lon, lat] = frame.toLonLat(x, y);
        return [round6(lon), round6(lat)];
      });
      segments.push({ externalId: `ORB-${String(segments.length + 1).padStart(4, '0')}`, streetIndex, from, to, line, coordinates });
    }
  });
  return { frame, streets, segments };
}

