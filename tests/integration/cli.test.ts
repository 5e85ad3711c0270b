import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { FIXTURES, pmap, ROOT, SHARED_DATA } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

let db: Database;
let env: Record<string, string>;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-cli-'));
const nyc = path.join(SHARED_DATA, 'nyc311_sample_2011.csv');

beforeAll(async () => {
  const fresh = await freshPostgres('cli');
  db = fresh.db;
  env = { DATABASE_URL: fresh.url, PMAP_REJECTS_DIR: tmp };
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('pmap import appeals (contract.md)', () => {
  it('prints one JSON object on the last stdout line, progress and notes on stderr', () => {
    const r = pmap(['import', 'appeals', nyc, '--mapping', 'examples/nyc311.json', '--json'], env);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ read: 2000, inserted: 2000, updated: 0, unchanged: 0, rejected: 0 });
    expect(fs.existsSync(String(r.json!.rejects))).toBe(true);
    expect(r.stderr).toContain('598 rows have no coordinates');
    // Not a terminal: plain progress lines, the last one at 100 %, then the saving steps by name.
    const lines = r.stderr.split('\n');
    expect(lines.filter((l) => /^appeals: 100% 2,000 rows, [\d,]+ rows\/s, ETA 0 s$/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('appeals: saving'))).toEqual([
      'appeals: saving, step 1/5: duplicates within the file',
      'appeals: saving, step 2/5: grouping appeals into problems',
      'appeals: saving, step 3/5: writing the appeals',
      'appeals: saving, step 4/5: addresses, districts and roads',
      'appeals: saving, step 5/5: rebuilding indexes',
    ]);
  });

  it('a second run inserts 0', () => {
    const r = pmap(['import', 'appeals', nyc, '--mapping', 'examples/nyc311.json', '--json'], env);
    expect(r.json).toMatchObject({ read: 2000, inserted: 0, unchanged: 2000 });
  });

  it('an unknown mapping key exits 1 with a one-line message naming it', () => {
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(
      bad,
      JSON.stringify({ source: 'x', fields: { external_id: 'Unique Key', created_at: 'Created Date' }, chanel: 'web' }),
    );
    const r = pmap(['import', 'appeals', nyc, '--mapping', bad, '--json'], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([`pmap: ${bad}: unknown key "chanel" in the mapping`]);
  });

  it('an unknown field inside "fields" is named too', () => {
    const bad = path.join(tmp, 'bad2.json');
    fs.writeFileSync(
      bad,
      JSON.stringify({
        source: 'x',
        fields: { external_id: 'Unique Key', created_at: 'Created Date', adress: 'Incident Address' },
      }),
    );
    const r = pmap(['import', 'appeals', nyc, '--mapping', bad], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"fields\.adress"|"adress"/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a missing file exits 1 and says which', () => {
    const r = pmap(['import', 'appeals', '/nonexistent/appeals.csv', '--json'], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('pmap: /nonexistent/appeals.csv: file not found');
  });

  it('an unbalanced quote exits 1 with the file and line', () => {
    const r = pmap(
      [
        'import',
        'appeals',
        path.join(FIXTURES, 'unbalanced_quote.csv'),
        '--mapping',
        path.join(FIXTURES, 'appeals_ru.mapping.json'),
      ],
      env,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unbalanced_quote\.csv, line 4: a quote is opened and never closed \(unbalanced quote\)/);
  });

  it('an empty file exits 1', () => {
    const r = pmap(['import', 'appeals', path.join(FIXTURES, 'empty.csv')], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/empty\.csv: the file is empty/);
  });
});

describe('pmap import boundaries + export appeals', () => {
  it('imports the 396 Kaliningrad settlements and exports the contract columns', () => {
    const b = pmap(
      [
        'import',
        'boundaries',
        path.join(SHARED_DATA, 'kaliningrad_settlements_osm.geojson'),
        '--level',
        'municipality',
        '--name-property',
        'населенный_пункт',
        '--json',
      ],
      env,
    );
    expect(b.code).toBe(0);
    expect(b.json).toMatchObject({ read: 396, inserted: 396, rejected: 0 });
    const out = path.join(tmp, 'appeals.csv');
    const e = pmap(['export', 'appeals', '--out', out, '--format', 'csv', '--topic', 'roads', '--json'], env);
    expect(e.code).toBe(0);
    const header = fs.readFileSync(out, 'utf8').split('\n')[0].split(',');
    for (const c of [
      'source',
      'external_id',
      'created_at',
      'channel',
      'status',
      'topic',
      'lat',
      'lon',
      'h3',
      'municipality_code',
      'municipality_name',
      'road_segment_id',
      'problem_id',
      'geocode_confidence',
      'topic_confidence',
      'is_gratitude',
    ]) {
      expect(header).toContain(c);
    }
    const rows = fs.readFileSync(out, 'utf8').trim().split('\n').length - 1;
    expect(e.json).toMatchObject({ rows });
    expect(rows).toBeGreaterThan(300); // the NYC sample's road complaints
  });

  it('a bad filter value exits 1', () => {
    const r = pmap(['export', 'appeals', '--out', path.join(tmp, 'x.csv'), '--topic', 'potholes'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--topic');
  });
});

it('pmap --help lists the commands', () => {
  const r = pmap(['--help'], {});
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('import');
  expect(r.stdout).toContain('seed-demo');
  expect(fs.existsSync(path.join(ROOT, 'examples/nyc311.json'))).toBe(true);
});
