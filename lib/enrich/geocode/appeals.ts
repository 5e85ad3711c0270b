import type { Session } from '../../../db';
import {
  dropGeocodeQueue,
  hasStreets,
  placeGeocodedAppeals,
  queueAppealsToGeocode,
  queuedAppealsPage,
} from '../../../db/queries/geocode';
import type { AppealIds } from '../../../db/queries/spatial';
import { cellFor } from '../h3';
import { geocodeBatch } from './batch';

const PAGE = 20_000;

/**
 * Geocodes, in bulk, the appeals named by `ids` (db/queries/spatial.ts appealIdsIn) that have an address but no
 * coordinates. The work list is taken once into a temp table (so each page is a cheap range read, however many rows the import touched), then a page at
 * a time: a few set-based queries to geocode it and one UPDATE. H3 is computed here with the same h3-js as at ingest,
 * so geocoded points land in the same cells as located ones; a street-level answer keeps its point but gets only
 * its res-7 cell (cellFor) and geocode_level 'street'. Appeals with their own coordinates are level 'point'.
 */
export async function geocodeAppeals(s: Session, ids: AppealIds | string): Promise<{ read: number; matched: number }> {
  if (!(await hasStreets(s))) return { read: 0, matched: 0 };
  // A re-imported row that now comes with coordinates must not keep the confidence (nor the level) of its old
  // geocoded point; the rest with an address but no point are queued.
  await queueAppealsToGeocode(s, ids);
  let read = 0;
  let matched = 0;
  let after = 0;
  try {
    for (;;) {
      const rows = await queuedAppealsPage(s, after, PAGE);
      if (!rows.length) break;
      after = Number(rows[rows.length - 1]!.id);
      read += rows.length;
      matched += await placePage(s, rows, await geocodeBatch(s, rows));
      if (rows.length < PAGE) break;
    }
  } finally {
    await dropGeocodeQueue(s).catch(() => undefined);
  }
  return { read, matched };
}

/** One UPDATE for a page of answers; returns how many were placed. */
async function placePage(
  s: Session,
  rows: readonly { id: number }[],
  hits: Awaited<ReturnType<typeof geocodeBatch>>,
): Promise<number> {
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
    await placeGeocodedAppeals(s, { ids, lats, lons, cells, confs, levels });
  }
  return ids.length;
}
