import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { briefing } from '../../lib/aggregate/briefing';
import { appealFilterSchema } from '../../lib/domain/filters';
import { readMappingFile } from '../../lib/ingest/mapping';
import { importRoads } from '../../lib/ingest/roads/importRoads';
import { roadMappingSchema } from '../../lib/ingest/roads/mapping';
import { findRequest, findRequests, requestsQuerySchema } from '../../lib/serve/open311/queries';
import { drillAppeals } from '../../lib/store/appealDrill';
import { listAppeals } from '../../lib/store/appealList';
import { segmentDetail } from '../../lib/store/roadsDetail';
import { FIXTURES } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

let db: Database;
let segment: number;
let complaint: number;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-redact-'));
const filter = appealFilterSchema.parse({ gratitude: 'include' });

// The contacts a citizen left in the text; none may reach a role that may not read contacts.
const TEXT =
  'Яма у дома 12, кв. 45 с 2024-05-01. Звоните +7 (912) 345-67-89 или 8 (3532) 77-12-34, тел. 77-56-78, ' +
  'почта ivan.petrov@mail.ru, vk.com/ivan_petrov, @ivan_orb';
const THANKS = 'Спасибо за ремонт! Петров, 89225554433, petrov@yandex.ru';
const SECRETS = [
  '912',
  '345-67-89',
  '3532',
  '77-12-34',
  '77-56-78',
  'ivan.petrov@mail.ru',
  'vk.com',
  '@ivan_orb',
  '89225554433',
  'petrov@yandex.ru',
];

function expectRedacted(text: string | null | undefined, where: string) {
  expect(text, where).toBeTruthy();
  for (const s of SECRETS) expect(text!.includes(s), `${where} contains "${s}": ${text}`).toBe(false);
  expect(text, where).toContain('[телефон скрыт]');
}

beforeAll(async () => {
  ({ db } = await freshPostgres('redact_contacts'));
  const F = (name: string) => path.join(FIXTURES, 'roads', name);
  await importRoads(db, F('network.geojson'), {
    mapping: readMappingFile(roadMappingSchema, F('network.mapping.json')),
    rejectsPath: path.join(tmp, 'r.csv'),
  });
  [{ id: segment }] = await db.query<{ id: number }>(
    `SELECT id FROM road_segments WHERE owner = 'municipal' ORDER BY id LIMIT 1`,
  );
  await db.query(
    `INSERT INTO boundaries (level, code, name, geom) VALUES ('municipality', 'M1', 'Город А', ST_Multi(ST_MakeEnvelope(54.9, 51.6, 55.3, 51.9, 4326)))`,
  );
  const [{ id: src }] = await db.query<{ id: number }>(
    `INSERT INTO sources (code, name) VALUES ('t', 'test') RETURNING id`,
  );
  const h3 = BigInt(`0x${latLngToCell(51.77, 55.1, 9)}`).toString();
  for (const [ext, text, gratitude] of [
    ['c1', TEXT, false],
    ['t1', THANKS, true],
  ] as const) {
    const [{ id }] = await db.query<{ id: number }>(
      `INSERT INTO appeals (source_id, external_id, channel, created_at, status, topic, is_gratitude, text, address, author_pseudonym,
         author_contact, geom, h3, municipality_id, road_segment_id, raw, content_hash)
       VALUES ($1, $2, 'portal', '2026-06-01T10:00:00Z', 'new', 'roads', $3, $4, 'ул. Чкалова, 1', 'p', '+79123456789',
         ST_SetSRID(ST_MakePoint(55.1, 51.77), 4326), $5::bigint, (SELECT id FROM boundaries WHERE code = 'M1'), $6, '{}', 'h')
       RETURNING id`,
      [src, ext, gratitude, text, h3, segment],
    );
    if (ext === 'c1') complaint = Number(id);
  }
}, 120_000);
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('appeal text reaches roles without contacts with phones, e-mails and profiles removed', () => {
  it('road agency: the segment detail behind /api/roads/segments/{id}', async () => {
    const d = await segmentDetail(db, segment, filter, false);
    const a = d.appeals.find((x) => x.id === complaint);
    expectRedacted(a?.text, 'segment detail');
    expect(a!.text).toContain('Яма у дома 12, кв. 45 с 2024-05-01.');
    expect(a!.text).toContain('[e-mail скрыт]');
    expect(a!.text).toContain('[профиль скрыт]');
    // An admin keeps reading the text as written.
    const full = await segmentDetail(db, segment, filter, true);
    expect(full.appeals.find((x) => x.id === complaint)!.text).toBe(TEXT);
  });

  it('analyst: the appeals list and the map drill-down; admin: the list as written', async () => {
    const analyst = await listAppeals(db, filter, 1, 50, false);
    expectRedacted(analyst.items.find((x) => Number(x.id) === complaint)?.text, 'appeals list');
    const admin = await listAppeals(db, filter, 1, 50, true);
    expect(admin.items.find((x) => Number(x.id) === complaint)?.text).toBe(TEXT);
    const drill = await drillAppeals(db, filter, { kind: 'segment', id: segment }, 1, 20, false);
    expectRedacted(drill.rows.find((x) => x.id === complaint)?.text, 'drill-down');
  });

  it('bots: Open311 requests, the list and one request', async () => {
    const list = await findRequests(db, requestsQuerySchema.parse({}), false);
    expectRedacted(list.find((r) => r.service_request_id === String(complaint))?.description, 'open311 list');
    expectRedacted((await findRequest(db, complaint, false))?.description, 'open311 request');
  });

  it('the printed briefing (handed out beyond staff): recent thanks', async () => {
    const b = await briefing(
      db,
      { municipality: 'M1', from: '2026-05-01', to: '2026-06-30' },
      new Date('2026-07-01T00:00:00Z'),
      10,
    );
    expect(b.thanks.recent).toHaveLength(1);
    const t = b.thanks.recent[0].text;
    expect(t).toContain('Спасибо за ремонт! Петров,');
    for (const s of ['89225554433', 'petrov@yandex.ru']) expect(t).not.toContain(s);
  });
});
