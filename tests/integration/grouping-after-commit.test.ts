import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { writeBenchCsv } from '../../bench/ingestData';
import { resetEnvCache } from '../../lib/config/env';
import { seedAppeals } from '../../lib/demo/seed';
import { stopGroupingQueue } from '../../lib/enrich/problems/jobs';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { countAwaitingGrouping } from '../../db/queries/groupingPending';
import { pmap, ROOT } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

/*
 * Issue 21: a big import commits its appeals without problems and groups them after the commit (a pg-boss job).
 * The problems must be exactly those that grouping inside the import gives: the same appeals together, the same
 * counts. Each case imports the same data twice, into two databases: once grouped inside the import
 * (PMAP_GROUP_INLINE_MAX above the file's size), once after the commit (PMAP_GROUP_INLINE_MAX=0).
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-group-after-'));
const opened: Database[] = [];

async function fresh(name: string): Promise<{ db: Database; url: string }> {
  const r = await freshPostgres(name);
  opened.push(r.db);
  return r;
}

function inlineMax(n: number): void {
  process.env.PMAP_GROUP_INLINE_MAX = String(n);
  resetEnvCache();
}

/** Every problem as the sorted list of its appeals (source:external id) and its counts; sorted; one digest. */
async function problemsDigest(db: Database): Promise<{ digest: string; problems: number; grouped: number }> {
  const [r] = await db.query<{ digest: string; problems: number; grouped: number }>(
    `SELECT md5(coalesce(string_agg(g, E'\\n' ORDER BY g), '')) AS digest, count(*) AS problems, coalesce(sum(n), 0) AS grouped
     FROM (SELECT string_agg(s.code || ':' || a.external_id, ',' ORDER BY s.code, a.external_id)
                  || '|' || p.appeal_count || '|' || p.citizen_count || '|' || p.channel_count || '|' || array_to_string(p.channels, '+')
                  || '|' || p.first_at || '|' || p.last_at || '|' || p.topic AS g, count(*) AS n
           FROM appeals a JOIN sources s ON s.id = a.source_id JOIN problems p ON p.id = a.problem_id
           GROUP BY p.id) x`,
  );
  return { digest: r.digest, problems: Number(r.problems), grouped: Number(r.grouped) };
}

/** Rows of the monthly rollup that differ from a raw GROUP BY of appeals, either way (0: exact). */
async function rollupDrift(db: Database): Promise<number> {
  const raw = `SELECT h3_parent(h3, 7) AS h3_r7, date_trunc('month', created_at AT TIME ZONE 'UTC')::date AS day, topic, channel,
      status, coalesce(municipality_id, 0) AS municipality_id, is_gratitude, count(*)::int AS n
    FROM appeals WHERE h3 IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7`;
  const kept = `SELECT h3_r7, day, topic, channel, status, municipality_id, is_gratitude, n FROM appeal_rollup_month WHERE n <> 0`;
  const [{ n }] = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM (${raw} EXCEPT ${kept}) a) + (SELECT count(*) FROM (${kept} EXCEPT ${raw}) b) AS n`,
  );
  return Number(n);
}

const locatedComplaints = async (db: Database) =>
  Number(
    (await db.query<{ n: number }>(`SELECT count(*) AS n FROM appeals WHERE geom IS NOT NULL AND NOT is_gratitude`))[0]
      .n,
  );

beforeAll(() => {
  fs.mkdirSync(tmp, { recursive: true });
});
afterEach(() => {
  delete process.env.PMAP_GROUP_INLINE_MAX;
  resetEnvCache();
});
afterAll(async () => {
  for (const db of opened) {
    await stopGroupingQueue(db);
    await db.close();
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('grouping after the commit gives the problems grouping inside the import gave', () => {
  it('on the bench data (25 k rows): the import commits with every located complaint awaiting, then the same problems', async () => {
    const file = path.join(tmp, 'bench25k.csv');
    writeBenchCsv(file, 25_000);
    const { db: inside } = await fresh('group_inside_bench');
    inlineMax(1_000_000);
    const a = await importAppeals(inside, file, { rejectsPath: path.join(tmp, 'a.rejects.csv') });
    expect(a.grouping).toEqual({ after_commit: false, awaiting: 0 });
    const want = await problemsDigest(inside);
    expect(want.grouped).toBe(await locatedComplaints(inside));
    // Some appeals share a problem: the comparison is not only of one-appeal problems.
    expect(want.problems).toBeLessThan(want.grouped);

    const { db: after } = await fresh('group_after_bench');
    inlineMax(0);
    const b = await importAppeals(after, file, { rejectsPath: path.join(tmp, 'b.rejects.csv') });
    expect(b.grouping.after_commit).toBe(true);
    // Committed, on the map, awaiting grouping: every located complaint, no problem yet, one job queued.
    expect(b.grouping.awaiting).toBe(await locatedComplaints(after));
    expect(b.grouping.awaiting).toBeGreaterThan(20_000);
    expect(Number((await after.query<{ n: number }>(`SELECT count(*) AS n FROM problems`))[0].n)).toBe(0);
    expect(await after.query(`SELECT state FROM pgboss.job WHERE name = 'pmap-group-problems'`)).toEqual([
      { state: 'created' },
    ]);

    // `pmap worker --once`, as an operator runs it: the count falls to 0 and the problems are the same.
    const url = (await after.query<{ u: string }>(`SELECT current_database() AS u`))[0].u;
    const run = pmap(['worker', '--once', '--json'], { DATABASE_URL: urlOf(url) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toEqual({ awaiting: 0 });
    expect(await countAwaitingGrouping(after)).toBe(0);
    expect(await problemsDigest(after)).toEqual(want);
    expect(await after.query(`SELECT state FROM pgboss.job WHERE name = 'pmap-group-problems'`)).toEqual([
      { state: 'completed' },
    ]);
    // Grouping's UPDATE told the rollup trigger to skip it (only problem_id changed): the rollup is still exact, and a
    // later UPDATE of a key in the same kind of session is counted again.
    expect(await rollupDrift(after)).toBe(0);
    await after.transaction(async (s) => {
      await s.query(`SELECT set_config('pmap.rollup_keys_kept', 'off', true)`);
      await s.query(
        `UPDATE appeals SET topic = 'other' WHERE id IN (SELECT id FROM appeals WHERE topic <> 'other' ORDER BY id LIMIT 500)`,
      );
    });
    expect(await rollupDrift(after)).toBe(0);
  }, 300_000);

  it('on the demo (20 k appeals from six sources, imported one after another): the same problems across channels', async () => {
    const { db: inside } = await fresh('group_inside_demo');
    inlineMax(1_000_000);
    await seedAppeals(inside, 20_000);
    const want = await problemsDigest(inside);
    const { db: after } = await fresh('group_after_demo');
    inlineMax(0);
    // The demo waits for its grouping (seedAppeals passes waitForGrouping): here through the queue, in this process.
    await seedAppeals(after, 20_000);
    expect(await countAwaitingGrouping(after)).toBe(0);
    const got = await problemsDigest(after);
    expect(got.grouped).toBe(await locatedComplaints(after));
    // Cross-channel problems exist in this data, so equal digests are about real groups.
    const [{ n }] = await after.query<{ n: number }>(`SELECT count(*) AS n FROM problems WHERE channel_count > 1`);
    expect(Number(n)).toBeGreaterThan(100);
    expect(got).toEqual(want);
    const jobs = await after.query<{ state: string }>(
      `SELECT DISTINCT state FROM pgboss.job WHERE name = 'pmap-group-problems'`,
    );
    expect(jobs).toEqual([{ state: 'completed' }]);
  }, 300_000);
});

function urlOf(dbName: string): string {
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${dbName}`;
  return u.toString();
}

describe('a grouping worker killed mid-job (SIGKILL)', () => {
  it('leaves problems as they were; the job is retried and groups everything once', async () => {
    const file = path.join(tmp, 'bench60k.csv');
    writeBenchCsv(file, 60_000);
    const { db: inside } = await fresh('group_kill_ref');
    inlineMax(1_000_000);
    await importAppeals(inside, file, { rejectsPath: path.join(tmp, 'r.rejects.csv') });
    const want = await problemsDigest(inside);

    const { db, url } = await fresh('group_kill');
    inlineMax(0);
    const r = await importAppeals(db, file, { rejectsPath: path.join(tmp, 'k.rejects.csv') });
    const awaiting = r.grouping.awaiting;
    expect(awaiting).toBeGreaterThan(40_000);
    // A first load: the job drops the problems' secondary indexes and rebuilds them (PMAP_GROUPING_DROP_INDEXES).
    const problemIndexes = async () =>
      (
        await db.query<{ def: string }>(
          `SELECT indexdef AS def FROM pg_indexes WHERE tablename = 'problems' ORDER BY indexdef`,
        )
      ).map((x) => x.def);
    const migrated = await problemIndexes();
    expect(migrated.filter((d) => !d.includes('UNIQUE')).length).toBeGreaterThan(0);

    const env = {
      ...process.env,
      DATABASE_URL: url,
      PMAP_GROUPING_HEARTBEAT_SECONDS: '10',
      PMAP_GROUPING_MONITOR_SECONDS: '2',
    };
    const child = spawn(process.execPath, [path.join(ROOT, 'cli/pmap.mjs'), 'worker'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Kill it mid-job: once its grouping transaction holds the problems lock (taken first), and a second later.
    let holding = false;
    for (let i = 0; i < 600 && !holding; i++) {
      await new Promise((res) => setTimeout(res, 100));
      holding =
        (
          await db.query(`SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database() AND l.pid <> pg_backend_pid()`)
        ).length > 0;
    }
    expect(holding, 'the worker never started grouping').toBe(true);
    await new Promise((res) => setTimeout(res, 1000));
    child.kill('SIGKILL');
    await new Promise((res) => child.once('exit', res));
    expect(child.signalCode).toBe('SIGKILL');
    // Give PostgreSQL a moment to notice the dead connection and roll its transaction back.
    for (let i = 0; i < 50; i++) {
      const left =
        await db.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
        AND backend_type = 'client backend' AND state <> 'idle'`);
      if (!left.length) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(Number((await db.query<{ n: number }>(`SELECT count(*) AS n FROM problems`))[0].n)).toBe(0);
    expect(await countAwaitingGrouping(db)).toBe(awaiting);
    expect(await problemIndexes()).toEqual(migrated);
    expect(await db.query(`SELECT state FROM pgboss.job WHERE name = 'pmap-group-problems'`)).toEqual([
      { state: 'active' },
    ]);

    // A new worker: the lapsed heartbeat sends the job back to the queue, and it runs to the end.
    const again = pmap(['worker', '--once', '--json'], { ...env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.json).toEqual({ awaiting: 0 });
    expect(await problemsDigest(db)).toEqual(want);
    expect(await problemIndexes()).toEqual(migrated);
    const [job] = await db.query<{ state: string; retry_count: number }>(
      `SELECT state, retry_count FROM pgboss.job WHERE name = 'pmap-group-problems'`,
    );
    expect(job.state).toBe('completed');
    expect(Number(job.retry_count)).toBeGreaterThanOrEqual(1);
  }, 300_000);
});
