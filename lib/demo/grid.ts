/**
 * A town's street grid in its km frame: two families of slightly wavy parallel streets (main avenues every few lines,
 * side streets between them), clipped to the built-up outline, with parks and yards left open and some side streets
 * broken into dead ends; and the crossings of any set of streets, so segments can be cut block by block.
 * Pure planar maths, deterministic for a given rng.
 */
import { inRing, type Km } from './geo';
import type { Rng } from './rng';

/** How one town's grid is drawn. */
export interface GridSpec {
  /** Built-up outline (open or closed ring), km. */
  outline: readonly Km[];
  /** Parks, industrial zones, ravines: side streets do not run through them. */
  holes: readonly (readonly Km[])[];
  /** Direction of the first family of streets, radians from east; the second family runs at `angleB`. */
  angleA: number;
  angleB: number;
  /** Distance between neighbouring streets of each family, km (a block's width and length). */
  spacingA: readonly [number, number];
  spacingB: readonly [number, number];
  /** Every n-th street (n drawn from this range) is a main street. */
  mainEvery: readonly [number, number];
  /** Spacing factor at a point: blocks grow towards the outskirts. */
  stretch?: (x: number, y: number) => number;
  /** Streets already drawn (arterials): new streets keep clear of those running alongside them. */
  avoid?: readonly (readonly Km[])[];
}

/** A drawn street of the grid. */
export interface GridLine {
  line: Km[];
  main: boolean;
  /** 0 for the family along `angleA`, 1 for the other. */
  family: 0 | 1;
  /** Distance of the line from the town centre across its family, km; the nearest are the most important. */
  offset: number;
}

/** Sample step along a line while drawing, km. */
const STEP = 0.04;
/** Parallel streets closer than this to an avoided street are dropped there, km. */
const CLEARANCE = 0.08;
/** Runs shorter than this are not worth a street, km. */
const MIN_RUN = 0.15;

/** Spatial hash of polyline edges, for "is any edge near this point" and crossing queries. */
interface Edge {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  line: number;
  d0: number;
}

class EdgeHash {
  private readonly cells = new Map<number, number[]>();
  readonly edges: Edge[] = [];

  constructor(private readonly size: number) {}

  private key(ix: number, iy: number): number {
    return (ix + 100_000) * 200_003 + (iy + 100_000);
  }

  add(lineIndex: number, line: readonly Km[]): void {
    let d0 = 0;
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1];
      const b = line[i];
      if (!a || !b) continue;
      const id = this.edges.length;
      this.edges.push({ ax: a[0], ay: a[1], bx: b[0], by: b[1], line: lineIndex, d0 });
      d0 += Math.hypot(b[0] - a[0], b[1] - a[1]);
      const x0 = Math.floor(Math.min(a[0], b[0]) / this.size);
      const x1 = Math.floor(Math.max(a[0], b[0]) / this.size);
      const y0 = Math.floor(Math.min(a[1], b[1]) / this.size);
      const y1 = Math.floor(Math.max(a[1], b[1]) / this.size);
      for (let ix = x0; ix <= x1; ix++) {
        for (let iy = y0; iy <= y1; iy++) {
          const k = this.key(ix, iy);
          const cell = this.cells.get(k);
          if (cell) cell.push(id);
          else this.cells.set(k, [id]);
        }
      }
    }
  }

  /** Whether any edge in the cells within `r` of (x, y) passes `test` (no allocation: this runs for every sample). */
  someNear(x: number, y: number, r: number, test: (e: Edge) => boolean): boolean {
    for (let ix = Math.floor((x - r) / this.size); ix <= Math.floor((x + r) / this.size); ix++) {
      for (let iy = Math.floor((y - r) / this.size); iy <= Math.floor((y + r) / this.size); iy++) {
        const cell = this.cells.get(this.key(ix, iy));
        if (!cell) continue;
        for (const id of cell) {
          const e = this.edges[id];
          if (e && test(e)) return true;
        }
      }
    }
    return false;
  }

  cellLists(): IterableIterator<number[]> {
    return this.cells.values();
  }
}

function pointSegmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Draws the grid; main streets ignore holes (an avenue runs past a park), side streets stop at them. */
export function gridLines(spec: GridSpec, rng: Rng): GridLine[] {
  const ring = spec.outline;
  const avoid = new EdgeHash(0.25);
  (spec.avoid ?? []).forEach((l, i) => avoid.add(i, l));
  const stretch = spec.stretch ?? (() => 1);
  const holes = spec.holes.map((ring) => {
    const xs = ring.map(([x]) => x);
    const ys = ring.map(([, y]) => y);
    return { ring, x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
  });
  const out: GridLine[] = [];
  const families: [number, readonly [number, number], 0 | 1][] = [
    [spec.angleA, spec.spacingA, 0],
    [spec.angleB, spec.spacingB, 1],
  ];
  for (const [angle, spacing, family] of families) {
    const dx = Math.cos(angle);
    const dy = Math.sin(angle);
    // The normal of this family: lines are {c·n + t·d}.
    const nx = -dy;
    const ny = dx;
    const cs = ring.map(([x, y]) => x * nx + y * ny);
    const ts = ring.map(([x, y]) => x * dx + y * dy);
    const cMin = Math.min(...cs);
    const cMax = Math.max(...cs);
    const tMin = Math.min(...ts) - 0.1;
    const tMax = Math.max(...ts) + 0.1;
    let every = rng.int(spec.mainEvery[0], spec.mainEvery[1]);
    let sinceMain = rng.int(0, every - 1);
    for (let c = cMin + rng.range(spacing[0], spacing[1]) / 2; c < cMax;) {
      const main = sinceMain >= every;
      if (main) {
        sinceMain = 0;
        every = rng.int(spec.mainEvery[0], spec.mainEvery[1]);
      } else sinceMain++;
      // Side streets are sometimes broken for a block or two: a school yard, a dead end.
      const gapAt = !main && rng.chance(0.3) ? rng.range(tMin, tMax) : Number.NaN;
      const gapLen = rng.range(0.12, 0.35);
      let drift = 0;
      let bend = 0;
      let run: Km[] = [];
      const runs: Km[][] = [];
      const close = () => {
        if (run.length >= 2 && (run.length - 1) * STEP >= MIN_RUN) runs.push(run);
        run = [];
      };
      for (let t = tMin; t <= tMax; t += STEP) {
        // A slow random walk sideways: streets curve a little, never zigzag.
        bend = Math.max(-0.02, Math.min(0.02, bend * 0.97 + rng.normal() * 0.0012));
        drift = Math.max(-0.045, Math.min(0.045, drift + bend * STEP * 10));
        const x = c * nx + t * dx + drift * nx;
        const y = c * ny + t * dy + drift * ny;
        let keep = inRing(x, y, ring);
        if (keep && !main && t >= gapAt && t < gapAt + gapLen) keep = false;
        if (keep && !main)
          keep = !holes.some((h) => x >= h.x0 && x <= h.x1 && y >= h.y0 && y <= h.y1 && inRing(x, y, h.ring));
        // Only streets running alongside (within ~25°) push this one away; crossings are what a grid is for.
        if (keep) {
          keep = !avoid.someNear(x, y, CLEARANCE, (e) => {
            const el = Math.hypot(e.bx - e.ax, e.by - e.ay) || 1;
            return (
              Math.abs(((e.bx - e.ax) * dx + (e.by - e.ay) * dy) / el) > 0.9 &&
              pointSegmentDistance(x, y, e.ax, e.ay, e.bx, e.by) < CLEARANCE
            );
          });
        }
        if (keep) run.push([x, y]);
        else close();
      }
      close();
      for (const r of runs) {
        // Every other sample is enough for the drawn line (80 m vertices); keep the exact ends.
        const line = r.filter((_, i) => i % 2 === 0 || i === r.length - 1);
        out.push({ line, main, family, offset: Math.abs(c) });
      }
      const [mx, my] = [c * nx, c * ny];
      c += rng.range(spacing[0], spacing[1]) * stretch(mx, my);
    }
  }
  return out;
}

/**
 * For each line, the distances along it (km, ascending) at which other lines cross it. Lines that merely touch at an
 * end count too (a T-junction), within a few metres.
 */
export function crossings(lines: readonly (readonly Km[])[]): number[][] {
  const hash = new EdgeHash(0.2);
  lines.forEach((l, i) => hash.add(i, l));
  const out: number[][] = lines.map(() => []);
  const seen = new Set<string>();
  for (const cell of hash.cellLists()) {
    for (let i = 0; i < cell.length; i++) {
      for (let j = i + 1; j < cell.length; j++) {
        const a = hash.edges[cell[i] as number];
        const b = hash.edges[cell[j] as number];
        if (!a || !b || a.line === b.line) continue;
        const rx = a.bx - a.ax;
        const ry = a.by - a.ay;
        const sx = b.bx - b.ax;
        const sy = b.by - b.ay;
        const den = rx * sy - ry * sx;
        if (Math.abs(den) < 1e-12) continue;
        const qx = b.ax - a.ax;
        const qy = b.ay - a.ay;
        const t = (qx * sy - qy * sx) / den;
        const u = (qx * ry - qy * rx) / den;
        // A little slack at the ends so a street that stops on another one still counts as joining it.
        const la = Math.hypot(rx, ry);
        const lb = Math.hypot(sx, sy);
        const ea = 0.005 / la;
        const eb = 0.005 / lb;
        if (t < -ea || t > 1 + ea || u < -eb || u > 1 + eb) continue;
        const key = cell[i]! < cell[j]! ? `${cell[i]}:${cell[j]}` : `${cell[j]}:${cell[i]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out[a.line]?.push(a.d0 + Math.max(0, Math.min(1, t)) * la);
        out[b.line]?.push(b.d0 + Math.max(0, Math.min(1, u)) * lb);
      }
    }
  }
  for (const c of out) c.sort((x, y) => x - y);
  return out;
}

/**
 * Cut points of a street of `length` km: at its crossings (so a segment is a block), nothing shorter than `minPiece`,
 * and stretches longer than 0.8 km without a crossing (a highway out of town) cut into 300–800 m pieces.
 */
export function blockCuts(length: number, at: readonly number[], rng: Rng, minPiece = 0.05): number[] {
  const out = [0];
  for (const d of at) {
    const last = out[out.length - 1] ?? 0;
    if (d - last >= minPiece && length - d >= minPiece) out.push(d);
  }
  out.push(length);
  const full: number[] = [0];
  for (let i = 1; i < out.length; i++) {
    const from = out[i - 1] ?? 0;
    const to = out[i] ?? length;
    let pos = from;
    while (to - pos > 0.8) {
      let len = 0.3 + 0.5 * Math.pow(rng.next(), 1.6);
      if (to - pos - len < 0.3) len = (to - pos) / 2;
      pos += len;
      full.push(pos);
    }
    full.push(to);
  }
  return full;
}

/** A wobbly ellipse ring around (cx, cy), rotated by `angle`: an outline for a town, a park or a yard. */
export function blob(cx: number, cy: number, rx: number, ry: number, angle: number, rng: Rng, n = 16): Km[] {
  const ca = Math.cos(angle);
  const sa = Math.sin(angle);
  const ring: Km[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const k = rng.range(0.85, 1.08);
    const x = Math.cos(a) * rx * k;
    const y = Math.sin(a) * ry * k;
    ring.push([cx + x * ca - y * sa, cy + x * sa + y * ca]);
  }
  return ring;
}
