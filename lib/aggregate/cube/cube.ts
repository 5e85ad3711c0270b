import { cellToParent } from 'h3-js';
import type { AppealFilter } from '../../domain/filters';
import { placeNameKey } from '../../domain/placeNames';
import { dayNumber as strictDayNumber } from '../../domain/params';
import { rollupParts, ROLLUP_RES, type RollupTable } from '../rollup';

/*
 * The rollup tables held in memory, column by column (typed arrays), for the map's hexagon counts at res 4–7.
 *
 * Why by hand: a country-wide view over the whole history matches most rollup rows (0.86 per appeal at 1 M), and
 * PostgreSQL reads them at row speed, as slow as a count(*) over appeals; a scan over typed arrays in this process
 * reads the same rows ~50× faster. No kept npm library is an embeddable columnar engine for Node with typed-array
 * scans (DuckDB's Node package is a native download, which the machines here may not fetch), so this is the small
 * part written here: one filter pass, one sum per parent cell. It answers exactly what the SQL over the same rollup
 * answers (tests/integration/cube.test.ts compares them on every filter field).
 *
 * Layout: per table, rows sorted by res-7 cell, then by period (days since 1970-01-01 UTC; a month is keyed by its
 * first day): a viewport or a municipality reads only its cells, and a date range is two binary searches per cell.
 * Whole months of a period come from the monthly rollup, the days at either end from the appeal rows (no daily
 * rollup: it held 0.99 rows per appeal, i.e. the appeal rows again).
 * topic × channel × status × gratitude is one interned "combo" per row, so the filter is one mask lookup per row;
 * municipality is an index into the municipality ids (0: none). A second table holds the appeals themselves the same
 * way (n = 1) plus their res-9 cell's two digits below res 7 (`child`), for the edge days of a period and for
 * res 8–9 near a viewport (./fine.ts):
 * 13 bytes a row, its res-7 cell being implied by its position (cellStart).
 */

export type CubeTableName = RollupTable | 'appeals';

export interface CubeTable {
  readonly length: number;
  /** appeals only: digits 8 and 9 of the res-9 cell (d8 · 8 + d9). */
  readonly child: Uint8Array;
  /** Rows of cell c are [cellStart[c], cellStart[c + 1]), by period. */
  readonly cellStart: Uint32Array;
  readonly period: Uint16Array;
  readonly combo: Uint16Array;
  readonly muni: Uint32Array;
  readonly n: Uint32Array;
}

export interface Combo {
  topic: string;
  channel: string;
  status: string;
  gratitude: boolean;
}
export interface Municipality {
  id: number;
  code: string;
  name: string;
}

export interface Cube {
  /** The data version (readDataVersion, lib/aggregate/cache.ts) of the snapshot the cube was read from. */
  readonly version: string;
  /** That snapshot (pg_current_snapshot()), to find the writes it does not see; '' when built by hand. */
  readonly snapshot: string;
  /** Date.now() before the snapshot was taken. */
  readonly builtAt: number;
  readonly cells: { hex: string[]; lon: Float64Array; lat: Float64Array };
  /** Per resolution 4..7: parent index of each res-7 cell, and the parents' hex ids. */
  readonly parents: Map<number, { of: Uint32Array; hex: string[] }>;
  readonly combos: Combo[];
  /** Dense index → municipality id (index 0 is "no municipality", id 0). */
  readonly muniIds: number[];
  /** Dense municipality index → the cells (sorted) that hold its rows. */
  readonly muniCells: Map<number, Uint32Array>;
  readonly municipalities: Municipality[];
  /** The loaded tables, and `total`: the monthly rows summed over all months, for views of the whole history. */
  readonly tables: Record<CubeTableName | 'total', CubeTable>;
  /** Rows in all tables. */
  readonly rows: number;
}

export interface RollupRow {
  h3: string; // res-7 cell, hex
  day: number; // dayNumber() of the UTC day (of the first of the month in the monthly table)
  topic: string;
  channel: string;
  status: string;
  municipalityId: number; // 0: none
  gratitude: boolean;
  n: number;
  /** appeals only: digits 8 and 9 of the res-9 cell (d8 · 8 + d9). */
  child?: number;
}

/** Days since 1970-01-01 UTC: the request parameters' one day type (an impossible day throws, never rolls over). */
export const dayNumber = (ymd: string): number => strictDayNumber(ymd);

/** Growable columns for one table; finish() sorts them by period with a counting sort (periods are small ints). */
class TableBuilder {
  private size = 0;
  private cap = 1024;
  period = new Uint16Array(this.cap);
  cell = new Uint32Array(this.cap);
  combo = new Uint16Array(this.cap);
  muni = new Uint32Array(this.cap);
  n = new Uint32Array(this.cap);
  child = new Uint8Array(this.cap);

  push(period: number, cell: number, combo: number, muni: number, n: number, child: number): void {
    if (this.size === this.cap) this.grow();
    const i = this.size++;
    this.child[i] = child;
    this.period[i] = period;
    this.cell[i] = cell;
    this.combo[i] = combo;
    this.muni[i] = muni;
    this.n[i] = n;
  }

  get length(): number {
    return this.size;
  }

  private grow(): void {
    this.cap *= 2;
    const g = <A extends Uint8Array | Uint16Array | Uint32Array>(a: A, C: new (n: number) => A): A => {
      const b = new C(this.cap);
      b.set(a);
      return b;
    };
    this.period = g(this.period, Uint16Array);
    this.cell = g(this.cell, Uint32Array);
    this.combo = g(this.combo, Uint16Array);
    this.muni = g(this.muni, Uint32Array);
    this.n = g(this.n, Uint32Array);
    this.child = g(this.child, Uint8Array);
  }

  /** Sorts the rows by (cell, period): two stable counting sorts, period first (periods and cells are small ints). */
  finish(cells: number): CubeTable {
    const len = this.size;
    const byPeriod = stableOrder(this.period, len, 65536, null);
    const order = stableOrder(this.cell, len, cells, byPeriod);
    const cellStart = new Uint32Array(cells + 1);
    for (let i = 0; i < len; i++) cellStart[this.cell[i] + 1]++;
    for (let c = 1; c <= cells; c++) cellStart[c] += cellStart[c - 1];
    const pick = <A extends Uint8Array | Uint16Array | Uint32Array>(a: A, C: new (n: number) => A): A => {
      const out = new C(len);
      for (let j = 0; j < len; j++) out[j] = a[order[j]];
      return out;
    };
    return {
      length: len,
      cellStart,
      period: pick(this.period, Uint16Array),
      combo: pick(this.combo, Uint16Array),
      muni: pick(this.muni, Uint32Array),
      n: pick(this.n, Uint32Array),
      child: pick(this.child, Uint8Array),
    };
  }
}

/** The monthly rows summed per (cell, combo, municipality): a whole-history view reads these (a third as many). */
function totalsOf(month: CubeTable, cells: number): CubeTable {
  const b = new TableBuilder();
  const sums = new Map<number, number>();
  for (let c = 0; c < cells; c++) {
    sums.clear();
    for (let i = month.cellStart[c]; i < month.cellStart[c + 1]; i++) {
      const key = month.muni[i] * 65536 + month.combo[i];
      sums.set(key, (sums.get(key) ?? 0) + month.n[i]);
    }
    for (const [key, n] of sums) b.push(0, c, key % 65536, Math.floor(key / 65536), n, 0);
  }
  return b.finish(cells);
}

/** Row order sorting `key` (values < buckets) stably, starting from `prior` (an order) or the identity. */
function stableOrder(
  key: Uint16Array | Uint32Array,
  len: number,
  buckets: number,
  prior: Uint32Array | null,
): Uint32Array {
  const start = new Uint32Array(buckets + 1);
  for (let i = 0; i < len; i++) start[key[i] + 1]++;
  for (let b = 1; b <= buckets; b++) start[b] += start[b - 1];
  const out = new Uint32Array(len);
  for (let j = 0; j < len; j++) {
    const i = prior ? prior[j] : j;
    out[start[key[i]]++] = i;
  }
  return out;
}

/** Interns rollup rows as they stream in; build() returns the cube. */
export class CubeBuilder {
  private readonly cellIndex = new Map<string, number>();
  private readonly hex: string[] = [];
  private readonly lon: number[] = [];
  private readonly lat: number[] = [];
  private readonly comboIndex = new Map<string, number>();
  private readonly combos: Combo[] = [];
  private readonly muniIndex = new Map<number, number>([[0, 0]]);
  private readonly muniIds: number[] = [0];
  private readonly builders: Record<CubeTableName, TableBuilder> = {
    appeal_rollup_month: new TableBuilder(),
    appeals: new TableBuilder(),
  };

  constructor(
    private readonly version: string,
    private readonly municipalities: Municipality[],
    private readonly snapshot = '',
    private readonly builtAt = Date.now(),
  ) {}

  /** A res-7 cell's point for viewport tests (appeal_rollup_cell). */
  cellPoint(h3: string, lon: number, lat: number): void {
    const i = this.cellOf(h3);
    this.lon[i] = lon;
    this.lat[i] = lat;
  }

  add(table: CubeTableName, r: RollupRow): void {
    if (r.n <= 0) return;
    const key = `${r.topic}\u0000${r.channel}\u0000${r.status}\u0000${r.gratitude ? 1 : 0}`;
    let combo = this.comboIndex.get(key);
    if (combo === undefined) {
      combo = this.combos.length;
      if (combo > 0xffff) throw new Error('more than 65 536 topic/channel/status combinations');
      this.combos.push({ topic: r.topic, channel: r.channel, status: r.status, gratitude: r.gratitude });
      this.comboIndex.set(key, combo);
    }
    let muni = this.muniIndex.get(r.municipalityId);
    if (muni === undefined) {
      muni = this.muniIds.length;
      this.muniIds.push(r.municipalityId);
      this.muniIndex.set(r.municipalityId, muni);
    }
    this.builders[table].push(r.day, this.cellOf(r.h3), combo, muni, r.n, r.child ?? 0);
  }

  get rows(): number {
    return Object.values(this.builders).reduce((s, b) => s + b.length, 0);
  }

  build(): Cube {
    const parents = new Map<number, { of: Uint32Array; hex: string[] }>();
    for (let res = 4; res <= ROLLUP_RES; res++) {
      const of = new Uint32Array(this.hex.length);
      const hex: string[] = [];
      const index = new Map<string, number>();
      for (const [i, h] of this.hex.entries()) {
        const p = res === ROLLUP_RES ? h : cellToParent(h, res);
        let j = index.get(p);
        if (j === undefined) {
          j = hex.length;
          hex.push(p);
          index.set(p, j);
        }
        of[i] = j;
      }
      parents.set(res, { of, hex });
    }
    const cells = this.hex.length;
    const month = this.builders.appeal_rollup_month.finish(cells);
    const tables = {
      appeal_rollup_month: month,
      appeals: this.builders.appeals.finish(cells),
      total: totalsOf(month, cells),
    };
    // The cells each municipality has rows in, so its filter reads those cells only (every located appeal is in
    // the monthly rows).
    const muniCells = new Map<number, Set<number>>();
    for (const t of [tables.appeal_rollup_month]) {
      for (let c = 0; c < cells; c++) {
        for (let i = t.cellStart[c]; i < t.cellStart[c + 1]; i++) {
          let set = muniCells.get(t.muni[i]);
          if (!set) muniCells.set(t.muni[i], (set = new Set()));
          set.add(c);
        }
      }
    }
    return {
      version: this.version,
      snapshot: this.snapshot,
      builtAt: this.builtAt,
      cells: {
        hex: this.hex,
        lon: Float64Array.from(this.lon, (x) => x ?? NaN),
        lat: Float64Array.from(this.lat, (x) => x ?? NaN),
      },
      parents,
      combos: this.combos,
      muniIds: this.muniIds,
      muniCells: new Map([...muniCells].map(([m, set]) => [m, Uint32Array.from(set).sort()])),
      municipalities: this.municipalities,
      tables,
      rows: tables.appeal_rollup_month.length + tables.appeals.length,
    };
  }

  private cellOf(h3: string): number {
    let i = this.cellIndex.get(h3);
    if (i === undefined) {
      i = this.hex.length;
      this.hex.push(h3);
      this.lon.push(NaN);
      this.lat.push(NaN);
      this.cellIndex.set(h3, i);
    }
    return i;
  }
}

/** Bytes of the cube's typed arrays (its columns, cell points and parent maps). */
export function cubeBytes(cube: Cube): number {
  let bytes = cube.cells.lon.byteLength + cube.cells.lat.byteLength;
  for (const p of cube.parents.values()) bytes += p.of.byteLength;
  for (const t of Object.values(cube.tables)) {
    bytes +=
      t.cellStart.byteLength +
      t.period.byteLength +
      t.combo.byteLength +
      t.muni.byteLength +
      t.n.byteLength +
      t.child.byteLength;
  }
  for (const c of cube.muniCells.values()) bytes += c.byteLength;
  return bytes;
}

/** First index in the sorted `a[lo, hi)` whose value is >= x. */
export function lowerBound(a: Uint16Array, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether a topic × channel × status × thanks combination passes the filter (as appealFilterSql decides). */
export function comboFilter(f: AppealFilter): (c: Combo) => boolean {
  const topic = f.topic?.length ? new Set(f.topic) : null;
  const channel = f.channel?.length ? new Set(f.channel) : null;
  const status = f.status?.length ? new Set(f.status) : null;
  return (c) =>
    (!topic || topic.has(c.topic)) &&
    (!channel || channel.has(c.channel)) &&
    (!status || status.has(c.status)) &&
    (f.gratitude === 'exclude' ? !c.gratitude : f.gratitude === 'only' ? c.gratitude : true);
}

export function comboMask(cube: Cube, f: AppealFilter): Uint8Array {
  const pass = comboFilter(f);
  return Uint8Array.from(cube.combos, (c) => Number(pass(c)));
}

/** As appealFilterSql: a municipality filter matches the code or the name of municipality boundaries (their ids). */
export function municipalityIds(cube: Cube, f: AppealFilter): Set<number> {
  const key = f.municipality === undefined ? undefined : placeNameKey(f.municipality);
  return new Set(
    cube.municipalities.filter((m) => m.code === f.municipality || placeNameKey(m.name) === key).map((m) => m.id),
  );
}

function muniIndexes(cube: Cube, f: AppealFilter): number[] {
  const ids = municipalityIds(cube, f);
  return cube.muniIds.flatMap((id, i) => (id !== 0 && ids.has(id) ? [i] : []));
}

/** The cells to read: those whose point is in the box, and (with a municipality filter) that hold its rows. */
export function candidateCells(
  cube: Cube,
  f: AppealFilter,
  box: readonly number[] | null,
): { cells: Uint32Array | null; muni: Uint8Array | null } {
  let cells: Uint32Array | null = null;
  let muni: Uint8Array | null = null;
  if (f.municipality) {
    const idx = muniIndexes(cube, f);
    muni = new Uint8Array(cube.muniIds.length);
    const set = new Set<number>();
    for (const i of idx) {
      muni[i] = 1;
      for (const c of cube.muniCells.get(i) ?? []) set.add(c);
    }
    cells = Uint32Array.from(set);
  }
  if (box) {
    const { lon, lat } = cube.cells;
    const inBox = (c: number) => lon[c] >= box[0] && lon[c] <= box[2] && lat[c] >= box[1] && lat[c] <= box[3];
    if (cells) cells = cells.filter(inBox);
    else {
      const out: number[] = [];
      for (let c = 0; c < lon.length; c++) if (inBox(c)) out.push(c);
      cells = Uint32Array.from(out);
    }
  }
  return { cells, muni };
}

/**
 * Appeal counts per H3 cell at `res` (4..7) for a filter, only cells whose res-7 point lies in the padded box
 * [w,s,e,n] when one is given: the same answer as cellCounts' SQL over the rollup, sorted by cell id.
 */
export function cubeCellCounts(
  cube: Cube,
  f: AppealFilter,
  res: number,
  box: readonly number[] | null,
): { h3: string; count: number }[] {
  const parent = cube.parents.get(res);
  if (!parent) throw new Error(`the cube answers res 4..${ROLLUP_RES}, not ${res}`);
  const combo = comboMask(cube, f);
  const { cells, muni } = candidateCells(cube, f, box);
  const sums = new Float64Array(parent.hex.length);
  const of = parent.of;
  const nCells = cells ? cells.length : cube.cells.hex.length;
  for (const part of rollupParts(f)) {
    const whole = part.table === 'appeal_rollup_month' && !part.filter.from && !part.filter.to;
    const t = cube.tables[whole ? 'total' : part.table];
    const from = part.filter.from ? dayNumber(part.filter.from) : -1;
    const to = part.filter.to ? dayNumber(part.filter.to) + 1 : -1;
    const { cellStart, period, combo: cb, muni: mu, n } = t;
    for (let k = 0; k < nCells; k++) {
      const c = cells ? cells[k] : k;
      let lo = cellStart[c];
      let hi = cellStart[c + 1];
      if (lo === hi) continue;
      if (from >= 0) lo = lowerBound(period, from, lo, hi);
      if (to >= 0) hi = lowerBound(period, to, lo, hi);
      let sum = 0;
      if (muni) {
        for (let i = lo; i < hi; i++) if (combo[cb[i]] === 1 && muni[mu[i]] === 1) sum += n[i];
      } else {
        for (let i = lo; i < hi; i++) if (combo[cb[i]] === 1) sum += n[i];
      }
      sums[of[c]] += sum;
    }
  }
  const out: { h3: string; count: number }[] = [];
  for (let j = 0; j < sums.length; j++) if (sums[j] > 0) out.push({ h3: parent.hex[j], count: sums[j] });
  return out.sort((a, b) => (a.h3 < b.h3 ? -1 : a.h3 > b.h3 ? 1 : 0));
}
