import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client';
import { hexagonCounts, hexagonQuerySchema } from '../../lib/aggregate/hexagons';
import { summary } from '../../lib/aggregate/summary';
import { appealFilterSchema } from '../../lib/domain/filters';
import { importAddresses } from '../../lib/ingest/addresses/importAddresses';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { readMappingFile } from '../../lib/ingest/mapping';
import { importRoads } from '../../lib/ingest/roads/importRoads';
import { roadMappingSchema } from '../../lib/ingest/roads/mapping';
import { FIXTURES } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

/*
 * Issue 26: unlocated and coarse appeals fixed by hand through POST /api/appeals/{id}/location, through the app's
 * own route wrapper (Origin check, roles, JSON) on a database of its own. The fixture road «ул. Советская» runs along
 * lat 51.772 from lon 55.100 to 55.105; its gazetteer houses 1, 3, 5 stand 11 m north of it (as geocode-level.test).
 */
vi.mock('server-only', () => ({}));

const BASE = 'http://localhost:3000';
let db: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-appeal-location-'));
const all = appealFilterSchema.parse({ gratitude: 'include' });
let app: {
  getAuth: typeof import('../../lib/auth/server').getAuth;
  POST: (req: Request) => Promise<Response>;
  closeDb: () => Promise<void>;
};
const cookies: Record<string, string> = {};

async function signIn(email: string, password: string): Promise<string> {
  const auth = await app.getAuth();
  const res = await auth.api.signInEmail({
    body: { email, password },
    headers: new Headers({ origin: BASE, host: 'localhost:3000' }),
    asResponse: true,
  });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

const post = async (id: number | string, body: unknown, who: string | null = 'analyst') => {
  const res = await app.POST(
    new Request(`${BASE}/api/appeals/${id}/location`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: {
        'content-type': 'application/json',
        origin: BASE,
        host: 'localhost:3000',
        'accept-language': 'ru',
        ...(who ? { cookie: cookies[who]! } : {}),
      },
    }),
  );
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { error?: { message?: string } } };
};

interface Row {
  id: number;
  geocode_level: string;
  res: number | null;
  road_segment_id: number | null;
  location_source: string | null;
  municipality_id: number | null;
  lat: number | null;
  lon: number | null;
}
const appeal = async (ext: string) =>
  (
    await db.query<Row>(
      `SELECT id, geocode_level, ((h3 >> 52) & 15)::int AS res, road_segment_id, location_source, municipality_id, ST_Y(geom) AS lat, ST_X(geom) AS lon
   FROM appeals WHERE external_id = $1`,
      [ext],
    )
  )[0]!;
const cells = async (res: number, bbox?: string) =>
  (
    await hexagonCounts(
      db,
      hexagonQuerySchema.parse({ gratitude: 'include', res: String(res), ...(bbox ? { bbox } : {}) }),
    )
  ).total;
const NEAR = '55.09,51.76,55.12,51.78';
// The map's answers are keyed by the data version, which the app reads at most once a second (lib/aggregate/cache.ts):
// a second after a write every count (rollup, in-memory cube and its deltas, appeals) has it.
const counts = async () => ({
  ...(await new Promise((r) => setTimeout(r, 1100)).then(() => ({}))),
  ...((await summary(db, all)) as unknown as { total: number; withoutLocation: number; coarseLocation: number }),
  r9: await cells(9),
  r8: await cells(8),
  r7: await cells(7),
  near9: await cells(9, NEAR),
  near7: await cells(7, NEAR),
});
const messageOf = (j: { error?: { message?: string } } & Record<string, unknown>) =>
  String(j.error?.message ?? j.message ?? JSON.stringify(j));

beforeAll(async () => {
  let url: string;
  ({ db, url } = await freshPostgres('appeal_location'));
  // The app's modules open the process-wide database from the environment on first use (and env() is read once).
  vi.stubEnv('DATABASE_URL', url);
  const F = (name: string) => path.join(FIXTURES, 'roads', name);
  await importRoads(db, F('network.geojson'), {
    mapping: readMappingFile(roadMappingSchema, F('network.mapping.json')),
    rejectsPath: path.join(tmp, 'roads.csv'),
  });
  const gazetteer = path.join(tmp, 'addresses.csv');
  fs.writeFileSync(
    gazetteer,
    'text,locality,street,house,lat,lon\n' +
      ['1,55.1010', '3,55.1020', '5,55.1030']
        .map((x) => {
          const [h, lon] = x.split(',');
          return `"г. Оренбург, ул. Советская, ${h}",Оренбург,улица Советская,${h},51.7721,${lon}`;
        })
        .join('\n') +
      '\n',
  );
  expect(await importAddresses(db, gazetteer, { rejectsPath: path.join(tmp, 'ra.csv') })).toMatchObject({
    inserted: 3,
  });
  const appeals = path.join(tmp, 'appeals.csv');
  fs.writeFileSync(
    appeals,
    'external_id,created_at,topic,text,address,lat,lon\n' +
      'H-1,2025-04-01T10:00:00Z,roads,Яма,"г. Оренбург, ул. Советская, 3",,\n' +
      'S-1,2025-04-01T11:00:00Z,roads,Яма у дома,"г. Оренбург, ул. Советская",,\n' +
      'P-1,2025-04-01T12:00:00Z,roads,Яма,,51.7722,55.1025\n' +
      'N-1,2025-04-01T13:00:00Z,roads,Выбоина,"г. Оренбург, ул. Несуществующая, 5",,\n' +
      'N-2,2025-04-01T14:00:00Z,roads,Выбоина,,,\n',
  );
  expect(await importAppeals(db, appeals, { rejectsPath: path.join(tmp, 'rap.csv') })).toMatchObject({
    read: 5,
    inserted: 5,
  });
  const server = await import('../../lib/auth/server');
  const { closeDb } = await import('../../db');
  const users = await import('../../lib/auth/users');
  const { route } = await import('../../lib/serve/http');
  const { appealLocationHandler } = await import('../../lib/serve/appealLocation');
  // As app/api/appeals/[id]/location/route.ts does (the test has no @/ path alias).
  app = { getAuth: server.getAuth, POST: route('/api/appeals/[id]/location', appealLocationHandler), closeDb };
  for (const [role, owner] of [
    ['analyst', null],
    ['admin', null],
    ['road_agency', 'municipal'],
  ] as const) {
    await users.upsertUser(db, { email: `${role}@test.pmap`, password: `${role}-password-1`, role, owner });
    cookies[role] = await signIn(`${role}@test.pmap`, `${role}-password-1`);
  }
}, 180_000);
afterAll(async () => {
  await app?.closeDb();
  await db?.close();
  vi.unstubAllEnvs();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('placing an appeal by hand (POST /api/appeals/{id}/location)', () => {
  it('starts as the import left it: N-1, N-2 unlocated, S-1 street-level', async () => {
    expect((await appeal('N-1')).geocode_level).toBe('none');
    expect((await appeal('N-2')).geocode_level).toBe('none');
    expect(await appeal('S-1')).toMatchObject({ geocode_level: 'street', res: 7, road_segment_id: null });
    expect(await counts()).toMatchObject({
      total: 5,
      withoutLocation: 2,
      coarseLocation: 1,
      r9: 2,
      r8: 2,
      r7: 3,
      near9: 2,
      near7: 3,
    });
  });

  it('only staff may: anonymous 401, road agency 403, and nothing changes', async () => {
    const n1 = await appeal('N-1');
    expect((await post(n1.id, { lat: 51.7722, lon: 55.1015 }, null)).status).toBe(401);
    expect((await post(n1.id, { lat: 51.7722, lon: 55.1015 }, 'road_agency')).status).toBe(403);
    expect(await appeal('N-1')).toMatchObject({ geocode_level: 'none', lat: null });
  });

  it("refuses coordinates out of range or outside the data's region, with a Russian message", async () => {
    const n1 = await appeal('N-1');
    expect((await post(n1.id, { lat: 95, lon: 55.1 })).status).toBe(400);
    expect((await post(n1.id, { lat: '51.77', lon: 55.1 })).status).toBe(400);
    expect((await post(n1.id, { lat: 51.77, lon: 55.1, address: 'x' })).status).toBe(400);
    // Moscow, and the same point with latitude and longitude swapped: far from Orenburg's roads and addresses.
    for (const p of [
      { lat: 55.75, lon: 37.62 },
      { lat: 55.1015, lon: 51.7722 },
    ]) {
      const r = await post(n1.id, p);
      expect(r.status).toBe(400);
      expect(messageOf(r.json)).toMatch(/вне района данных/);
    }
    expect((await post(999_999, { lat: 51.7722, lon: 55.1015 })).status).toBe(404);
    expect(await appeal('N-1')).toMatchObject({ geocode_level: 'none', lat: null });
  });

  it('refuses an address found to its street only, and one not found', async () => {
    const n1 = await appeal('N-1');
    const street = await post(n1.id, { address: 'г. Оренбург, ул. Советская' });
    expect(street.status).toBe(400);
    expect(messageOf(street.json)).toMatch(/только до улицы/);
    const none = await post(n1.id, { address: 'г. Оренбург, ул. Несуществующая, 5' });
    expect(none.status).toBe(400);
    expect(messageOf(none.json)).toMatch(/не найден/);
    expect(await appeal('N-1')).toMatchObject({ geocode_level: 'none', lat: null });
  });

  it('none → point: the appeal gets its res-9 cell, its road segment; the counts move, totals unchanged', async () => {
    const before = await counts();
    const n1 = await appeal('N-1');
    const r = await post(n1.id, { lat: 51.7722, lon: 55.1015 });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: Number(n1.id), level: 'point', lat: 51.7722, lon: 55.1015 });
    const now = await appeal('N-1');
    expect(now).toMatchObject({ geocode_level: 'point', res: 9, location_source: 'manual' });
    expect(now.road_segment_id).not.toBeNull();
    expect(r.json.roadSegmentId).toBe(Number(now.road_segment_id));
    const after = await counts();
    expect(after).toMatchObject({
      total: before.total,
      withoutLocation: before.withoutLocation - 1,
      coarseLocation: before.coarseLocation,
      r9: before.r9 + 1,
      r8: before.r8 + 1,
      r7: before.r7 + 1,
      near9: before.near9 + 1,
      near7: before.near7 + 1,
    });
    expect((await summary(db, appealFilterSchema.parse({ gratitude: 'include', location: 'none' }))).total).toBe(1);
  });

  it('street → house by address (admin too): res 7 becomes res 9, the road is snapped; coarse count drops', async () => {
    const before = await counts();
    const s1 = await appeal('S-1');
    const r = await post(s1.id, { address: 'г. Оренбург, ул. Советская, 5' }, 'admin');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ level: 'house', lat: 51.7721, lon: 55.103 });
    const now = await appeal('S-1');
    expect(now).toMatchObject({ geocode_level: 'house', res: 9, location_source: 'manual' });
    expect(now.road_segment_id).not.toBeNull();
    const after = await counts();
    // At res 7 it was already counted (its res-7 cell): the total there stays; res 8–9 gain it.
    expect(after).toMatchObject({
      total: before.total,
      withoutLocation: before.withoutLocation,
      coarseLocation: before.coarseLocation - 1,
      r9: before.r9 + 1,
      r8: before.r8 + 1,
      r7: before.r7,
      near9: before.near9 + 1,
      near7: before.near7,
    });
    expect((await summary(db, appealFilterSchema.parse({ gratitude: 'include', location: 'coarse' }))).total).toBe(0);
  });

  it('records each change in the audit log: who, role, from → to', async () => {
    const log = await db.query<{
      actor: string;
      role: string;
      action: string;
      filter: { appeal: number; address?: string; from: Record<string, unknown>; to: Record<string, unknown> };
    }>(`SELECT actor, role, action, filter FROM audit_log WHERE action = 'appeal location' ORDER BY id`);
    expect(log.length).toBe(2);
    const n1 = await appeal('N-1');
    const s1 = await appeal('S-1');
    expect(log[0]).toMatchObject({ actor: 'analyst@test.pmap', role: 'analyst' });
    expect(log[0]!.filter).toMatchObject({
      appeal: Number(n1.id),
      from: { level: 'none', lat: null, h3: null },
      to: { level: 'point', lat: 51.7722, lon: 55.1015 },
    });
    expect(log[1]).toMatchObject({ actor: 'admin@test.pmap', role: 'admin' });
    expect(log[1]!.filter).toMatchObject({
      appeal: Number(s1.id),
      address: 'г. Оренбург, ул. Советская, 5',
      from: { level: 'street' },
      to: { level: 'house' },
    });
    expect(log[1]!.filter.from.h3).not.toBe(log[1]!.filter.to.h3);
  });

  it('a re-import of the same rows (changed) keeps the places fixed by hand', async () => {
    // The same file name: the same source.
    fs.mkdirSync(path.join(tmp, 'again'), { recursive: true });
    const appeals = path.join(tmp, 'again', 'appeals.csv');
    fs.writeFileSync(
      appeals,
      'external_id,created_at,topic,text,address,lat,lon\n' +
        'S-1,2025-04-01T11:00:00Z,roads,Яма у дома (повторно),"г. Оренбург, ул. Советская",,\n' +
        'N-1,2025-04-01T13:00:00Z,roads,Выбоина (повторно),"г. Оренбург, ул. Несуществующая, 5",,\n',
    );
    expect(await importAppeals(db, appeals, { rejectsPath: path.join(tmp, 'rap2.csv') })).toMatchObject({
      read: 2,
      updated: 2,
    });
    expect(await appeal('S-1')).toMatchObject({ geocode_level: 'house', res: 9, location_source: 'manual' });
    expect(await appeal('N-1')).toMatchObject({
      geocode_level: 'point',
      res: 9,
      location_source: 'manual',
      lat: 51.7722,
    });
  });
});
