import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { importAddresses } from '../../lib/ingest/addresses/importAddresses';
import { addressMappingSchema } from '../../lib/ingest/addresses/mapping';
import { parseMapping } from '../../lib/ingest/mapping';
import { freshPostgres } from '../helpers/db';

/*
 * Issue 26, item 9: a gazetteer's own ids (ФИАС/ГАР GUIDs) are the upsert key when the mapping names external_id:
 * a re-import of the same file changes nothing, a changed text or point under the same id updates that entry (no
 * second one), and two ids may share one address.
 */

let db: Database;
let dir: string;

beforeAll(async () => {
  ({ db } = await freshPostgres('gazetteer_ids'));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-gar-'));
}, 120_000);

afterAll(async () => {
  await db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const mapping = parseMapping(
  addressMappingSchema,
  {
    source: 'gar',
    fields: { external_id: 'OBJECTGUID', text: 'ADDRESS', lat: 'LAT', lon: 'LON' },
  },
  'gar.json',
);

const G1 = '0c5b2444-70a0-4932-980c-b4dc0d3f02b5';
const G2 = '7a1f4b5e-2d3c-4e8f-9a0b-1c2d3e4f5a6b';
const G3 = 'e2b1c3d4-5f6a-4b7c-8d9e-0f1a2b3c4d5e';

function gar(name: string, rows: [string, string, number, number][]): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, stringify([['OBJECTGUID', 'ADDRESS', 'LAT', 'LON'], ...rows]));
  return f;
}

const entries = () =>
  db.query<{ external_id: string; text: string; lat: number; street: string }>(
    `SELECT a.external_id, a.text, ST_Y(a.geom) AS lat, s.name AS street
   FROM addresses a JOIN address_streets s ON s.id = a.street_id JOIN sources src ON src.id = a.source_id
   WHERE src.code = 'gar' ORDER BY a.external_id`,
  );

describe('address mappings take external_id as the upsert key', () => {
  it('imports, re-imports unchanged, updates a changed text or point under the same id without a duplicate', async () => {
    const rows: [string, string, number, number][] = [
      [G1, 'Оренбург, ул. Чкалова, 32', 51.81, 55.1],
      [G2, 'Оренбург, ул. Чкалова, 34', 51.82, 55.11],
      // Another object (a structure on the same plot) at the same address: its own entry.
      [G3, 'Оренбург, ул. Чкалова, 34', 51.82, 55.11],
    ];
    const first = await importAddresses(db, gar('v1.csv', rows), { mapping });
    expect([first.inserted, first.updated, first.unchanged, first.rejected]).toEqual([3, 0, 0, 0]);

    const again = await importAddresses(db, gar('v1-again.csv', rows), { mapping });
    expect([again.inserted, again.updated, again.unchanged, again.rejected]).toEqual([0, 0, 3, 0]);

    // G1 renamed (the street was renamed: another street row), G2 moved; G3 as it was.
    const changed: [string, string, number, number][] = [
      [G1, 'Оренбург, пр-кт Победы, 32', 51.81, 55.1],
      [G2, 'Оренбург, ул. Чкалова, 34', 51.9, 55.11],
      rows[2]!,
    ];
    const third = await importAddresses(db, gar('v2.csv', changed), { mapping });
    expect([third.inserted, third.updated, third.unchanged, third.rejected]).toEqual([0, 2, 1, 0]);

    const now = await entries();
    expect(now.map((e) => e.external_id)).toEqual([G1, G2, G3].sort());
    const byId = new Map(now.map((e) => [e.external_id, e]));
    expect(byId.get(G1)).toMatchObject({ text: 'Оренбург, пр-кт Победы, 32', street: 'пр-кт победы' });
    expect(byId.get(G2)!.lat).toBeCloseTo(51.9, 6);
    expect(byId.get(G3)!.lat).toBeCloseTo(51.82, 6);
    // The street G1 left has no entries now.
    const [old] = await db.query<{ houses: number }>(
      `SELECT houses FROM address_streets WHERE name = 'ул. Чкалова' OR core = 'чкалова'`,
    );
    expect(Number(old?.houses)).toBe(2);
  });

  it('a second row of one id in a file: the last is kept, the earlier rejected by its id', async () => {
    const r = await importAddresses(
      db,
      gar('dup.csv', [
        [G1, 'Оренбург, пр-кт Победы, 30', 51.81, 55.1],
        [G1, 'Оренбург, пр-кт Победы, 32', 51.81, 55.1],
      ]),
      { mapping, rejectsPath: path.join(dir, 'dup.rejects.csv') },
    );
    expect([r.read, r.inserted, r.updated, r.unchanged, r.rejected]).toEqual([2, 0, 0, 1, 1]);
    const rejects = parse(fs.readFileSync(r.rejects)) as string[][];
    expect(rejects.slice(1).map((x) => [x[0], x[2]])).toEqual([
      ['1', `duplicate external id "${G1}" in the file: row 2 is kept`],
    ]);
  });

  it('without a mapping, an external_id column is the key when filled, the normalised address otherwise', async () => {
    const f = path.join(dir, 'plain.csv');
    fs.writeFileSync(
      f,
      stringify([
        ['external_id', 'text', 'lat', 'lon'],
        ['b-1', 'Орск, ул. Ленина, 1', 51.2, 58.6],
        ['', 'Орск, ул. Ленина, 3', 51.2, 58.6],
      ]),
    );
    const first = await importAddresses(db, f);
    expect([first.inserted, first.rejected]).toEqual([2, 0]);
    fs.writeFileSync(
      f,
      stringify([
        ['external_id', 'text', 'lat', 'lon'],
        ['b-1', 'Орск, ул. Ленина, 1а', 51.2, 58.6],
        ['', 'Орск, ул. Ленина, 3', 51.2, 58.6],
      ]),
    );
    const second = await importAddresses(db, f);
    expect([second.inserted, second.updated, second.unchanged]).toEqual([0, 1, 1]);
    const [n] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM addresses WHERE text LIKE 'Орск%'`);
    expect(Number(n?.n)).toBe(2);
  });
});
