import { PgBoss } from 'pg-boss';
import type { Database, Session } from '../../../db';
import { sessionExecutor } from '../../../db/queries/jobs';
import { env } from '../../config/env';
import { countAwaitingGrouping } from '../../../db/queries/groupingPending';
import { dropIndexesForBulk } from '../../../db/merge/bulkIndexes';
import { groupNewAppeals, lockProblems, type GroupResult } from './group';

/*
 * Cross-channel problem grouping after an import's commit (issue 21), as durable background work in PostgreSQL on
 * pg-boss (docs/jobs.md says why pg-boss). A big import commits its appeals without problems and, in the same
 * transaction, a job; a worker (the app server's, or `pmap worker`) groups every appeal still awaiting grouping in
 * ONE transaction, so a worker killed mid-job leaves nothing half-applied: the heartbeat lapses, pg-boss retries the
 * job, and the retry finds the same appeals awaiting. Jobs are idempotent: one that finds nothing waiting is done.
 * Embedded PGlite has no queue: grouping runs in-process right after the commit (groupAfterCommit).
 *
 * Used by the app server and the CLI (not marked 'server-only': the CLI runs outside React's server build).
 */

export const GROUPING_QUEUE = 'pmap-group-problems';

interface Boss {
  boss: PgBoss;
  working: boolean;
}

/** One pg-boss per Database of this process. */
const bosses = ((globalThis as unknown as { __pmapBoss?: WeakMap<Database, Promise<Boss>> }).__pmapBoss ??=
  new WeakMap());

async function bossOf(db: Database): Promise<Boss> {
  let b = bosses.get(db);
  if (!b) {
    b = (async () => {
      const e = env();
      // Its own small pool on the same database: pg-boss sends multi-statement scripts and holds a LISTEN
      // connection, which our one-result Session does not offer. Jobs are still queued on an import's connection.
      const boss = new PgBoss({
        connectionString: db.url,
        max: 3,
        schema: 'pgboss',
        schedule: false,
        application_name: 'pmap-jobs',
        useListenNotify: true,
        // The monitor retries a job whose heartbeat lapsed (its worker was killed) within about this long.
        superviseIntervalSeconds: e.PMAP_GROUPING_MONITOR_SECONDS,
        monitorIntervalSeconds: e.PMAP_GROUPING_MONITOR_SECONDS,
      });
      boss.on('error', (err: unknown) => console.error('grouping queue:', err instanceof Error ? err.message : err));
      await boss.start();
      await boss
        .createQueue(GROUPING_QUEUE, {
          heartbeatSeconds: e.PMAP_GROUPING_HEARTBEAT_SECONDS,
          notify: true,
          retryLimit: 20,
          retryDelay: 5,
          retryBackoff: true,
          retryDelayMax: 300,
          expireInSeconds: 6 * 3600,
          deleteAfterSeconds: 7 * 86_400,
        })
        .catch((err: unknown) => {
          // Two processes starting at once: the second finds the queue made.
          if (!/exist/i.test(String((err as Error)?.message))) throw err;
        });
      // The queue stops with its Database (tests and the bench close theirs; a pool must not outlive it).
      const close = db.close.bind(db);
      Object.assign(db, {
        close: async () => {
          await stopGroupingQueue(db);
          await close();
        },
      });
      return { boss, working: false };
    })();
    b.catch(() => bosses.delete(db));
    bosses.set(db, b);
  }
  return b;
}

/**
 * Inside an import's transaction: queues the grouping of what it committed, atomically with it (the job exists
 * if and only if the appeals do). PostgreSQL only.
 */
export async function enqueueGrouping(db: Database, s: Session, importJobId: number): Promise<void> {
  const { boss } = await bossOf(db);
  await boss.send(GROUPING_QUEUE, { importJobId }, { db: sessionExecutor(s) });
}

/**
 * Groups every appeal awaiting grouping, in one transaction. A first load (as many new problems as a third of the
 * table's) drops the problems' secondary indexes and rebuilds them at the end, as the import did when it grouped
 * (lib/store/bulkIndexes.ts); readers of problems wait for that job's commit meanwhile.
 */
export async function runGrouping(db: Database): Promise<GroupResult> {
  return db.transaction(async (s) => {
    await lockProblems(s);
    const restore =
      env().PMAP_GROUPING_DROP_INDEXES === '1'
        ? await dropIndexesForBulk(s, 'problems', await countAwaitingGrouping(s))
        : async () => undefined;
    const r = await groupNewAppeals(s);
    await restore();
    return r;
  });
}

/**
 * Starts this process's grouping worker (the app server, `pmap worker`, `pmap import --wait`); PostgreSQL only.
 * Returns a stop function that lets a running job finish.
 */
export async function startGroupingWorker(
  db: Database,
  log: (msg: string) => void = () => undefined,
): Promise<() => Promise<void>> {
  const b = await bossOf(db);
  if (b.working) return async () => undefined;
  b.working = true;
  await b.boss.work(
    GROUPING_QUEUE,
    { pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 5, batchSize: 1 },
    async () => {
      const t0 = Date.now();
      const r = await runGrouping(db);
      if (r.grouped)
        log(
          `grouping: ${r.grouped} appeals into ${r.created} new problems (${r.joined} joined), ${((Date.now() - t0) / 1000).toFixed(1)} s`,
        );
    },
  );
  return async () => {
    b.working = false;
    await b.boss.offWork(GROUPING_QUEUE, { wait: true });
  };
}

/**
 * After an import's commit. Embedded: groups in-process now (a big import left its appeals awaiting). PostgreSQL:
 * with `wait`, works the queue in this process until nothing awaits grouping (another worker may take the job;
 * either way the count falls to 0); without it the app server's worker or `pmap worker` does it.
 */
export async function groupAfterCommit(
  db: Database,
  opts: { wait: boolean },
): Promise<{ seconds: number; awaiting: number }> {
  const t0 = Date.now();
  if (db.kind === 'embedded') {
    await runGrouping(db);
  } else if (opts.wait) {
    const stop = await startGroupingWorker(db);
    try {
      await untilNothingAwaits(db);
    } finally {
      await stop();
    }
  }
  return { seconds: (Date.now() - t0) / 1000, awaiting: await countAwaitingGrouping(db) };
}

/** Resolves once no appeal awaits grouping (polled every half second; whichever worker takes the job). */
export async function untilNothingAwaits(db: Database): Promise<void> {
  while ((await countAwaitingGrouping(db)) > 0) await new Promise((r) => setTimeout(r, 500));
}

/** Stops this process's queue (tests, CLI exit). */
export async function stopGroupingQueue(db: Database): Promise<void> {
  const b = bosses.get(db);
  if (!b) return;
  bosses.delete(db);
  await (await b).boss.stop({ graceful: true, close: false, timeout: 30_000 }).catch(() => undefined);
}

/**
 * The app server's share (server.ts): on PostgreSQL the grouping worker; embedded, the grouping a process killed
 * after an import's commit left undone. PMAP_WORKER=0 leaves it to `pmap worker`.
 */
export async function startServerWork(db: Database): Promise<void> {
  if (env().PMAP_WORKER !== '1') return;
  if (db.kind === 'postgres') {
    await startGroupingWorker(db, (m) => console.log(`pmap: ${m}`));
  } else if ((await countAwaitingGrouping(db)) > 0) {
    await runGrouping(db);
  }
}
