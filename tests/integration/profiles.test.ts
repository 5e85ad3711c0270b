import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { appealMappingSchema, readMappingFile } from '../../lib/ingest/mapping';
import { FIXTURES, ROOT } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

/* Each shipped source profile (examples/profiles) on a realistic export of its source. */
let db: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-prof-'));
const profile = (name: string) =>
  readMappingFile(appealMappingSchema, path.join(ROOT, 'examples/profiles', `${name}.json`));
const fixture = (name: string) => path.join(FIXTURES, 'profiles', `${name}.csv`);
type Row = {
  external_id: string;
  channel: string;
  status: string;
  topic: string;
  is_gratitude: boolean;
  text: string;
  lat: number | null;
  agency: string | null;
  created_at: Date;
};
const rowsOf = (source: string) =>
  db.query<Row>(
    `SELECT a.external_id, a.channel, a.status, a.topic, a.is_gratitude, a.text, ST_Y(a.geom) lat, g.code agency, a.created_at
   FROM appeals a JOIN sources s ON s.id = a.source_id LEFT JOIN agencies g ON g.id = a.agency_id WHERE s.code = $1 ORDER BY a.external_id`,
    [source],
  );

beforeAll(async () => {
  ({ db } = await freshPostgres('profiles'));
  // The data's region (Orenburg oblast, roughly) so swapped coordinates can be told.
  await db.query(`INSERT INTO boundaries (level, code, name, geom) VALUES ('region', '56', 'Оренбургская область',
    ST_Multi(ST_MakeEnvelope(50.7, 50.5, 61.7, 54.4, 4326)))`);
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('«Инцидент Менеджмент»', () => {
  it('imports posts, classifies an uncategorised thanks, rejects an impossible date', async () => {
    const r = await importAppeals(db, fixture('incident-management'), {
      mapping: profile('incident-management'),
      rejectsPath: path.join(tmp, 'im.rej'),
    });
    expect(r).toMatchObject({ read: 5, inserted: 4, rejected: 1 });
    expect(fs.readFileSync(path.join(tmp, 'im.rej'), 'utf8')).toContain('cannot parse date ""31.04.2025 10:00""');
    const rows = await rowsOf('incident_management');
    expect(rows.map((x) => [x.external_id, x.channel, x.status, x.topic, x.is_gratitude])).toEqual([
      ['IM-2025-000101', 'social', 'closed', 'roads', false],
      ['IM-2025-000102', 'social', 'in_progress', 'housing', false],
      ['IM-2025-000103', 'social', 'answered', 'improvement', false],
      ['IM-2025-000104', 'social', 'closed', 'roads', true],
    ]);
    expect(rows[2].lat).toBeNull(); // no coordinates: kept, counted by topic
    expect(rows[0].created_at.toISOString()).toBe('2025-04-14T03:12:00.000Z');
  });
});

describe('ПОС «Решаем вместе»', () => {
  it('imports appeals with category, subcategory, answer date and the responsible agency', async () => {
    const r = await importAppeals(db, fixture('pos-gosuslugi'), {
      mapping: profile('pos-gosuslugi'),
      rejectsPath: path.join(tmp, 'pos.rej'),
    });
    expect(r).toMatchObject({ read: 4, inserted: 4, rejected: 0 });
    const rows = await rowsOf('pos_gosuslugi');
    expect(rows.map((x) => [x.topic, x.status, x.channel])).toEqual([
      ['roads', 'answered', 'pos'],
      ['housing', 'in_progress', 'pos'],
      ['waste', 'closed', 'pos'],
      ['health', 'new', 'pos'],
    ]);
    expect(rows[0].text).toBe(
      'Ямы и выбоины на дороге Большая яма на проезжей части возле дома, машины объезжают по встречной',
    );
    expect(rows[1].agency).toBe('ООО «УК Жилсервис»');
  });
});

describe('«Активный гражданин»', () => {
  it('reads the single coordinates column and rejects swapped coordinates for the region', async () => {
    const r = await importAppeals(db, fixture('active-citizen'), {
      mapping: profile('active-citizen'),
      rejectsPath: path.join(tmp, 'ac.rej'),
    });
    expect(r).toMatchObject({ read: 4, inserted: 3, rejected: 1 });
    expect(fs.readFileSync(path.join(tmp, 'ac.rej'), 'utf8')).toContain(
      'coordinates look swapped (lat 55.103, lon 51.769)',
    );
    const rows = await rowsOf('active_citizen');
    expect(rows.map((x) => [x.external_id, x.topic, x.status, x.lat])).toEqual([
      ['AG-7781', 'improvement', 'closed', 51.8405],
      ['AG-7782', 'improvement', 'in_progress', 51.8121],
      ['AG-7783', 'roads', 'new', null],
    ]);
  });
});

describe('a second import of every profile', () => {
  it('changes nothing', async () => {
    for (const name of ['incident-management', 'pos-gosuslugi', 'active-citizen']) {
      const r = await importAppeals(db, fixture(name), {
        mapping: profile(name),
        rejectsPath: path.join(tmp, `${name}.2.rej`),
      });
      expect(r.inserted + r.updated, name).toBe(0);
    }
  });
});
