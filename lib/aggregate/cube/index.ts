import type { Database } from '../../../db';
import {
  CUBE_SOURCES,
  cubeMunicipalities,
  currentSnapshot,
  forEachCellPoint,
  forEachCubeRow,
  snapshotRead,
  unseenDeltaCounts,
  unseenDeltas,
} from '../../../db/queries/cube';
import { env } from '../../config/env';
import { dataVersion, readDataVersion } from '../cache';
import { appealFilterSchema, type AppealFilter } from '../../domain/filters';
import { CubeBuilder, cubeCellCounts, type Cube, type Municipality } from './cube';
import { fineCellCounts } from './fine';
import { withDeltas, withFineDeltas, type DeltaRow } from './overlay';

/*
 * Server side (takes the Database; used by the app and the CLI, so not marked 'server-only', like lib/aggregate).
 * One in-memory cube per database per process, read from one consistent snapshot of the monthly rollup and the appeals. Writes
 * after that snapshot reach it as deltas (appeal_cube_delta, ./overlay.ts): a request reads the deltas its
 * snapshot adds to the cube's (one small query) and answers cube + deltas, so it never answers from older data.
 * A bulk write (a marker in the deltas), a changed list of municipalities or more than MAX_DELTAS make it stop
 * answering (SQL does) until a rebuild in the background is done; over REBUILD_DELTAS or REBUILD_AGE_MS it is rebuilt
 * in the background while it goes on answering.
 */

export { cubeCellCounts, type Cube } from './cube';
export { fineCellCounts, fineServes } from './fine';

/** A cube and the writes since its snapshot: what a request counts. */
export interface LiveCube {
  readonly base: Cube;
  readonly deltas: readonly DeltaRow[];
  /** The data version of the snapshot the deltas were read in. */
  readonly version: string;
  /** Date.now() before that snapshot was taken. */
  readonly readAt: number;
}

/** Counts per cell at res 4–7, as cubeCellCounts, with the deltas. */
export function liveCellCounts(c: LiveCube, f: AppealFilter, res: number, box: readonly number[] | null) {
  const base = cubeCellCounts(c.base, f, res, box);
  return c.deltas.length ? withDeltas(c.base, c.deltas, base, f, res, box) : base;
}

/** Counts per cell at res 8–9 near a viewport, as fineCellCounts, with the deltas. */
export function liveFineCellCounts(
  c: LiveCube,
  f: AppealFilter,
  res: 8 | 9,
  padded: readonly number[],
  near: readonly number[],
) {
  const base = fineCellCounts(c.base, f, res, padded, near);
  return c.deltas.length ? withFineDeltas(c.base, c.deltas, base, f, res, padded, near) : base;
}

interface State {
  live: LiveCube | null;
  building: Promise<Cube | null> | null;
  catchingUp: Promise<LiveCube | null> | null;
  /** A cube whose writes since could not be added: it answers nothing until rebuilt. */
  stale: Cube | null;
  tooBigAt: number | null;
}
const states = new WeakMap<Database, State>();
const stateOf = (db: Database): State => {
  let s = states.get(db);
  if (!s) states.set(db, (s = { live: null, building: null, catchingUp: null, stale: null, tooBigAt: null }));
  return s;
};

const sameMunicipalities = (a: readonly Municipality[], b: readonly Municipality[]) =>
  a.length === b.length && a.every((m, i) => m.id === b[i].id && m.code === b[i].code && m.name === b[i].name);

/**
 * Reads the monthly rollup and the located appeals into a cube in one REPEATABLE READ snapshot; null when they hold
 * more than PMAP_CUBE_MAX_ROWS rows (the cube then stays off for that data version and SQL answers).
 */
export async function loadCube(db: Database): Promise<Cube | null> {
  const max = env().PMAP_CUBE_MAX_ROWS;
  const builtAt = Date.now();
  return db.transaction(async (s) => {
    await snapshotRead(s);
    const v = await readDataVersion(s);
    const snapshot = await currentSnapshot(s);
    const b = new CubeBuilder(v, await cubeMunicipalities(s), snapshot, builtAt);
    await forEachCellPoint(s, (r) => b.cellPoint(r.h, r.lon, r.lat));
    for (const table of CUBE_SOURCES) {
      let tooBig = false;
      await forEachCubeRow(s, table, (r) => {
        if (tooBig) return;
        if (b.rows >= max) tooBig = true;
        else
          b.add(table, {
            h3: r.h,
            day: r.d,
            topic: r.topic,
            channel: r.channel,
            status: r.status,
            municipalityId: r.m,
            gratitude: r.g,
            n: r.n,
            child: r.k,
          });
      });
      if (tooBig) return null;
    }
    return b.build();
  });
}

/** Builds (or rebuilds) the cube now and keeps it; the benchmark and tests call this, requests use readyCube. */
export async function warmCube(db: Database): Promise<Cube | null> {
  const st = stateOf(db);
  if (!st.building) {
    st.building = loadCube(db)
      .then((c) => {
        if (c) {
          warmUp(c);
          st.live = { base: c, deltas: [], version: c.version, readAt: c.builtAt };
        } else st.tooBigAt = Date.now();
        return c;
      })
      .catch((e) => {
        console.error(`[pmap] the map's in-memory cube was not built: ${(e as Error).message}`);
        return null;
      })
      .finally(() => (st.building = null));
  }
  return st.building;
}

/** A few scans before the first request, so that V8 has compiled the loops (the first scans run 3–5× slower). */
function warmUp(c: Cube): void {
  const all = appealFilterSchema.parse({});
  const some = appealFilterSchema.parse({ topic: 'roads', from: '2020-01-15', municipality: 'x' });
  for (let i = 0; i < 3; i++) {
    for (const f of [all, some]) {
      cubeCellCounts(c, f, 4, null);
      cubeCellCounts(c, f, 7, [-180, -90, 180, 90]);
      fineCellCounts(c, f, 9, [0, 0, 0.01, 0.01], [-180, -90, 180, 90]);
    }
  }
}

const TOO_BIG_RETRY_MS = 10 * 60 * 1000;
/** Deltas a cube takes before it is rebuilt in the background (it still answers meanwhile)… */
const REBUILD_DELTAS = 20_000;
/** … and most it takes at all; more, and SQL answers until the rebuild is done. */
const MAX_DELTAS = 100_000;
/** Age at which a cube is rebuilt in the background; past MAX_AGE_MS it no longer answers (deltas live a day). */
const REBUILD_AGE_MS = 60 * 60 * 1000;
const MAX_AGE_MS = 12 * 60 * 60 * 1000;

/**
 * The cube plus the writes its snapshot does not see, read in one REPEATABLE READ snapshot with that snapshot's data
 * version; null when those writes cannot be added (a bulk write, changed municipalities, too many deltas).
 */
export async function catchUp(db: Database, base: Cube): Promise<LiveCube | null> {
  const readAt = Date.now();
  return db.transaction(async (s) => {
    await snapshotRead(s);
    const version = await readDataVersion(s);
    const c = await unseenDeltaCounts(s, base.snapshot);
    if (Number(c.markers) > 0 || Number(c.n) > MAX_DELTAS) return null;
    if (!sameMunicipalities(await cubeMunicipalities(s), base.municipalities)) return null;
    const rows = await unseenDeltas(s, base.snapshot);
    const deltas = rows.map((r): DeltaRow => ({
      h3: r.h,
      day: Number(r.d),
      topic: r.topic,
      channel: r.channel,
      status: r.status,
      municipalityId: Number(r.m),
      gratitude: r.g,
      n: Number(r.n),
      lon: r.lon ?? NaN,
      lat: r.lat ?? NaN,
    }));
    return { base, deltas, version, readAt };
  });
}

/**
 * The cube with every write up to the current data version; null while there is none (a rebuild then starts in the
 * background and the caller reads SQL).
 */
export async function readyCube(db: Database): Promise<LiveCube | null> {
  // Not on embedded PGlite: it runs one query at a time, so the snapshot read would hold every other request for
  // seconds; its single-user data sets are small enough for the SQL over the rollup.
  if (env().PMAP_CUBE_MAX_ROWS === 0 || db.kind === 'embedded') return null;
  const st = stateOf(db);
  const v = await dataVersion(db);
  // The version's snapshot was taken before now: a catch-up that starts later is at least as new.
  const asked = Date.now();
  const rebuild = () => {
    if (!st.building && (st.tooBigAt === null || Date.now() - st.tooBigAt > TOO_BIG_RETRY_MS)) void warmCube(db);
  };
  let live = st.live;
  if (live?.version === v) return live;
  // A cube that could not catch up (stale) waits for its rebuild.
  if (!live || live.base === st.stale || Date.now() - live.base.builtAt > MAX_AGE_MS) {
    rebuild();
    return null;
  }
  if (!st.catchingUp) {
    const base = live.base;
    st.catchingUp = catchUp(db, base)
      .then((next) => {
        // A rebuild may have finished meanwhile: keep the newer cube.
        if (next && st.live?.base === base) st.live = next;
        if (!next) st.stale = base;
        return next;
      })
      .catch((e) => {
        console.error(`[pmap] the map's in-memory cube did not catch up: ${(e as Error).message}`);
        return null;
      })
      .finally(() => (st.catchingUp = null));
  }
  live = await st.catchingUp;
  if (!live || live.deltas.length > REBUILD_DELTAS || Date.now() - live.base.builtAt > REBUILD_AGE_MS) rebuild();
  // A catch-up already under way when the version was read may predate it: then SQL answers this once. A newer one
  // is fine (callers cache the answer under v; newer data under an older version is replaced when it moves).
  return live && (live.version === v || live.readAt >= asked) ? live : null;
}
