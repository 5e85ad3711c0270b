import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cellToParent, getResolution } from 'h3-js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { summary } from '../../lib/aggregate/summary';
import { resetEnvCache } from '../../lib/config/env';
import { appealFilterSchema } from '../../lib/domain/filters';
import { runGrouping, stopGroupingQueue } from '../../lib/enrich/problems/jobs';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { progressOf, withGrouping } from '../../lib/ingest/jobs/runner';
import { drillAppeals } from '../../lib/store/appealDrill';
import { countAwaitingByJob } from '../../db/queries/groupingPending';
import { getJob } from '../../lib/store/importJobs';
import { pmap } from '../helpers/cli';
import { freshPostgres, serverUrl } from '../helpers/db';

/*
 * Issue 21: a big import commits its appeals before grouping them into problems. Until the grouping after the commit
 * is done, the map's summary, the drill-down, the export and the admin import page say how many appeals await it;
 * afterwards they say 0. PMAP_GROUP_INLINE_MAX=0 sends even this small file through the grouping after the commit.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-awaiting-'));
const file = path.join(tmp, 'awaiting_grouping.csv');
let db: Database;
let dbUrl: string;

/**
 * 300 rows in Orenburg: every tenth without coordinates or address (never on the map), every tenth after that a
 * thanks (never in a problem); the rest are located complaints, some at the same spot.
 */
function writeFile(): void {
  const lines = ['external_id,created_at,channel,status,topic,text,author,is_gratitude,lat,lon'];
  for (let i = 0; i < 300; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const thanks = i % 10 === 1;
    const at = i % 10 === 0 ? ',' : `${(51.76 + (i % 37) * 0.001).toFixed(5)},${(55.1 + (i % 23) * 0.001).toFixed(5)}`;
    lines.push(
      `AG-${i},2024-05-${day}T10:00:00Z,${i % 2 ? 'portal' : 'social'},new,roads,${thanks ? 'Спасибо за ремонт дороги' : `Яма на дороге у дома ${i % 7}`},u${i % 40},${thanks},${at}`,
    );
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

/** Located complaints by the definition itself, counted straight from the table. */
async function locatedComplaints(where = 'TRUE', params: unknown[] = []): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM appeals a WHERE a.geom IS NOT NULL AND NOT a.is_gratitude AND ${where}`,
    params,
  );
  return Number(n);
}

const all = appealFilterSchema.parse({});

beforeAll(async () => {
  writeFile();
  ({ db, url: dbUrl } = await freshPostgres('h4_awaiting'));
  process.env.PMAP_GROUP_INLINE_MAX = '0';
  resetEnvCache();
}, 120_000);
afterAll(async () => {
  delete process.env.PMAP_GROUP_INLINE_MAX;
  resetEnvCache();
  if (db) {
    await stopGroupingQueue(db);
    await db.close();
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(dbUrl).pathname.slice(1)} WITH (FORCE)`);
    await admin.end();
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('appeals awaiting grouping after an import’s commit', () => {
  it('are counted by the map summary, the drill-down, the export and the admin page, then 0 once grouped', async () => {
    const r = await importAppeals(db, file, { rejectsPath: path.join(tmp, 'r.rejects.csv') });
    expect(r.inserted).toBe(300);
    expect(r.grouping.after_commit).toBe(true);
    const located = await locatedComplaints();
    // The file has appeals of all three kinds, so the count is not simply "all" or "the located ones".
    expect(located).toBe(240);
    const [{ n: unlocated }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM appeals WHERE geom IS NULL`);
    expect(Number(unlocated)).toBe(30);
    const [{ n: problems }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM problems`);
    expect(Number(problems)).toBe(0);

    // The map's side panel (thanks left out by default, so filter with them in too: they never await).
    expect((await summary(db, all)).awaitingGrouping).toBe(located);
    expect((await summary(db, appealFilterSchema.parse({ gratitude: 'include' }))).awaitingGrouping).toBe(located);
    const portal = appealFilterSchema.parse({ channel: 'portal' });
    expect((await summary(db, portal)).awaitingGrouping).toBe(await locatedComplaints(`a.channel = 'portal'`));

    // The drill-down of a res-7 cell around one of the spots: its located complaints, by each stored res-9 cell's parent.
    const rows = await db.query<{ h3: string; thanks: boolean }>(
      `SELECT h3::text AS h3, is_gratitude AS thanks FROM appeals WHERE geom IS NOT NULL ORDER BY id`,
    );
    const parent = (h: string) => cellToParent(BigInt(h).toString(16), 7);
    const cell = parent(rows[0].h3);
    expect(getResolution(cell)).toBe(7);
    const inCell = rows.filter((p) => !p.thanks && parent(p.h3) === cell).length;
    expect(inCell).toBeGreaterThan(0);
    const drill = await drillAppeals(
      db,
      appealFilterSchema.parse({ gratitude: 'include' }),
      { kind: 'cell', h3: cell },
      1,
      10,
      false,
    );
    expect(drill.awaitingGrouping).toBe(inCell);
    expect(drill.rows.every((a) => a.problemId === null)).toBe(true);

    // `pmap export appeals`: the key in --json and a line on stderr.
    const out = path.join(tmp, 'export.csv');
    const before = pmap(['export', 'appeals', '--out', out, '--json'], { DATABASE_URL: dbUrl });
    expect(before.code, before.stderr).toBe(0);
    expect(before.json).toEqual({ rows: 270, out, awaiting_grouping: located });
    expect(before.stderr).toContain(`${located} of these appeals await grouping into problems`);

    // The admin import page's job: the step after the 100 %, with the job's own awaiting appeals.
    expect(await countAwaitingByJob(db, [r.job_id, r.job_id + 1000])).toEqual(new Map([[r.job_id, located]]));
    const job = (await getJob(db, r.job_id))!;
    expect(job.status).toBe('done');
    const [viewed] = await withGrouping(db, [{ ...job, progress: progressOf(job) }]);
    expect(viewed.progress.grouping).toEqual({ awaiting: located });

    // The grouping after the commit: everything falls to 0, and the admin step says done (it stays on the page).
    const g = await runGrouping(db);
    expect(g.grouped).toBe(located);
    expect((await summary(db, all)).awaitingGrouping).toBe(0);
    expect((await drillAppeals(db, all, { kind: 'cell', h3: cell }, 1, 10, false)).awaitingGrouping).toBe(0);
    const after = pmap(['export', 'appeals', '--out', out, '--json'], { DATABASE_URL: dbUrl });
    expect(after.code, after.stderr).toBe(0);
    expect(after.json).toEqual({ rows: 270, out, awaiting_grouping: 0 });
    expect(after.stderr).not.toContain('await grouping');
    const [done] = await withGrouping(db, [{ ...job, progress: progressOf(job) }]);
    expect(done.progress.grouping).toEqual({ awaiting: 0 });
  }, 180_000);

  it('leaves a job that grouped inside the import without the step', async () => {
    process.env.PMAP_GROUP_INLINE_MAX = '1000000';
    resetEnvCache();
    const small = path.join(tmp, 'awaiting_inline.csv');
    fs.writeFileSync(
      small,
      'external_id,created_at,channel,status,topic,text,lat,lon\nIN-1,2024-05-02T10:00:00Z,portal,new,roads,Яма,51.77,55.11\n',
    );
    const r = await importAppeals(db, small, { rejectsPath: path.join(tmp, 's.rejects.csv') });
    expect(r.grouping.after_commit).toBe(false);
    const job = (await getJob(db, r.job_id))!;
    const [viewed] = await withGrouping(db, [{ ...job, progress: progressOf(job) }]);
    expect(viewed.progress.grouping).toBeNull();
  }, 60_000);
});
