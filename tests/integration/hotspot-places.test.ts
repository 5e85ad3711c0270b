import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { cellPlaces, placeLabel } from '../../lib/store/hotspotPlaces';
import { freshPostgres } from '../helpers/db';

let db: Database;

beforeAll(async () => {
  ({ db } = await freshPostgres('hotspot_places'));
  // Two municipalities side by side at longitude 55.10; two named streets and one unnamed in the western one.
  await db.query(`INSERT INTO boundaries (level, code, name, geom) VALUES
    ('municipality', 'w', 'Западный район', ST_Multi(ST_MakeEnvelope(55.00, 51.70, 55.10, 51.80, 4326))),
    ('municipality', 'e', 'Восточный район', ST_Multi(ST_MakeEnvelope(55.10, 51.70, 55.20, 51.80, 4326)))`);
  const [{ id: src }] = await db.query<{ id: number }>(
    `INSERT INTO sources (code, name, kind) VALUES ('r', 'r', 'roads') RETURNING id`,
  );
  const seg = (ext: string, name: string | null, wkt: string) =>
    db.query(
      `INSERT INTO road_segments (source_id, external_id, name, length_m, geom, content_hash)
     VALUES ($1, $2, $3, 100, ST_Multi(ST_GeomFromText($4, 4326)), 'x')`,
      [src, ext, name, wkt],
    );
  // ул. Ближняя passes ≈ 110 m north of the point (51.750, 55.050), ул. Дальняя ≈ 330 m south; the unnamed one is nearer.
  await seg('1', 'ул. Ближняя', 'LINESTRING(55.04 51.751, 55.06 51.751)');
  await seg('2', 'ул. Дальняя', 'LINESTRING(55.04 51.747, 55.06 51.747)');
  await seg('3', null, 'LINESTRING(55.04 51.7502, 55.06 51.7502)');
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe('place names of hotspot cells', () => {
  it('names the municipality covering the centre and the nearest named street', async () => {
    const near = latLngToCell(51.75, 55.05, 9);
    const east = latLngToCell(51.75, 55.15, 9);
    const outside = latLngToCell(51.9, 55.05, 9);
    const p = await cellPlaces(db, [near, east, outside]);
    expect(p.get(near)).toEqual({ municipality: 'Западный район', street: 'ул. Ближняя' });
    // No street within 800 m of the eastern cell.
    expect(p.get(east)).toEqual({ municipality: 'Восточный район', street: null });
    expect(p.get(outside)).toEqual({ municipality: null, street: null });
    expect(placeLabel(p.get(near))).toBe('Западный район, ул. Ближняя');
    expect(placeLabel(p.get(outside))).toBeNull();
    expect((await cellPlaces(db, [])).size).toBe(0);
  });
});
