import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { detectFormat } from '../../lib/ingest/readers';
import { FIXTURES } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

let db: Database;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-o311-'));
const file = path.join(FIXTURES, 'open311_requests.json');

beforeAll(async () => {
  ({ db } = await freshPostgres('open311_import'));
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('Open311 GeoReport v2 requests array', () => {
  it('is recognised from its fields', () => {
    expect(detectFormat(file)).toBe('open311');
  });

  it('imports service code → topic, status, agency, extended_attributes.channel, and keeps the notes history', async () => {
    const r = await importAppeals(db, file, { rejectsPath: path.join(tmp, 'r.csv') });
    expect(r).toMatchObject({ read: 3, inserted: 2, rejected: 1 });
    expect(fs.readFileSync(path.join(tmp, 'r.csv'), 'utf8')).toContain(
      'column ""requested_datetime"": the creation date is empty',
    );
    const rows = await db.query<{
      external_id: string;
      topic: string;
      status: string;
      channel: string;
      agency: string | null;
      text: string;
      raw: { notes?: unknown[]; status_notes?: string };
    }>(
      `SELECT a.external_id, a.topic, a.status, a.channel, g.code agency, a.text, a.raw FROM appeals a
       LEFT JOIN agencies g ON g.id = a.agency_id ORDER BY a.external_id`,
    );
    expect(rows.map((x) => [x.external_id, x.topic, x.status, x.channel, x.agency])).toEqual([
      ['638344', 'roads', 'closed', 'bot', 'МКУ «Дорожное хозяйство»'],
      ['638345', 'improvement', 'new', 'hotline', null], // a foreign service code: classified from the text
    ]);
    expect(rows[0].raw.notes).toEqual([{ datetime: '2025-04-15T09:00:00+05:00', summary: 'Передано подрядчику' }]);
    expect(rows[0].raw.status_notes).toBe('Яма заделана');
    expect(rows[1].text).toBe('Street light out Не горит фонарь во дворе');
  });
});
