import type { Session } from '../../../db';
import { cellFor } from '../h3';
import { geocodeBatch } from './batch';

const PAGE = 20_000;

/**
 * Geocodes, in bulk, the appeals named by `idsSql` that have an address but no coordinates. The work list is taken
 * once into a temp table (so each page is a cheap range read, however many rows the import touched), then a page at
 * a time: a few set-based queries to geocode it and one UPDATE. H3 is computed here with the same h3-js as at ingest,
 * so geocoded points land in the same cells as located ones; a street-level answer keeps its point but gets only
 * its res-7 cell (cellFor) and geocode_level 'street'. Appeals with their own coordinates are level 'point'.
 */
export async function geocodeAppeals(s: Session, idsSql: string): Promise<{ read: number; matched: number }> {
  const [g] = await s.query<{ x: boolean }>(`SELECT EXISTS (SELECT 1 FROM address_streets) AS x`);
  if (!g?.x) return { read: 0, matched: 0 };
  // A re-imported row that now comes with coordinates must not keep the confidence of its old geocoded point.
  await s.query(`UPDATE appeals SET geocode_confidence = NULL WHERE id IN (${idsSql})
                 AND geocode_confidence IS NOT NULL AND location_source IS DISTINCT FROM 'geocoded'`);
  // Its level too: its own coordinates are a point; none when it has none (the geocoder may place it below).
  await s.query(`UPDATE appeals SET geocode_level = CASE WHEN geom IS NULL THEN 'none' ELSE 'point' END WHERE id IN (${idsSql})
                 AND location_source IS DISTINCT FROM 'geocoded' AND location_source IS DISTINCT FROM 'manual'
                 AND geocode_level IS DISTINCT FROM CASE WHEN geom IS NULL THEN 'none' ELSE 'point' END`);
  await s.query(`CREATE TEMP TABLE appeal_geocode_queue ON COMMIT DROP AS
    SELECT id, address, street, house FROM appeals
    WHERE id IN (${idsSql}) AND geom IS NULL AND (address IS NOT NULL OR street IS NOT NULL)`);
  await s.query(`CREATE INDEX ON appeal_geocode_queue (id)`);
  let read = 0;
  let matched = 0;
  let after = 0;
  try {
    for (;;) {
      const rows = await s.query<{ id: number; address: string | null; street: string | null; house: string | null }>(
        `SELECT id, address, street, house FROM appeal_geocode_queue WHERE id > $1 ORDER BY id LIMIT ${PAGE}`, [after]);
      if (!rows.length) break;
      after = Number(rows[rows.length - 1]!.id);
      read += rows.length;
      matched += await placePage(s, rows, await geocodeBatch(s, rows));
      if (rows.length < PAGE) break;
    }
  } finally {
    await s.query(`DROP TABLE IF EXISTS appeal_geocode_queue`).catch(() => undefined);
  }
  return { read, matched };
}

/** One UPDATE for a page of answers; returns how many were placed. */
async function placePage(s: Session, rows: readonly { id: number }[], hits: Awaited<ReturnType<typeof geocodeBatch>>): Promise<number> {
  const ids: number[] = [];
  const lats: number[] = [];
  const lons: number[] = [];
  const cells: string[] = [];
  const confs: number[] = [];
  const levels: string[] = [];
  hits.forEach((h, i) => {
    if (!h) return;
    ids.push(rows[i]!.id);
    lats.push(h.lat);
    lons.push(h.lon);
    cells.push(cellFor(h.lat, h.lon, h.level ?? 'house'));
    confs.push(h.confidence);
    levels.push(h.level ?? 'house');
  });
  if (ids.length) {
    await s.query(`UPDATE appeals a SET geom = ST_SetSRID(ST_MakePoint(g.lon, g.lat), 4326), h3 = g.h3::bigint,
        location_source = 'geocoded', geocode_confidence = g.conf, geocode_level = g.level
      FROM unnest($1::bigint[], $2::float8[], $3::float8[], $4::text[], $5::float8[], $6::text[]) AS g(id, lat, lon, h3, conf, level)
      WHERE a.id = g.id`, [ids, lats, lons, cells, confs, levels]);
  }
  return ids.length;
}
