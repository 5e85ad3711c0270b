import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { NYC311, run, SPB_APPEALS } from '../../scripts/realdata/40-appeals';
import type { RealdataRow } from '../../scripts/realdata/types';
import { freshPostgres } from '../helpers/db';
import { noRealFile, REALDATA_DIR } from '../helpers/realdata';

// The figures of `npm run realdata 40` on a fresh database (nothing else loaded). The expected counts were read from
// the files themselves (a plain CSV reader): 10,702 St Petersburg appeals, 55 texts with U+FFFC, 2 with NBSP, 1
// with a zero-width character; NYC: PHONE 1,733, OTHER 165, ONLINE 60, UNKNOWN 42; 598 rows without coordinates
// (data README), 96 NBSPs in "Resolution Description".

let db: Database;
let rows: RealdataRow[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-realdata-appeals-'));
const byStep = (step: string) => rows.find((r) => r.step === step)!;

describe.skipIf(noRealFile(SPB_APPEALS, NYC311))('real appeals: spb_appeals, NYC 311 and its swapped copy', () => {
  beforeAll(async () => {
    ({ db } = await freshPostgres('realdata_appeals'));
    rows = await run({ db, dataDir: REALDATA_DIR, tmp });
  }, 600_000);
  afterAll(async () => {
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('St Petersburg: every appeal in, the U+FFFC, NBSP and zero-width characters of its texts repaired and counted', () => {
    const r = byStep('appeals');
    expect(r).toMatchObject({ file: SPB_APPEALS, read: 10702, inserted: 10702, rejected: 0 });
    expect(r.repairs).toEqual({ object_replacement: 55, nbsp: 2, zero_width: 1 });
    // Nothing loaded: the file's own extent is reported (St Petersburg, 59.65–60.21 N, 29.65–30.69 E).
    expect(r.figures).toMatchObject({
      coordinates: 'as_written',
      'region from': 'nothing loaded',
      'extent w,s,e,n': '29.646, 59.654, 30.689, 60.211',
    });
  });

  it('NYC 311: the channel column without a values table is read through the synonyms, phone as hotline', () => {
    const r = byStep('appeals (channel synonyms)');
    expect(r).toMatchObject({ read: 2000, inserted: 2000, rejected: 0, repairs: { nbsp: 96 } });
    expect(r.figures).toMatchObject({
      'channel PHONE': 'hotline (synonym) 1733',
      'channel OTHER': 'other (synonym) 165',
      'channel ONLINE': 'web (synonym) 60',
      'channel UNKNOWN': 'other (synonym) 42',
    });
  });

  it('the swapped copy is told as swapped by the earlier rows of its source: every located row rejected, saying so', () => {
    const r = byStep('appeals (swapped copy)');
    expect(r).toMatchObject({ read: 2000, inserted: 0, rejected: 1402 });
    expect(Object.keys(r.rejectedBy!)).toHaveLength(1);
    expect(Object.keys(r.rejectedBy!)[0]).toMatch(
      /^coordinates look swapped .*the file's latitude and longitude columns are swapped/,
    );
    expect(r.figures).toMatchObject({
      coordinates: 'swapped',
      'vote in/swapped/out': '0/500/0 of 500',
      'region from': 'earlier rows of the source "nyc311"',
    });
  });

  it('with "swap": true the copy lands exactly on the original points', () => {
    const r = byStep('appeals (swapped copy, "swap": true)');
    expect(r).toMatchObject({ read: 2000, rejected: 0 });
    expect(r.figures).toMatchObject({
      coordinates: 'swapped',
      'points moved from the original': 0,
      'located after': 1402,
    });
  });
});
