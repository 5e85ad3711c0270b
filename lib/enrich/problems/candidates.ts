/**
 * Candidate pairs for problem grouping, found in memory: which appeals of a batch have an appeal of the same topic
 * near them in space and time. A hash grid with cells as large as the distance (x, y) and the window (t): each new
 * appeal looks into its 27 neighbouring cells. Pure and framework-free; lib/enrich/problems/group.ts feeds it rows
 * from the database and checks the distance of the few pairs it returns exactly (PostGIS, on the spheroid).
 *
 * Hand-written: the spatial index libraries (rbush, kdbush, flatbush) index two dimensions; this grid keys topic,
 * x, y and time together as one integer, which a Map does directly (not measured against them).
 */

import { metresBetween } from '../../domain/geo';

/** An appeal as grouping sees it. `t`: creation time in microseconds since the epoch (exact, for ties). */
export interface GridAppeal {
  id: number;
  topic: string;
  x: number;
  y: number;
  t: number;
  /** Its problem, when it has one already. */
  problem: number | null;
}

export interface NearPair {
  /** Distance on the sphere, metres. */
  sphereM: number;
  /** The new appeal. */
  a: number;
  /** The other appeal, of the same topic. */
  b: number;
  /** The other's problem, when it has one. */
  p: number | null;
  /** a's creation minus b's, in days. */
  days: number;
}

const DAY_US = 86_400e6;
/**
 * The spheroid's distance (PostGIS geography) and the sphere's differ by less than 0.6 % (a degree of latitude is
 * 110.6–111.7 km on WGS 84, 111.2 km on the sphere); pairs up to 1 % farther on the sphere are kept for the exact
 * check, so none is lost.
 */
const SPHERE_SLACK = 1.01;
const NONE: readonly GridAppeal[] = [];

/**
 * Whether the sphere alone decides that a pair is within `distanceM` on the spheroid too (well inside), or the
 * exact distance must decide (near the limit).
 */
export const surelyWithin = (sphereM: number, distanceM: number): boolean => sphereM * SPHERE_SLACK <= distanceM;

/** Great-circle distance in metres on the mean sphere, by x (lon) and y (lat) (lib/domain/geo.ts). */
export const sphereDistanceM = (x1: number, y1: number, x2: number, y2: number): number =>
  metresBetween(y1, x1, y2, x2);

/** Where the appeals a batch may pair with can be: the batch's box and period, widened by one grid cell. */
export interface SearchBox {
  w: number;
  s: number;
  e: number;
  n: number;
  /** Microseconds since the epoch. */
  t0: number;
  t1: number;
}

/**
 * A space-time grid around one batch of new appeals. `add` takes the appeals they may pair with, page by page, and
 * keeps only those in a cell next to a batch appeal's, so memory follows the batch, not the table; `pairs` then
 * lists the pairs (new appeal a, other appeal b) with the same topic, within `distanceM` (on the sphere, with
 * slack: the caller checks exactly) and `windowDays`, where b is in a problem already or is new and sorts before a
 * by (t, id): an ungrouped b after a will find a itself. The batch itself may be among the others; a pair of an
 * appeal with itself is never made.
 */
export class PairGrid {
  readonly box: SearchBox;
  private readonly dt: number;
  private readonly cellOf: (a: GridAppeal) => number | null;
  /** The cells of the batch's appeals. */
  private readonly batchCells = new Set<number>();
  /** Offsets of a cell's 27 neighbours (itself included) in key space. */
  private readonly around: number[] = [];
  private readonly grid = new Map<number, GridAppeal[]>();

  constructor(
    private readonly batch: readonly GridAppeal[],
    private readonly rule: { distanceM: number; windowDays: number },
  ) {
    // One cell width for the whole batch: the widest any of its appeals needs (the most poleward one), as in degrees
    // a metre east is longer towards the poles.
    let maxLat = 0;
    const b = { w: Infinity, s: Infinity, e: -Infinity, n: -Infinity, t0: Infinity, t1: -Infinity };
    const topics = new Map<string, number>();
    for (const a of batch) {
      maxLat = Math.max(maxLat, Math.abs(a.y));
      b.w = Math.min(b.w, a.x);
      b.e = Math.max(b.e, a.x);
      b.s = Math.min(b.s, a.y);
      b.n = Math.max(b.n, a.y);
      b.t0 = Math.min(b.t0, a.t);
      b.t1 = Math.max(b.t1, a.t);
      if (!topics.has(a.topic)) topics.set(a.topic, topics.size);
    }
    const dy = rule.distanceM / 110_574;
    const dx = rule.distanceM / (111_320 * Math.cos((Math.min(85, maxLat + dy) * Math.PI) / 180));
    const dt = (this.dt = rule.windowDays * DAY_US);
    this.box = { w: b.w - dx, s: b.s - dy, e: b.e + dx, n: b.n + dy, t0: b.t0 - dt, t1: b.t1 + dt };
    // Cells as integers counted from the box's corner, so a key is one exact number (string keys made the 5.4 M
    // lookups of a 200 k batch take 4 s, numbers 0.3 s). The batch's cells are 1..n-2 on each axis; 0 and n-1 hold
    // the widening, so a neighbour offset never wraps from one row into a batch cell of another.
    const nx = Math.floor((b.e - b.w) / dx) + 3;
    const ny = Math.floor((b.n - b.s) / dy) + 3;
    const nt = Math.floor((b.t1 - b.t0) / dt) + 3;
    if (nx * ny * nt * topics.size > Number.MAX_SAFE_INTEGER) {
      throw new Error('problem grouping: the batch spans too many grid cells for exact keys');
    }
    const index = (v: number, v0: number, d: number, n: number) => {
      const i = Math.floor((v - v0) / d) + 1;
      return i >= 0 && i < n ? i : -1;
    };
    this.cellOf = (a) => {
      const topic = topics.get(a.topic);
      const kx = index(a.x, b.w, dx, nx);
      const ky = index(a.y, b.s, dy, ny);
      const kt = index(a.t, b.t0, dt, nt);
      return topic === undefined || kx < 0 || ky < 0 || kt < 0 ? null : ((topic * nt + kt) * ny + ky) * nx + kx;
    };
    for (let i = -1; i <= 1; i++)
      for (let j = -1; j <= 1; j++) for (let k = -1; k <= 1; k++) this.around.push(i + j * nx + k * nx * ny);
    for (const a of batch) this.batchCells.add(this.cellOf(a)!);
  }

  /** Keeps `o` when it may pair with a batch appeal (same topic, a neighbouring cell); says whether it did. */
  add(o: GridAppeal): boolean {
    const key = this.cellOf(o);
    if (key === null || !(this.batchCells.has(key) || this.around.some((d) => this.batchCells.has(key + d))))
      return false;
    const list = this.grid.get(key);
    if (list) list.push(o);
    else this.grid.set(key, [o]);
    return true;
  }

  pairs(): NearPair[] {
    const out: NearPair[] = [];
    const reach = this.rule.distanceM * SPHERE_SLACK;
    for (const a of this.batch) {
      const key = this.cellOf(a)!;
      for (const d of this.around) {
        for (const b of this.grid.get(key + d) ?? NONE) {
          if (b.id === a.id || Math.abs(a.t - b.t) > this.dt) continue;
          if (b.problem === null && !(b.t < a.t || (b.t === a.t && b.id < a.id))) continue;
          const m = sphereDistanceM(a.x, a.y, b.x, b.y);
          if (m > reach) continue;
          out.push({ a: a.id, b: b.id, p: b.problem, days: (a.t - b.t) / DAY_US, sphereM: m });
        }
      }
    }
    return out;
  }
}

/**
 * At most `max` pairs per new appeal, the nearest in time (ties: the lower id of the other), so a mass complaint
 * (hundreds at one door) does not pair everyone with everyone. Keeps the order of the input otherwise.
 */
export function nearestInTime<P extends NearPair>(pairs: readonly P[], max: number): P[] {
  const byA = new Map<number, P[]>();
  for (const p of pairs) {
    const list = byA.get(p.a);
    if (list) list.push(p);
    else byA.set(p.a, [p]);
  }
  const keep = new Set<P>();
  for (const list of byA.values()) {
    if (list.length > max) list.sort((p, q) => Math.abs(p.days) - Math.abs(q.days) || p.b - q.b);
    for (const p of list.slice(0, max)) keep.add(p);
  }
  return pairs.filter((p) => keep.has(p));
}
