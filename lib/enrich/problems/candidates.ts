/**
 * Candidate pairs for problem grouping, found in memory: which appeals of a batch have an appeal of the same topic
 * near them in space and time. A hash grid with cells as large as the distance (x, y) and the window (t): each new
 * appeal looks into its 27 neighbouring cells. Pure and framework-free; lib/enrich/problems/group.ts feeds it rows
 * from the database and checks the distance of the few pairs it returns exactly (PostGIS, on the spheroid).
 *
 * Hand-written: the kept spatial indexes (rbush, kdbush, flatbush) are 2-D; this one joins on topic, x, y and time
 * at once, and a 2-D index probed 200 k times then filtered by time and topic did more work than the grid.
 */

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
const EARTH_M = 6_371_008.8;
/**
 * The spheroid's distance (PostGIS geography) and the sphere's differ by at most about 0.5 %; pairs up to this much
 * farther on the sphere are kept for the exact check, so none is lost.
 */
const SPHERE_SLACK = 1.01;
const NONE: readonly GridAppeal[] = [];

/**
 * Whether the sphere alone decides that a pair is within `distanceM` on the spheroid too (well inside), or the
 * exact distance must decide (near the limit).
 */
export const surelyWithin = (sphereM: number, distanceM: number): boolean => sphereM * SPHERE_SLACK <= distanceM;

/** Great-circle distance in metres on the mean sphere. */
export function sphereDistanceM(x1: number, y1: number, x2: number, y2: number): number {
  const r = Math.PI / 180;
  const s1 = Math.sin(((y2 - y1) * r) / 2);
  const s2 = Math.sin(((x2 - x1) * r) / 2);
  const h = s1 * s1 + Math.cos(y1 * r) * Math.cos(y2 * r) * s2 * s2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Pairs (new appeal a, other appeal b) with the same topic, within `distanceM` (on the sphere, with slack: the caller
 * checks exactly) and `windowDays`, where b is in a problem already or is new and sorts before a by (t, id): an
 * ungrouped b after a will find a itself. `others` may include the batch itself; a pair of an appeal with itself
 * is never made.
 */
export function nearPairs(batch: readonly GridAppeal[], others: readonly GridAppeal[], rule: { distanceM: number; windowDays: number }): NearPair[] {
  if (!batch.length || !others.length) return [];
  // One cell width for the whole batch: the widest any of its appeals needs (the most poleward one), as in degrees
  // a metre east is longer towards the poles.
  let maxLat = 0;
  for (const a of batch) maxLat = Math.max(maxLat, Math.abs(a.y));
  const dy = rule.distanceM / 110_574;
  const dx = rule.distanceM / (111_320 * Math.cos((Math.min(85, maxLat + dy) * Math.PI) / 180));
  const dt = rule.windowDays * DAY_US;
  // Cells as integers counted from the corner of everything, so a key is one exact number: string keys made the
  // 5.4 M lookups of a 200 k batch take 4 s, numbers 0.3 s.
  let x0 = Infinity;
  let y0 = Infinity;
  let t0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let t1 = -Infinity;
  const topics = new Map<string, number>();
  for (const o of [batch, others]) {
    for (const a of o) {
      if (!topics.has(a.topic)) topics.set(a.topic, topics.size);
      x0 = Math.min(x0, a.x);
      y0 = Math.min(y0, a.y);
      t0 = Math.min(t0, a.t);
      x1 = Math.max(x1, a.x);
      y1 = Math.max(y1, a.y);
      t1 = Math.max(t1, a.t);
    }
  }
  // One spare cell on each side, for the neighbours of the cells at the edges.
  const nx = Math.floor((x1 - x0) / dx) + 3;
  const ny = Math.floor((y1 - y0) / dy) + 3;
  const nt = Math.floor((t1 - t0) / dt) + 3;
  if (nx * ny * nt * topics.size > Number.MAX_SAFE_INTEGER) {
    throw new Error('problem grouping: the batch spans too many grid cells for exact keys');
  }
  const cx = (a: GridAppeal) => Math.floor((a.x - x0) / dx) + 1;
  const cy = (a: GridAppeal) => Math.floor((a.y - y0) / dy) + 1;
  const ct = (a: GridAppeal) => Math.floor((a.t - t0) / dt) + 1;
  const cell = (topic: number, kx: number, ky: number, kt: number) => ((topic * nt + kt) * ny + ky) * nx + kx;

  const grid = new Map<number, GridAppeal[]>();
  for (const o of others) {
    const k = cell(topics.get(o.topic)!, cx(o), cy(o), ct(o));
    const list = grid.get(k);
    if (list) list.push(o);
    else grid.set(k, [o]);
  }

  const out: NearPair[] = [];
  const reach = rule.distanceM * SPHERE_SLACK;
  for (const a of batch) {
    const topic = topics.get(a.topic)!;
    const kx = cx(a);
    const ky = cy(a);
    const kt = ct(a);
    for (let i = -1; i <= 1; i++) {
      for (let j = -1; j <= 1; j++) {
        for (let k = -1; k <= 1; k++) {
          for (const b of grid.get(cell(topic, kx + i, ky + j, kt + k)) ?? NONE) {
            if (b.id === a.id || Math.abs(a.t - b.t) > dt) continue;
            if (b.problem === null && !(b.t < a.t || (b.t === a.t && b.id < a.id))) continue;
            const d = sphereDistanceM(a.x, a.y, b.x, b.y);
            if (d > reach) continue;
            out.push({ a: a.id, b: b.id, p: b.problem, days: (a.t - b.t) / DAY_US, sphereM: d });
          }
        }
      }
    }
  }
  return out;
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
