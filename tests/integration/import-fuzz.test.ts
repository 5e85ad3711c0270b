import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { pmap } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';
import { FUZZ_KINDS, fuzzGeojson, importArgs, writeFuzzFiles, type FuzzKind } from '../helpers/fuzz';

/*
 * Issue 26, acceptance: every importer fed 1,000 rows of fuzzed input (random bytes, huge fields, wrong types,
 * invalid geometry, NUL, unpaired surrogates, stray quotes) through the `pmap` CLI: every row is accounted for
 * (read = inserted + updated + unchanged + rejected, one rejects-file row per rejected row), and the process exits 0,
 * or 1 with one line on stderr; never a stack trace. The seed makes the input the same on every run.
 */

const ROWS = 1000;
const SEED = 'issue-26-fuzz';

let db: Database;
let url: string;
let dir: string;

beforeAll(async () => {
  ({ db, url } = await freshPostgres('import_fuzz'));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-fuzz-'));
}, 120_000);

afterAll(async () => {
  await db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const STACK = /^\s+at .+[(:]\d+/m;

/** Runs one import, checks the exit contract, and returns its --json result (null when it exited 1). */
function run(kind: FuzzKind, file: string) {
  const rejects = `${file}.rejects.csv`;
  const r = pmap(importArgs(kind, file, rejects), { DATABASE_URL: url, PMAP_DEBUG: undefined });
  expect([0, 1], `${path.basename(file)}: exit ${r.code}\n${r.stderr.slice(0, 2000)}`).toContain(r.code);
  expect(r.stderr, path.basename(file)).not.toMatch(STACK);
  if (r.code === 1) {
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('note: ') && !/rows\/s/.test(l));
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^pmap: /);
    return null;
  }
  const j = r.json as { read: number; inserted: number; updated: number; unchanged: number; rejected: number };
  expect(j, r.stdout.slice(-500)).not.toBeNull();
  expect(j.read).toBe(j.inserted + j.updated + j.unchanged + j.rejected);
  expect(Math.min(j.inserted, j.updated, j.unchanged, j.rejected)).toBeGreaterThanOrEqual(0);
  const listed = parse(fs.readFileSync(rejects), { relax_column_count: true }) as string[][];
  expect(listed.length - 1, 'one rejects-file row per rejected row').toBe(j.rejected);
  return j;
}

describe('fuzzed input through pmap import', () => {
  // In FUZZ_KINDS order, in one database: plans join the fuzzed roads, appeals and points meet the boundaries.
  for (const kind of FUZZ_KINDS) {
    it(`${kind}: ${ROWS} fuzzed rows, each accounted for; exit 0 or 1 with one line`, () => {
      const files = writeFuzzFiles(dir, kind, ROWS, SEED);
      const geo = run(kind, files.geojson);
      // A GeoJSON feature is a row whatever it holds: the file is read to its end.
      expect(geo?.read).toBe(ROWS);
      // Plausible rows import whatever their neighbours hold (plans need a fuzzed road that imported).
      expect(geo!.inserted + geo!.updated).toBeGreaterThan(kind === 'plans' ? 0 : ROWS / 10);
      if (files.csv) {
        // Every cell quoted: the file keeps its 1,000 records whatever bytes they hold.
        const c = run(kind, files.csv);
        expect(c?.read).toBe(ROWS);
        expect(c!.inserted + c!.updated).toBeGreaterThan(kind === 'plans' ? 0 : ROWS / 10);
      }
      if (files.broken) run(kind, files.broken);
    }, 300_000);
  }
});

describe('whole files that are not what they claim', () => {
  const bytes = (n: number, seed: string) => {
    const r = seedrandom(seed);
    return Buffer.from(Array.from({ length: n }, () => Math.floor(r() * 256)));
  };
  const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
  const cases: [FuzzKind, string, () => Buffer | string][] = [
    ['appeals', 'random.ndjson', () => bytes(30_000, 'ndjson')],
    [
      'appeals',
      'deep.json',
      () => `[${nested(100_000)}, {"external_id": "x1", "created_at": "2024-01-01T00:00:00Z", "v": ${nested(5_000)}}]`,
    ],
    ['boundaries', 'random.geojson', () => bytes(30_000, 'geojson')],
    ['addresses', 'random.csv', () => bytes(30_000, 'csv')],
    // A zip cut short: its local header, no end-of-archive record.
    ['roads', 'cut.zip', () => Buffer.concat([Buffer.from('PK\x03\x04'), bytes(2_000, 'zip')])],
    ['plans', 'cut.geojson', () => fuzzGeojson('plans', 200, SEED).slice(0, 20_000)],
  ];
  for (const [kind, name, make] of cases) {
    it(`${kind} ${name}: exit 0 with every row accounted for, or 1 with one line`, () => {
      const file = path.join(dir, `whole-${name}`);
      fs.writeFileSync(file, make());
      const j = run(kind, file);
      if (name === 'deep.json') expect(j).toMatchObject({ read: 2, rejected: 2 });
    }, 120_000);
  }
});
