import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { pmap, ROOT, SHARED_DATA } from '../helpers/cli';

/* The embedded path: the same commands as the integration tests, on PGlite + PostGIS in a fresh data dir. */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-smoke-'));
const env = { DATABASE_URL: '', PMAP_DATA_DIR: path.join(tmp, 'pglite'), PMAP_REJECTS_DIR: path.join(tmp, 'rejects') };
const nyc = path.join(SHARED_DATA, 'nyc311_sample_2011.csv');
let app: ChildProcess | undefined;

afterAll(() => {
  if (app?.pid) process.kill(-app.pid, 'SIGTERM');
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('embedded database (PGlite)', () => {
  it('imports the NYC sample, and a re-import inserts nothing', () => {
    const a = pmap(['import', 'appeals', nyc, '--mapping', 'examples/nyc311.json', '--json'], env);
    expect(a.stderr).not.toContain('unexpected');
    expect(a.json).toMatchObject({ read: 2000, inserted: 2000, rejected: 0 });
    const b = pmap(['import', 'appeals', nyc, '--mapping', 'examples/nyc311.json', '--json'], env);
    expect(b.json).toMatchObject({ read: 2000, inserted: 0, unchanged: 2000 });
  });

  it('imports the Kaliningrad boundaries and exports with the contract columns', () => {
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
    expect(b.json).toMatchObject({ read: 396, inserted: 396, rejected: 0 });
    const out = path.join(tmp, 'out.csv');
    const e = pmap(['export', 'appeals', '--out', out, '--json'], env);
    expect(e.json).toMatchObject({ rows: 2000 });
    expect(fs.readFileSync(out, 'utf8').split('\n')[0]).toContain('municipality_name');
  });

  it('a big import groups its problems in-process right after the commit (issue 21: no queue on PGlite)', () => {
    // PMAP_GROUP_INLINE_MAX=0 makes the 2,000 rows "big": the import commits, then groups before it returns.
    const own = { ...env, PMAP_DATA_DIR: path.join(tmp, 'pglite-after'), PMAP_GROUP_INLINE_MAX: '0' };
    const a = pmap(['import', 'appeals', nyc, '--mapping', 'examples/nyc311.json', '--json'], own);
    expect(a.code, a.stderr).toBe(0);
    expect(a.json).toMatchObject({ inserted: 2000, grouping: { after_commit: true, awaiting: 0 } });
    const out = path.join(tmp, 'after.csv');
    expect(pmap(['export', 'appeals', '--out', out, '--json'], own).json).toMatchObject({ rows: 2000 });
    const [head, ...rows] = fs
      .readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    const lat = head.indexOf('lat');
    const problem = head.indexOf('problem_id');
    const located = rows.filter((r) => r[lat] !== '');
    expect(located.length).toBeGreaterThan(1000);
    // Every located appeal of this sample is a complaint (no thanks), so every one has its problem.
    expect(located.filter((r) => r[problem] === '')).toEqual([]);
    const w = pmap(['worker', '--json'], own);
    expect(w.json).toMatchObject({ grouped: 0, awaiting: 0 });
  });

  it('a second process on the same data dir is refused with a clear message', async () => {
    const db = await openDatabase({ dataDir: env.PMAP_DATA_DIR });
    try {
      const r = pmap(['import', 'appeals', nyc, '--mapping', 'examples/nyc311.json'], env);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toMatch(new RegExp(`is in use by process ${process.pid} `));
    } finally {
      await db.close();
    }
    expect(fs.existsSync(`${env.PMAP_DATA_DIR}.lock`)).toBe(false);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('README command 1 (npm start) on a fresh data dir', () => {
  it('seeds the demo data by itself and serves the map API from the embedded database', async () => {
    const port = await freePort();
    const dataDir = path.join(tmp, 'app');
    app = spawn('bash', [path.join(ROOT, 'scripts/start.sh')], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: '', PMAP_DATA_DIR: dataDir, PORT: String(port), PMAP_DEMO_APPEALS: '20000' },
    });
    let log = '';
    app.stdout!.on('data', (d) => (log += d));
    app.stderr!.on('data', (d) => (log += d));
    const base = `http://127.0.0.1:${port}`;
    let health: unknown = null;
    for (let i = 0; i < 400 && !health; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      health = await fetch(`${base}/api/health`).then(
        (r) => (r.ok ? r.json() : null),
        () => null,
      );
      if (app.exitCode !== null) throw new Error(`npm start exited ${app.exitCode}: ${log.slice(-2000)}`);
    }
    expect(health).toMatchObject({ db: 'embedded', postgis: expect.stringMatching(/^3\./) });
    // It runs as production, so it made secrets of its own beside the data, readable by the owner only.
    const secrets = fs.readFileSync(path.join(tmp, 'secrets.env'), 'utf8');
    expect(secrets).toMatch(/^PMAP_AUTH_SECRET=[A-Za-z0-9+/]{48}\nPMAP_PSEUDONYM_KEY=[A-Za-z0-9+/]{48}\n$/);
    expect(fs.statSync(path.join(tmp, 'secrets.env')).mode & 0o077).toBe(0);
    // The demo's analyst can sign in and sees the seeded appeals; anonymous visitors are sent to the login page.
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: 'analyst@demo.pmap', password: 'demo-analyst-2026' }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const hex = await (
      await fetch(`${base}/api/appeals/hexagons?res=5&gratitude=include`, { headers: { cookie } })
    ).json();
    expect(hex.total).toBeGreaterThan(15000); // 20,000 generated, ~8% without coordinates
    expect((await fetch(`${base}/map`, { headers: { cookie } })).status).toBe(200);
    const anonymous = await fetch(`${base}/map`, { redirect: 'manual' });
    expect(anonymous.headers.get('location')).toContain('/login?next=%2Fmap');
  }, 600_000);
});
