import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { publicHexagons } from '../../lib/aggregate/publicHexagons';
import { upsertUser } from '../../lib/auth/users';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { listAppeals } from '../../lib/store/appealList';
import { pmap } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

let db: Database;
let url: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-priv-'));

// Two places far apart: A gets 8 appeals from 4 citizens, B 6 appeals from 5 citizens, plus 3 anonymous ones.
const A = { lat: 51.77, lon: 55.1 };
const B = { lat: 52.5, lon: 57.0 };

beforeAll(async () => {
  ({ db, url } = await freshPostgres('privacy'));
  const rows = ['external_id,created_at,topic,text,author,lat,lon'];
  let n = 0;
  for (let i = 0; i < 8; i++)
    rows.push(`a${n++},2025-03-0${1 + (i % 5)}T10:00:00Z,roads,Яма,Автор ${i % 4},${A.lat},${A.lon}`);
  for (let i = 0; i < 6; i++)
    rows.push(`b${n++},2025-03-0${1 + (i % 5)}T10:00:00Z,roads,Яма,Житель ${i % 5},${B.lat},${B.lon}`);
  for (let i = 0; i < 3; i++) rows.push(`c${n++},2025-03-01T10:00:00Z,roads,Яма,,${A.lat},${A.lon}`);
  rows.push(`d${n++},2025-03-01T10:00:00Z,roads,"+7 (3532) 11-22-33, Иванова Анна",Иванова Анна,${B.lat},${B.lon}`);
  fs.writeFileSync(path.join(tmp, 'k.csv'), rows.join('\n'));
  await importAppeals(db, path.join(tmp, 'k.csv'), { rejectsPath: path.join(tmp, 'k.rej') });
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('k-suppression of public aggregates', () => {
  it('hides a cell with 4 distinct citizens and shows one with 6', async () => {
    const r = await publicHexagons(db, { res: 7 });
    const cellA = cellToParent(latLngToCell(A.lat, A.lon, 9), 7);
    const cellB = cellToParent(latLngToCell(B.lat, B.lon, 9), 7);
    expect(r.cells).toEqual([{ h3: cellB, count: 7 }]);
    expect(r.cells.find((c) => c.h3 === cellA)).toBeUndefined();
    expect(r.suppressed).toBe(1);
  });
});

describe('authors', () => {
  it('are stored as pseudonyms; the raw contact is only listed for admins', async () => {
    const analyst = await listAppeals(db, { gratitude: 'include' }, 1, 50, false);
    const admin = await listAppeals(db, { gratitude: 'include' }, 1, 50, true);
    expect(analyst.items.every((a) => a.authorContact === null)).toBe(true);
    expect(analyst.items.map((a) => a.author).join(' ')).not.toContain('Иванова');
    expect(admin.items.map((a) => a.authorContact)).toContain('Иванова Анна');
    const distinct = new Set(analyst.items.filter((a) => a.author).map((a) => a.author));
    expect(distinct.size).toBe(4 + 5 + 1);
  });
});

describe('audit log', () => {
  it('records a CLI export: who, which filter, how many rows', async () => {
    const r = pmap(
      ['export', 'appeals', '--out', path.join(tmp, 'e.csv'), '--topic', 'roads', '--from', '2025-03-02', '--json'],
      { DATABASE_URL: url },
    );
    expect(r.code).toBe(0);
    const [row] = await db.query<{
      actor: string;
      action: string;
      filter: { topic: string[]; from: string };
      rows: number;
    }>(`SELECT actor, action, filter, rows FROM audit_log ORDER BY id DESC LIMIT 1`);
    expect(row.actor).toBe(`cli:${os.userInfo().username}`);
    expect(row.action).toBe('export appeals csv');
    expect(row.filter).toMatchObject({ topic: ['roads'], from: '2025-03-02' });
    expect(row.rows).toBe(r.json!.rows);
    expect(row.rows).toBeGreaterThan(0);
  });
});

describe('accounts', () => {
  it('pmap user create makes and then updates a user; passwords are Argon2id hashes', async () => {
    const c = pmap(
      [
        'user',
        'create',
        '--email',
        'Boss@Example.org',
        '--password',
        'correct-horse-battery',
        '--role',
        'admin',
        '--json',
      ],
      { DATABASE_URL: url },
    );
    expect(c.code).toBe(0);
    expect(c.json).toEqual({ email: 'boss@example.org', role: 'admin', created: true });
    const u = pmap(
      [
        'user',
        'create',
        '--email',
        'boss@example.org',
        '--password',
        'correct-horse-battery',
        '--role',
        'road_agency',
        '--owner',
        'regional',
        '--json',
      ],
      { DATABASE_URL: url },
    );
    expect(u.json).toEqual({ email: 'boss@example.org', role: 'road_agency', created: false });
    const [acc] = await db.query<{ password: string; role: string; owner: string }>(
      `SELECT a.password, u.role, u.owner FROM auth_users u JOIN auth_accounts a ON a."userId" = u.id WHERE u.email = 'boss@example.org'`,
    );
    expect(acc.password).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(acc).toMatchObject({ role: 'road_agency', owner: 'regional' });
  });

  it('refuses a road agency without an owner and a short password', async () => {
    await expect(upsertUser(db, { email: 'r@x.org', password: 'long-enough-1', role: 'road_agency' })).rejects.toThrow(
      /--owner/,
    );
    const r = pmap(['user', 'create', '--email', 'a@x.org', '--password', 'short', '--role', 'analyst'], {
      DATABASE_URL: url,
    });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('pmap: --password: at least 10 characters');
  });
});
